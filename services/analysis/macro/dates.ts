/** Calendar helpers on 'YYYY-MM-DD' strings (UTC arithmetic, no time zones). */

export type IsoDate = string;
/** 'YYYY-MM' */
export type IsoMonth = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export class MacroInputError extends Error {
  override readonly name = 'MacroInputError';
}

/** UTC milliseconds of the date; throws when it is not a real calendar date. */
export function dayMs(date: IsoDate): number {
  const m = ISO_RE.exec(date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (!m || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new MacroInputError(`"${date}" is not a YYYY-MM-DD date`);
  }
  return t;
}

const iso = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

export function addDays(date: IsoDate, days: number): IsoDate {
  return iso(dayMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS);
}

export function daysInMonth(month: IsoMonth): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, m ?? 0, 0)).getUTCDate();
}

/** `date` shifted by `months`, the day clamped to the month's length (2024-03-31 − 1 = 2024-02-29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  dayMs(date);
  const [y, m, d] = date.split('-').map(Number);
  const index = (y ?? 0) * 12 + (m ?? 1) - 1 + months;
  const month = monthOf(Math.floor(index / 12), (index % 12) + 1);
  return `${month}-${String(Math.min(d ?? 1, daysInMonth(month))).padStart(2, '0')}`;
}

function monthOf(year: number, month: number): IsoMonth {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function nextMonth(month: IsoMonth): IsoMonth {
  return addMonths(`${month}-01`, 1).slice(0, 7);
}

export const monthFirst = (month: IsoMonth): IsoDate => `${month}-01`;
export const monthLast = (month: IsoMonth): IsoDate =>
  `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
