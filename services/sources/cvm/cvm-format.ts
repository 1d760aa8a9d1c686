import { layoutChanged } from '../errors';

/**
 * CVM writes CD_CVM unpadded in the cadastro ("9512") and zero-padded in DFP/ITR ("009512"); both
 * come out unpadded so companies and statements join on one form.
 */
export function cvmCode(text: string, where: string): string {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) throw layoutChanged(`${where}: CD_CVM "${t}" is not a CVM code`);
  return String(Number(t));
}

/** An ISO date cell ("2022-03-31") or null when empty; anything else is a layout change. */
export function isoDateCell(text: string | undefined, where: string): string | null {
  const t = (text ?? '').trim();
  if (t === '') return null;
  if (!isIsoDate(t)) throw layoutChanged(`${where}: "${t}" is not a YYYY-MM-DD date`);
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
