import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalKeyName } from '../fundamental-keys';
import type { ScreenerItem } from '../models';
import { parseBrNumber } from '../shared/br-format';
import { parseDelimited } from '../shared/csv';

/**
 * Every column of the "busca avançada" CSV export (header as exported, trimmed) and its standard key.
 * Percent columns are written without "%" but are percentage points (DY "13,29" = 13.29%).
 * `null`: a column we know but do not store. LIQUIDEZ MEDIA DIARIA is Status Invest's 30-day mean
 * (`liquidity_30d`, not the 2-month `liquidity_2m`).
 */
export const BUSCA_COLUMNS: Readonly<Record<string, FundamentalKeyName | null>> = {
  PRECO: 'price',
  DY: 'dy',
  'P/L': 'pl',
  'P/VP': 'pvp',
  'P/ATIVOS': 'p_assets',
  'MARGEM BRUTA': 'gross_margin',
  'MARGEM EBIT': 'ebit_margin',
  'MARG. LIQUIDA': 'net_margin',
  'P/EBIT': 'p_ebit',
  'EV/EBIT': 'ev_ebit',
  'DIVIDA LIQUIDA / EBIT': 'net_debt_to_ebit',
  'DIV. LIQ. / PATRI.': 'net_debt_to_equity',
  PSR: 'psr',
  'P/CAP. GIRO': 'p_working_capital',
  'P. AT CIR. LIQ.': 'p_net_current_assets',
  'LIQ. CORRENTE': 'current_ratio',
  ROE: 'roe',
  ROA: 'roa',
  ROIC: 'roic',
  'PATRIMONIO / ATIVOS': 'equity_to_assets',
  'PASSIVOS / ATIVOS': 'liabilities_to_assets',
  'GIRO ATIVOS': 'asset_turnover',
  'CAGR RECEITAS 5 ANOS': 'revenue_cagr_5y',
  'CAGR LUCROS 5 ANOS': 'earnings_cagr_5y',
  'LIQUIDEZ MEDIA DIARIA': 'liquidity_30d',
  VPA: 'vpa',
  LPA: 'lpa',
  'PEG RATIO': 'peg',
  'VALOR DE MERCADO': 'market_cap',
};

/** A B3 ticker: issuer code, class number, an optional B (over-the-counter) or F (fractional). */
const TICKER = /^[A-Z0-9]{4}\d{1,2}[BF]?$/;

export function parseBuscaAvancada(text: string): ScreenerItem[] {
  const rows = parseDelimited(text, ';').filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toUpperCase());
  if (header[0] !== 'TICKER') {
    throw layoutChanged('status-invest busca avançada: not the CSV export (its first column is not TICKER)');
  }
  const keys: (FundamentalKeyName | null)[] = [];
  for (let c = 1; c < header.length; c++) {
    const name = header[c] ?? '';
    if (!Object.hasOwn(BUSCA_COLUMNS, name)) {
      throw layoutChanged(`status-invest busca avançada: unknown column at position ${c + 1}`);
    }
    if (header.indexOf(name) !== c) {
      throw layoutChanged(`status-invest busca avançada: column ${name} appears twice`);
    }
    keys.push(BUSCA_COLUMNS[name] ?? null);
  }
  // The export ends with a line break; a last row without one was cut mid-cell ("4.630.15"),
  // and a cut number can still read as a number.
  if (rows.length > 1 && !/[\r\n]\s*$/.test(text)) {
    throw layoutChanged(
      'status-invest busca avançada: the export does not end with a line break (cut short)',
    );
  }
  const items: ScreenerItem[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.length !== header.length) {
      throw layoutChanged(
        `status-invest busca avançada: line ${r + 1} has ${cells.length} cells, the header ${header.length}`,
      );
    }
    const ticker = (cells[0] ?? '').trim().toUpperCase();
    if (!TICKER.test(ticker))
      throw layoutChanged(`status-invest busca avançada: line ${r + 1}: column TICKER is not a ticker`);
    const values: Record<string, number | null> = {};
    for (let c = 1; c < cells.length; c++) {
      const key = keys[c - 1];
      if (!key) continue;
      const v = parseBrNumber(cells[c] ?? '');
      if (v === undefined) {
        throw layoutChanged(
          `status-invest busca avançada: line ${r + 1} (${ticker}), column ${header[c]}: not a number`,
        );
      }
      values[key] = v;
    }
    items.push({ ticker, values });
  }
  return items;
}

export const buscaAvancadaFetcher = defineFetcher({
  model: 'screener',
  parserVersion: 3,
  primary: 'ticker',
  required: [],
  request(_q, ctx) {
    return {
      url: `${ctx.baseUrl}/category/advancedsearchresultexport?search=%7B%7D&CategoryType=1`,
      encoding: 'auto',
    };
  },
  transform(raw, q) {
    const items = parseBuscaAvancada(raw.text());
    if (!q.ticker) return items;
    // A ticker query keeps that ticker's row only.
    const one = items.filter((i) => i.ticker === q.ticker);
    if (one.length === 0)
      throw new SourceError('NOT_FOUND', `${q.ticker} is not in the Status Invest screener export`);
    return one;
  },
});
