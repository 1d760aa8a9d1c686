/**
 * Brazilian number and date formats as the sites print them: "1.234,56", "-0,66%", "33,2%",
 * "195.091.000.000", "03/07/2026". A value that is not in the expected form returns `undefined`
 * so the caller can raise LAYOUT_CHANGED naming the label; "-" and "" (not applicable) return null.
 */
const BR_NUMBER = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

export function parseBrNumber(text: string): number | null | undefined {
  const t = text.replace(/\u00a0/g, ' ').trim();
  if (t === '' || t === '-' || t === '--' || t === '—') return null;
  const unsigned = t.replace(/^R\$\s*/, '');
  if (!BR_NUMBER.test(unsigned)) return undefined;
  const n = Number(unsigned.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** "33,2%" → 33.2 (percentage points). A number without "%" is refused where a percent is due. */
export function parseBrPercent(text: string): number | null | undefined {
  const t = text.replace(/\u00a0/g, ' ').trim();
  if (t === '' || t === '-' || t === '--') return null;
  if (!t.endsWith('%')) return undefined;
  return parseBrNumber(t.slice(0, -1));
}

/** "dd/mm/yyyy" → "yyyy-mm-dd"; checks the calendar. */
export function parseBrDate(text: string): string | null | undefined {
  const t = text.trim();
  if (t === '' || t === '-') return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (!m) return undefined;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const iso = `${yyyy}-${mm}-${dd}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A plain number with a dot decimal ("1977997.0000000000", "-0.5"), as CSV exports and APIs give. */
export function parseDotNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
