import ExcelJS from 'exceljs';
import { AppError } from '../../contract/errors';

export type Cell = string | number | null;

export interface Table {
  /** The sheet's name (XLSX) or null (CSV). */
  sheet: string | null;
  headers: string[];
  /** Data rows with their line (CSV) or row number (XLSX), cells by header. */
  rows: { line: number; cells: Record<string, Cell> }[];
}

const MAX_ROWS = 200_000;

/** "Preço unitário" and "Preço  unitário " compare equal; so do NFC and NFD accents. */
export const normHeader = (h: string): string => h.normalize('NFC').replace(/\s+/g, ' ').trim();

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue(v.result);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return typeof v.text === 'string' ? v.text : null;
    return null;
  }
  return typeof v === 'boolean' ? String(v) : null;
}

/**
 * Every sheet of an XLSX, rows read one by one (B3's writer declares `<dimension ref="A1"/>`, so
 * the dimension is not trusted). The first non-empty row is the header.
 */
export async function readXlsx(data: Buffer, file: string): Promise<Table[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNSUPPORTED_FILE', `${file}: not a readable XLSX workbook`, { file });
  }
  return wb.worksheets.map((ws) => {
    let headers: string[] | null = null;
    const rows: Table['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      if (!headers) {
        headers = values.map((v) => normHeader(v === null ? '' : String(v)));
        return;
      }
      if (rows.length >= MAX_ROWS)
        throw new AppError('UNSUPPORTED_FILE', `${file}: more than ${MAX_ROWS} rows`, { file });
      const cells: Record<string, Cell> = {};
      headers.forEach((h, i) => (cells[h] = values[i] ?? null));
      rows.push({ line: n, cells });
    });
    return { sheet: ws.name, headers: headers ?? [], rows };
  });
}

/** A CSV (`;`, `,` or tab, chosen from the header line), UTF-8 with or without BOM, quotes as RFC 4180. */
export function readCsv(text: string, file: string): Table {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delim = [';', ',', '\t'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ';',
  );
  const records: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delim) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
      if (records.length > MAX_ROWS)
        throw new AppError('UNSUPPORTED_FILE', `${file}: more than ${MAX_ROWS} rows`, { file });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted)
    throw new AppError('MALFORMED_RECORD', `${file}: line ${recordLine}: a quoted field is not closed`, {
      file,
      line: recordLine,
    });
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
  const [head, ...rest] = records;
  const headers = (head?.fields ?? []).map(normHeader);
  return {
    sheet: null,
    headers,
    rows: rest.map((r) => {
      const cells: Record<string, Cell> = {};
      headers.forEach((h, i) => (cells[h] = r.fields[i] ?? null));
      return { line: r.line, cells };
    }),
  };
}

/**
 * A money or quantity cell: numbers as they are; text in Brazilian form ("1.234,56", "R$ 5,99",
 * a spreadsheet's " RR$\t5,99 ") or plain ("1234.56"); "-" or empty is null. Anything else: NaN.
 */
export function parseNumber(c: Cell): number | null {
  if (c === null) return null;
  if (typeof c === 'number') return c;
  let s = c.replace(/\s+/g, '').replace(/^R+\$/i, '').replace(/^\$/, '');
  if (s === '' || s === '-') return null;
  const neg = /^\(.*\)$/.test(s) || s.startsWith('-');
  s = s.replace(/^[-(]|\)$/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^\d+(,\d+)?$/.test(s))
    s = s.replace(/\./g, '').replace(',', '.');
  else if (!/^\d+(\.\d+)?$/.test(s) && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number.NaN;
  else s = s.replace(/,/g, '');
  const n = Number(s);
  return neg ? -n : n;
}

/** dd/mm/yyyy, yyyy-mm-dd, or an XLSX date (already YYYY-MM-DD): YYYY-MM-DD, else null. */
export function parseDate(c: Cell): string | null {
  if (typeof c !== 'string') return null;
  const s = c.trim();
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}
