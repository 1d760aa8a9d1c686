import { layoutChanged } from '../errors';
import { textOf } from '../shared/html';

/** The `<table id="resultado">` of proventos.php and resultado.php: header texts and rows of cell HTML. */
export interface ResultTable {
  headers: string[];
  rows: string[][];
}

const TABLE_RE = /<table\b[^>]*\bid\s*=\s*"resultado"[^>]*>([\s\S]*?)<\/table>/i;
const THEAD_RE = /<thead\b[^>]*>([\s\S]*?)<\/thead>/i;
const TBODY_RE = /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/i;
const TH_RE = /<th\b[^>]*>([\s\S]*?)<\/th>/gi;
const TR_RE = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
const TD_RE = /<td\b[^>]*>([\s\S]*?)<\/td>/gi;

/** Whitespace collapsed, for comparing header and cell texts. */
export function cellText(html: string): string {
  return textOf(html).replace(/\s+/g, ' ').trim();
}

/**
 * The complete `id="resultado"` table, or null when the page has none (a page cut short inside
 * the table has none either). Every row must have one cell per header: a row that does not is
 * LAYOUT_CHANGED, never a row read with shifted columns.
 */
export function readResultTable(html: string, page: string): ResultTable | null {
  const table = TABLE_RE.exec(html)?.[1];
  if (table === undefined) return null;
  const thead = THEAD_RE.exec(table)?.[1];
  const tbody = TBODY_RE.exec(table)?.[1];
  if (thead === undefined || tbody === undefined) {
    throw layoutChanged(`${page}: the resultado table has no ${thead === undefined ? 'thead' : 'tbody'}`);
  }
  const headers = [...thead.matchAll(TH_RE)].map((m) => cellText(m[1] ?? ''));
  if (headers.length === 0) throw layoutChanged(`${page}: the resultado table has no column headers`);
  const rows: string[][] = [];
  for (const tr of tbody.matchAll(TR_RE)) {
    const cells = [...(tr[1] ?? '').matchAll(TD_RE)].map((m) => m[1] ?? '');
    if (cells.length !== headers.length) {
      throw layoutChanged(
        `${page}: row ${rows.length + 1} has ${cells.length} cells for ${headers.length} columns (${headers.join(', ')})`,
      );
    }
    rows.push(cells);
  }
  return { headers, rows };
}

/** Column index by header name; every header must be known and each wanted one present exactly once. */
export function columnIndex<H extends string>(
  headers: string[],
  known: readonly H[],
  required: readonly H[],
  page: string,
): Map<H, number> {
  const index = new Map<H, number>();
  headers.forEach((h, i) => {
    const name = known.find((k) => k === h);
    if (name === undefined) throw layoutChanged(`${page}: an unknown column (known: ${known.join(', ')})`);
    if (index.has(name)) throw layoutChanged(`${page}: column "${h}" appears twice`);
    index.set(name, i);
  });
  const missing = required.filter((r) => !index.has(r));
  if (missing.length)
    throw layoutChanged(`${page}: column ${missing.map((m) => `"${m}"`).join(', ')} missing`);
  return index;
}
