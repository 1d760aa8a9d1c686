/**
 * A table as RFC 4180 CSV: comma-separated, CRLF line ends, a header line; a cell with a comma,
 * quote, CR or LF is quoted with its quotes doubled; null is empty; objects are their JSON.
 */
export function tableCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => {
    const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
