import { layoutChanged, SourceError } from '../errors';
import type { DividendItem } from '../models';
import { parseBrDate, parseBrNumber } from '../shared/br-format';
import { isUnknownTickerPage, pageTicker } from './page-text';
import { cellText, columnIndex, readResultTable } from './result-table';

const PAGE = 'proventos.php';
const COLUMNS = ['Data', 'Valor', 'Tipo', 'Data de Pagamento', 'Por quantas ações'] as const;

/**
 * The kinds Fundamentus writes (upper or mixed case, with or without the accent), accents removed
 * and upper-cased. "JUROS" is how older rows name interest on equity (JCP). Anything else is OUTRO.
 */
const TYPES: Record<string, DividendItem['type']> = {
  DIVIDENDO: 'DIVIDENDO',
  DIVIDENDOS: 'DIVIDENDO',
  'DIVIDENDO MENSAL': 'DIVIDENDO',
  'JRS CAP PROPRIO': 'JCP',
  'JRS CAP PROPRIO MENSAL': 'JCP',
  'JUROS SOBRE CAPITAL PROPRIO': 'JCP',
  JUROS: 'JCP',
  'JUROS MENSAL': 'JCP',
  JCP: 'JCP',
  RENDIMENTO: 'RENDIMENTO',
  RENDIMENTOS: 'RENDIMENTO',
  'RENDIMENTO MENSAL': 'RENDIMENTO',
};

export function dividendType(sourceType: string): DividendItem['type'] {
  const key = sourceType
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
  return Object.hasOwn(TYPES, key) ? (TYPES[key] ?? 'OUTRO') : 'OUTRO';
}

/** "No dividends" as the page may say it when it shows no table. */
const NONE_RE = /(nenhum|n[ãa]o h[áa]|sem)\s+(provento|dividendo)/i;

/** Read proventos.php (decoded text) for `ticker`: one item per row of the resultado table. */
export function parseFundamentusDividends(html: string, ticker: string): DividendItem[] {
  const want = ticker.trim().toUpperCase();
  if (isUnknownTickerPage(html)) {
    throw new SourceError('NOT_FOUND', `Fundamentus has no ticker ${want} ("Nenhum papel encontrado")`);
  }
  const shown = pageTicker(html);
  if (shown !== null && shown !== want) {
    throw layoutChanged(`${PAGE}: the page is about ${shown}, not the ${want} asked for`);
  }
  const table = readResultTable(html, PAGE);
  if (!table) {
    if (NONE_RE.test(html.replace(/<[^>]*>/g, ' '))) return [];
    throw layoutChanged(`${PAGE}: no resultado table and no "no dividends" message`);
  }
  const col = columnIndex(table.headers, COLUMNS, COLUMNS, PAGE);
  const at = (cells: string[], name: (typeof COLUMNS)[number]): string =>
    cellText(cells[col.get(name) ?? -1] ?? '');

  return table.rows.map((cells, i) => {
    const where = `${PAGE} row ${i + 1}`;
    const exDate = parseBrDate(at(cells, 'Data'));
    if (typeof exDate !== 'string') throw layoutChanged(`${where}: Data is not a date (dd/mm/aaaa)`);
    const value = parseBrNumber(at(cells, 'Valor'));
    if (typeof value !== 'number' || value < 0) {
      throw layoutChanged(`${where}: Valor is not an amount`);
    }
    const payText = at(cells, 'Data de Pagamento');
    const payment = parseBrDate(payText);
    if (payment === undefined) throw layoutChanged(`${where}: Data de Pagamento is not a date or "-"`);
    const perText = at(cells, 'Por quantas ações');
    const per = parseBrNumber(perText);
    if (typeof per !== 'number' || !Number.isInteger(per) || per <= 0) {
      throw layoutChanged(`${where}: Por quantas ações is not a positive whole number`);
    }
    const sourceType = at(cells, 'Tipo');
    if (sourceType === '') throw layoutChanged(`${where}: empty Tipo`);
    return {
      ticker: want,
      type: dividendType(sourceType),
      source_type: sourceType,
      ex_date: exDate,
      payment_date: payment,
      value,
      per_shares: per,
    };
  });
}
