import { layoutChanged } from '../errors';
import type { TreasuryBondItem } from '../models';
import type { SourceQuery } from '../query';
import { parseBrDate, parseBrNumber } from '../shared/br-format';
import { parseDelimited } from '../shared/csv';

/** The columns of Tesouro Transparente's PrecoTaxaTesouroDireto.csv (`;`, dd/mm/aaaa, decimal comma). */
const COLUMNS = [
  'Tipo Titulo',
  'Data Vencimento',
  'Data Base',
  'Taxa Compra Manha',
  'Taxa Venda Manha',
  'PU Compra Manha',
  'PU Venda Manha',
  'PU Base Manha',
] as const;
type Column = (typeof COLUMNS)[number];

function date(rec: Record<Column, string>, col: Column, line: number): string {
  const d = parseBrDate(rec[col]);
  if (!d) throw layoutChanged(`tesouro csv line ${line}: ${col} is not dd/mm/aaaa`);
  return d;
}

function num(rec: Record<Column, string>, col: Column, line: number): number | null {
  const n = parseBrNumber(rec[col]);
  if (n === undefined) throw layoutChanged(`tesouro csv line ${line}: ${col} is not a number`);
  return n;
}

/**
 * Rows of the CSV as treasury-bond items. Rates are percent a year as written (7,64 → 7.64).
 *
 * A cut download: the file is large and a transfer that stops early leaves a last line cut
 * mid-row. Throwing would lose every good row before it, so the final line is skipped when (a) it
 * is the last line, (b) the text does not end with a line break (the transfer stopped inside it)
 * and (c) it has no more cells than the header. A cut inside the last cell leaves all the cells
 * and a shorter number, so a complete-looking unterminated last line is skipped too: the file
 * ends with a line break. Any other row with the wrong number of cells — a short row followed by
 * a line break, a row with too many cells — means the file is not the layout we know, and raises
 * LAYOUT_CHANGED.
 */
export function parsePrices(text: string, q: SourceQuery): TreasuryBondItem[] {
  const rows = parseDelimited(text).filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
  const header = (rows[0] ?? []).map((h) => h.trim());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw layoutChanged(
      `tesouro csv: missing column(s) ${missing.join(', ')} (the header has ${header.length})`,
    );
  }
  const unterminated = !/[\r\n]$/.test(text);
  const items: TreasuryBondItem[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    const line = r + 1;
    // The last line of a text that does not end with a line break is where the transfer stopped:
    // even with all its cells, its last cell may be cut ("4204,44" → "4204,4"). It is skipped.
    if (r === rows.length - 1 && unterminated && cells.length <= header.length) continue;
    if (cells.length !== header.length) {
      throw layoutChanged(
        `tesouro csv line ${line}: ${cells.length} cells where the header has ${header.length}`,
      );
    }
    const rec = Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ''])) as Record<Column, string>;
    const base = date(rec, 'Data Base', line);
    if ((q.date && base !== q.date) || (q.from && base < q.from) || (q.to && base > q.to)) continue;
    const bondType = rec['Tipo Titulo'].trim();
    if (!bondType) throw layoutChanged(`tesouro csv line ${line}: empty Tipo Titulo`);
    items.push({
      bond_type: bondType,
      maturity: date(rec, 'Data Vencimento', line),
      base_date: base,
      buy_rate: num(rec, 'Taxa Compra Manha', line),
      sell_rate: num(rec, 'Taxa Venda Manha', line),
      buy_price: num(rec, 'PU Compra Manha', line),
      sell_price: num(rec, 'PU Venda Manha', line),
      base_price: num(rec, 'PU Base Manha', line),
    });
  }
  return items;
}
