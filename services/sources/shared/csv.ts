/**
 * Delimited text as the Brazilian open-data files write it (`;`, optional double quotes, CRLF or
 * LF). Returns rows of cells; a quoted cell may contain the delimiter, quotes ("") and newlines.
 */
export function parseDelimited(text: string, delimiter = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Rows as records keyed by the header, after checking that every `required` column is present
 * (the caller turns `missing` into LAYOUT_CHANGED). Short rows (a truncated last line) are reported.
 */
export function readTable(
  text: string,
  required: readonly string[],
  delimiter = ';',
): { header: string[]; rows: Record<string, string>[]; missing: string[]; shortRows: number[] } {
  const all = parseDelimited(text, delimiter).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = (all[0] ?? []).map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  const rows: Record<string, string>[] = [];
  const shortRows: number[] = [];
  for (let r = 1; r < all.length; r++) {
    const cells = all[r]!;
    if (cells.length !== header.length) {
      shortRows.push(r + 1);
      continue;
    }
    const rec: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) rec[header[c]!] = cells[c]!;
    rows.push(rec);
  }
  return { header, rows, missing, shortRows };
}
