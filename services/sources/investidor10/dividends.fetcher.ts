import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { DividendItem } from '../models';
import { parseBrDate, parseBrNumber } from '../shared/br-format';
import { checkedPage, investidor10Request, pageKind, type PageKind } from './fundamentals.fetcher';
import { tableById } from './page-parse';

const HEADER = ['Tipo', 'Data COM', 'Pagamento', 'Valor'];

function typeOf(source: string, kind: PageKind): DividendItem['type'] {
  const t = source.toLocaleUpperCase('pt-BR');
  if (/^(JSCP|JCP|JUROS)/.test(t)) return 'JCP';
  if (/^RENDIMENTO/.test(t)) return 'RENDIMENTO';
  // A FII's "Dividendos" are the fund's distributions (rendimentos); a company's are dividends.
  if (/^DIVIDENDO/.test(t)) return kind === 'fii' ? 'RENDIMENTO' : 'DIVIDENDO';
  return 'OUTRO';
}

/** The dividends history table (`#table-dividends-history`: Tipo, Data COM, Pagamento, Valor). */
export function parseDividends(html: string, status: number, ticker: string, kind: PageKind): DividendItem[] {
  checkedPage(html, status, ticker);
  const table = tableById(html, 'table-dividends-history');
  if (table === null) return []; // an asset that never paid has no history table
  if (table.header.join('|') !== HEADER.join('|'))
    throw layoutChanged(
      `investidor10 dividends: the header is ${table.header.join(', ')}, not ${HEADER.join(', ')}`,
    );
  return table.rows.map((cells, i) => {
    if (cells.length !== HEADER.length)
      throw layoutChanged(`investidor10 dividends: row ${i + 1} has ${cells.length} cells`);
    const [type, com, pay, value] = cells as [string, string, string, string];
    const exDate = parseBrDate(com);
    const payment = parseBrDate(pay);
    const v = parseBrNumber(value);
    if (!exDate || payment === undefined || v === undefined || v === null || type === '')
      throw layoutChanged(
        `investidor10 dividends: row ${i + 1} is not type, dd/mm/yyyy, dd/mm/yyyy or -, value`,
      );
    return {
      ticker,
      type: typeOf(type, kind),
      source_type: type,
      ex_date: exDate,
      payment_date: payment,
      value: v,
      per_shares: 1,
    };
  });
}

export const dividendsFetcher = defineFetcher({
  model: 'dividends',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  emptyIsValid: true,
  request: (q, ctx) => investidor10Request(q, ctx.baseUrl),
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investidor10: a ticker is required');
    return parseDividends(raw.text(), raw.status, q.ticker, pageKind(q));
  },
});
