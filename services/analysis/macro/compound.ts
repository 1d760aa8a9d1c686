import {
  addDays,
  daysBetween,
  daysInMonth,
  type IsoDate,
  type IsoMonth,
  monthFirst,
  monthLast,
  nextMonth,
} from './dates';

/** A series value: SGS daily '% a.d.' or monthly '% a.m.' (monthly points dated YYYY-MM-01). */
export interface SeriesPoint {
  date: IsoDate;
  value: number;
}

/**
 * - full_months: only calendar months wholly inside the window (start, end]: the month's first day
 *   is after `start` and its last day is on or before `end`. A window from 2020-12-31 to 2021-12-31
 *   holds Jan..Dec 2021; one from 2021-01-15 to 2021-02-15 holds none.
 * - pro_rata: every month the window touches, weighted by the share of its calendar days inside the
 *   window: factor^(days inside / days in month).
 */
export type MonthRule = 'full_months' | 'pro_rata';

export interface MonthWeight {
  month: IsoMonth;
  weight: number;
}

/** The months of the window (start, end] under `rule`, oldest first. */
export function windowMonths(start: IsoDate, end: IsoDate, rule: MonthRule): MonthWeight[] {
  const out: MonthWeight[] = [];
  for (let m = addDays(start, 1).slice(0, 7); monthFirst(m) <= end; m = nextMonth(m)) {
    const first = monthFirst(m) > start ? monthFirst(m) : addDays(start, 1);
    const last = monthLast(m) <= end ? monthLast(m) : end;
    const inside = daysBetween(first, last) + 1;
    const days = daysInMonth(m);
    if (rule === 'pro_rata') out.push({ month: m, weight: inside / days });
    else if (inside === days) out.push({ month: m, weight: 1 });
  }
  return out;
}

export interface DailyAccrual {
  pct: number;
  /** How many daily rates were compounded, and the first and last of their dates. */
  days: number;
  first: IsoDate | null;
  last: IsoDate | null;
}

/**
 * Compound the daily rates dated in [from, to): the rate published for day d is the overnight rate
 * from d to the next business day, so money held from the close of `from` to the close of `to`
 * earns the rates of `from` up to the business day before `to`. Null when the series does not
 * cover the span: it must start on or before `from`, and no stretch of the span (from its start,
 * between rates, up to `to`) may go more than `maxGapDays` calendar days without a rate.
 * `points` ascending by date.
 */
export function compoundDaily(
  points: readonly SeriesPoint[],
  from: IsoDate,
  to: IsoDate,
  maxGapDays: number,
): DailyAccrual | null {
  const head = points[0];
  if (!head || head.date > from) return null;
  let factor = 1;
  let days = 0;
  let first: IsoDate | null = null;
  let cursor = from;
  for (const p of points) {
    if (p.date < from) continue;
    if (p.date >= to) break;
    if (daysBetween(cursor, p.date) > maxGapDays) return null;
    factor *= 1 + p.value / 100;
    days++;
    first ??= p.date;
    cursor = p.date;
  }
  if (daysBetween(cursor, to) > maxGapDays) return null;
  return { pct: (factor - 1) * 100, days, first, last: days > 0 ? cursor : null };
}

export interface MonthlyAccrual {
  pct: number;
  months: MonthWeight[];
  /** Trailing months of the window not yet published, left out. */
  unpublished: IsoMonth[];
}

/**
 * Compound monthly % values over `months` (factor^weight each). Trailing months after the series'
 * last point (not yet published: IPCA comes out about ten days after the month) are left out when
 * there are at most `maxUnpublished` of them; any other missing month, or no month at all, is null.
 */
export function compoundMonths(
  points: readonly SeriesPoint[],
  months: readonly MonthWeight[],
  maxUnpublished: number,
): MonthlyAccrual | null {
  const byMonth = new Map(points.map((p) => [p.date.slice(0, 7), p.value]));
  const lastPublished = points.reduce<IsoMonth>(
    (a, p) => (p.date.slice(0, 7) > a ? p.date.slice(0, 7) : a),
    '',
  );
  const used = months.filter((m) => m.month <= lastPublished);
  const unpublished = months.filter((m) => m.month > lastPublished).map((m) => m.month);
  if (used.length === 0 || unpublished.length > maxUnpublished) return null;
  let factor = 1;
  for (const { month, weight } of used) {
    const v = byMonth.get(month);
    if (v === undefined) return null;
    factor *= (1 + v / 100) ** weight;
  }
  return { pct: (factor - 1) * 100, months: used.map((m) => ({ ...m })), unpublished };
}
