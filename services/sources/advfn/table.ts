import { layoutChanged } from '../errors';
import { parseBrDate, parseBrNumber, parseBrPercent } from '../shared/br-format';
import { textOf } from '../shared/html';

/**
 * ADVFN's tables as the rendered page shows them: a header row of `<th>` labels, then rows of `<td>`
 * cells read by the header's position. A row of another width, or a header without a label the
 * parser needs, is a layout change. No capture exists: table ids and labels are the site's public
 * wording as we read it.
 */
export interface HeaderTable {
  header: string[];
  rows: string[][];
}

export function headerTable(html: string, id: string, what: string): HeaderTable {
  const m = new RegExp(`<table\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!m) throw layoutChanged(`${what}: no table #${id}`);
  const trs = [...(m[1] ?? '').matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => r[1] ?? '');
  const head = trs.find((r) => /<th\b/.test(r));
  if (head === undefined) throw layoutChanged(`${what}: table #${id} has no header row`);
  const header = [...head.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((c) => textOf(c[1] ?? ''));
  const rows = trs
    .filter((r) => r !== head && /<td\b/.test(r))
    .map((r) => [...r.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1] ?? '')));
  for (const [i, r] of rows.entries())
    if (r.length !== header.length)
      throw layoutChanged(`${what}: row ${i + 1} has ${r.length} cells for ${header.length} labels`);
  return { header, rows };
}

/** The column of each needed label; a label missing or shown twice is a layout change. */
export function columns<L extends string>(
  t: HeaderTable,
  labels: readonly L[],
  what: string,
): Record<L, number> {
  const out = {} as Record<L, number>;
  for (const l of labels) {
    const at = t.header.flatMap((h, i) => (h === l ? [i] : []));
    if (at.length !== 1)
      throw layoutChanged(`${what}: label "${l}" ${at.length ? 'shown twice' : 'not found'}`);
    out[l] = at[0] ?? -1;
  }
  return out;
}

export function cellNumber(
  row: string[],
  col: number,
  label: string,
  what: string,
  nullable = true,
): number | null {
  const v = parseBrNumber(row[col] ?? '');
  if (v === undefined || (v === null && !nullable))
    throw layoutChanged(`${what}: "${label}" is not a number`);
  return v;
}

export function cellPercent(row: string[], col: number, label: string, what: string): number | null {
  const v = parseBrPercent(row[col] ?? '');
  if (v === undefined) throw layoutChanged(`${what}: "${label}" is not a percentage`);
  return v;
}

export function cellDate(row: string[], col: number, label: string, what: string): string {
  const v = parseBrDate(row[col] ?? '');
  if (!v) throw layoutChanged(`${what}: "${label}" is not a dd/mm/yyyy date`);
  return v;
}

/** The page's asset heading: `<h1 …>Name (TICKER)</h1>`. */
export function pageTicker(html: string): string | null {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
  return h1 === undefined ? null : (/\(([A-Z0-9]{4,12})\)\s*$/.exec(textOf(h1))?.[1] ?? null);
}
