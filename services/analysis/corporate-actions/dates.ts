import { CorporateActionError, type IsoDate } from './types';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC midnight of an ISO date, or NaN when it is not a real calendar date. */
function utcDay(date: string): number {
  const m = ISO_RE.exec(date);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    ? t
    : Number.NaN;
}

export function assertIsoDate(date: string, what: string): void {
  if (Number.isNaN(utcDay(date))) {
    throw new CorporateActionError('INVALID_INPUT', `${what}: "${date}" is not a YYYY-MM-DD date`);
  }
}

/** The next Monday–Friday after `date` (holidays not known). */
export function nextWeekday(date: IsoDate): IsoDate {
  const day = new Date(utcDay(date) + 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The first of `tradingDays` (ascending) after `date`; the next weekday when there is none, or when
 * `date` lies before the first of them (the calendar does not reach back that far: a data com years
 * before the first bar must not become the first bar's date).
 */
export function nextTradingDay(date: IsoDate, tradingDays?: readonly IsoDate[]): IsoDate {
  if (tradingDays && tradingDays.length > 0 && date >= (tradingDays[0] ?? '')) {
    let lo = 0;
    let hi = tradingDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((tradingDays[mid] ?? '') <= date) lo = mid + 1;
      else hi = mid;
    }
    const found = tradingDays[lo];
    if (found !== undefined) return found;
  }
  return nextWeekday(date);
}
