import { layoutChanged } from '../errors';

/**
 * CVM writes CD_CVM unpadded in the cadastro ("9512") and zero-padded in DFP/ITR ("009512"); both
 * come out unpadded so companies and statements join on one form.
 */
export function cvmCode(text: string, where: string): string {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) throw layoutChanged(`${where}: CD_CVM is not a CVM code (1 to 9 digits)`);
  return String(Number(t));
}

/** An ISO date cell ("2022-03-31") or null when empty; anything else is a layout change. */
export function isoDateCell(text: string | undefined, where: string): string | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (!isIsoDate(t)) throw layoutChanged(`${where}: not a YYYY-MM-DD date`);
  return t;
}

/** Cheap shape check for YYYY-MM-DD (no regex: it runs on every row of 100 MB files). */
export function isIsoDate(t: string): boolean {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const month = (t.charCodeAt(5) - 48) * 10 + (t.charCodeAt(6) - 48);
  const day = (t.charCodeAt(8) - 48) * 10 + (t.charCodeAt(9) - 48);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const CNPJ = /^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/;

/** A CNPJ as CVM writes it ("00.416.968/0001-01"); anything else is another column's value. */
export function cnpjCell(text: string | undefined, where: string): string {
  const t = (text ?? '').trim();
  if (!CNPJ.test(t)) throw layoutChanged(`${where}: CNPJ_CIA is not a CNPJ (00.000.000/0000-00)`);
  return t;
}

const NUMBER_LIKE = /^[+-]?[\d.,\s]*\d[\d.,\s]*$/;

/**
 * A text cell (a name, a status, a sector): one that reads as a number or a date is refused, it
 * is another column's value (cells shifted or swapped). Empty stays empty.
 */
export function textCell(text: string | undefined, where: string): string {
  const t = (text ?? '').trim();
  if (t !== '' && (NUMBER_LIKE.test(t) || isIsoDate(t))) {
    throw layoutChanged(`${where}: reads as a number or a date, not a text`);
  }
  return t;
}

/** The header's column names, refusing a name given twice (which of the two would be read?). */
export function uniqueColumns(header: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw layoutChanged(`${what}: a column appears twice`);
    seen.add(h);
  }
}
