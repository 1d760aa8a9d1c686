/**
 * Calendar helpers on ISO dates (YYYY-MM-DD), in UTC so no time zone moves a day. Pure: no clock.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (!m) throw new Error(`not an ISO date: "${iso}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date part of an ISO date or datetime ("2023-05-02T10:00:00-03:00" → "2023-05-02"). */
export function dayOf(isoDateOrDateTime: string): string {
  const [y, m, d] = parts(isoDateOrDateTime);
  return format(Date.UTC(y, m - 1, d));
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(Date.UTC(y, m - 1, d + days));
}

/** Same day `months` later, clamped to the month's last day (2022-02-28 + 12 → 2023-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** The last day of the month `months` after the month of `iso` (months may be negative). */
export function endOfMonth(iso: string, months = 0): string {
  const [y, m] = parts(iso);
  return format(Date.UTC(y, m + months, 0));
}

/** The quarter end three months before a quarter end (2022-02-28 → 2021-11-30). */
export function previousQuarterEnd(quarterEnd: string): string {
  return endOfMonth(quarterEnd, -3);
}

/** The first day of the three-month quarter ending on `quarterEnd` (2022-06-30 → 2022-04-01). */
export function quarterStart(quarterEnd: string): string {
  return addDays(previousQuarterEnd(quarterEnd), 1);
}
