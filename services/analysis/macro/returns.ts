import {
  compoundDaily,
  compoundMonths,
  type MonthRule,
  type MonthWeight,
  type SeriesPoint,
  windowMonths,
} from './compound';
import { addMonths, daysBetween, dayMs, type IsoDate, type IsoMonth, MacroInputError } from './dates';

export type WindowId = '1m' | '12m' | '5y';
export const WINDOW_MONTHS: Readonly<Record<WindowId, number>> = { '1m': 1, '12m': 12, '5y': 60 };

export interface PeriodReturnsInput {
  /** Adjusted closes (total return, as indicators use), ascending by date. */
  closes: readonly { date: IsoDate; close: number }[];
  /** CDI (SGS 12) or Selic (SGS 11) in % per business day, dated by business day. Preferred. */
  cdiDaily?: readonly SeriesPoint[];
  /** CDI accumulated in the month (SGS 4391) in %, dated YYYY-MM-01. Used when the daily one is absent or short. */
  cdiMonthly?: readonly SeriesPoint[];
  /** IPCA monthly change (SGS 433) in %, dated YYYY-MM-01. */
  ipcaMonthly: readonly SeriesPoint[];
}

export interface PeriodReturnsOptions {
  /** Months counted for IPCA and the monthly CDI (see compound.ts). Default 'full_months'. */
  monthRule?: MonthRule;
  /** Longest stretch without a close (at either end) or a daily rate. Default 7 calendar days. */
  maxGapDays?: number;
  /** Trailing months not yet published that may be left out (noted). Default 2. */
  maxUnpublishedMonths?: number;
}

export interface CdiAccrual {
  basis: 'daily' | 'monthly';
  /** Daily: rates dated in [from, to) and how many. Monthly: the months and weights. */
  days?: number;
  first?: IsoDate | null;
  last?: IsoDate | null;
  months?: MonthWeight[];
  unpublished?: IsoMonth[];
}

export interface PeriodReturn {
  window: WindowId;
  /** The calendar window (start, end]: end = asOf, start = asOf minus the window's months. */
  start: IsoDate;
  end: IsoDate;
  /** The bars used: the last close on or before `start` and the last on or before `end`. */
  from: IsoDate;
  to: IsoDate;
  close_from: number;
  close_to: number;
  nominal_pct: number;
  cdi_pct: number | null;
  cdi: CdiAccrual | null;
  /** Geometric: (1 + nominal) / (1 + CDI) − 1. */
  excess_vs_cdi_pct: number | null;
  ipca_pct: number | null;
  ipca_months: MonthWeight[];
  month_rule: MonthRule;
  /** Geometric: (1 + nominal) / (1 + IPCA) − 1. */
  real_pct: number | null;
  /** Why a benchmark is missing, or which months were left out. */
  notes: string[];
}

export interface PeriodReturns {
  as_of: IsoDate;
  windows: Record<WindowId, PeriodReturn | null>;
}

/** Index of the last close dated on or before `date`, or -1. */
function lastOnOrBefore(closes: PeriodReturnsInput['closes'], date: IsoDate): number {
  let lo = 0;
  let hi = closes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((closes[mid]?.date ?? '') <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function validateReturnsInput(input: PeriodReturnsInput, asOf: IsoDate): void {
  dayMs(asOf);
  const series: [string, readonly { date: IsoDate }[] | undefined][] = [
    ['closes', input.closes],
    ['cdiDaily', input.cdiDaily],
    ['cdiMonthly', input.cdiMonthly],
    ['ipcaMonthly', input.ipcaMonthly],
  ];
  for (const [name, points] of series) {
    points?.forEach((p, i) => {
      dayMs(p.date);
      const prev = points[i - 1];
      if (prev && !(prev.date < p.date))
        throw new MacroInputError(`${name}: dates not ascending at ${p.date}`);
    });
  }
  for (const c of input.closes) {
    if (!(c.close > 0) || !Number.isFinite(c.close))
      throw new MacroInputError(`closes: ${c.close} on ${c.date}`);
  }
}

export function returnsOptions(options: PeriodReturnsOptions): Required<PeriodReturnsOptions> {
  return {
    monthRule: options.monthRule ?? 'full_months',
    maxGapDays: options.maxGapDays ?? 7,
    maxUnpublishedMonths: options.maxUnpublishedMonths ?? 2,
  };
}

const ratioPct = (a: number, b: number): number => ((1 + a / 100) / (1 + b / 100) - 1) * 100;

function cdiFor(
  input: PeriodReturnsInput,
  span: { from: IsoDate; to: IsoDate; start: IsoDate; end: IsoDate },
  o: Required<PeriodReturnsOptions>,
  notes: string[],
): { pct: number; cdi: CdiAccrual } | null {
  if (input.cdiDaily) {
    const daily = compoundDaily(input.cdiDaily, span.from, span.to, o.maxGapDays);
    if (daily)
      return {
        pct: daily.pct,
        cdi: { basis: 'daily', days: daily.days, first: daily.first, last: daily.last },
      };
    notes.push(`the daily CDI does not cover ${span.from}..${span.to}`);
  }
  if (input.cdiMonthly) {
    const months = windowMonths(span.start, span.end, o.monthRule);
    const monthly = compoundMonths(input.cdiMonthly, months, o.maxUnpublishedMonths);
    if (monthly) {
      if (monthly.unpublished.length)
        notes.push(`monthly CDI not yet published for ${monthly.unpublished.join(', ')}`);
      return {
        pct: monthly.pct,
        cdi: { basis: 'monthly', months: monthly.months, unpublished: monthly.unpublished },
      };
    }
    notes.push(
      months.length === 0
        ? `monthly CDI: no whole calendar month in ${span.start}..${span.end} (${o.monthRule})`
        : `the monthly CDI does not cover the ${o.monthRule} months of ${span.start}..${span.end}`,
    );
  }
  if (!input.cdiDaily && !input.cdiMonthly) notes.push('no CDI series given');
  return null;
}

/** The return over the calendar span (start, end]; null when the closes do not cover it. */
export function spanReturn(
  input: PeriodReturnsInput,
  start: IsoDate,
  end: IsoDate,
  o: Required<PeriodReturnsOptions>,
): Omit<PeriodReturn, 'window'> | null {
  const i0 = lastOnOrBefore(input.closes, start);
  const i1 = lastOnOrBefore(input.closes, end);
  const c0 = input.closes[i0];
  const c1 = input.closes[i1];
  if (!c0 || !c1 || i0 >= i1) return null;
  if (daysBetween(c0.date, start) > o.maxGapDays || daysBetween(c1.date, end) > o.maxGapDays) return null;

  const notes: string[] = [];
  const nominal = (c1.close / c0.close - 1) * 100;
  const cdi = cdiFor(input, { from: c0.date, to: c1.date, start, end }, o, notes);
  const months = windowMonths(start, end, o.monthRule);
  const ipca = compoundMonths(input.ipcaMonthly, months, o.maxUnpublishedMonths);
  if (months.length === 0) notes.push(`IPCA: no whole calendar month in ${start}..${end} (${o.monthRule})`);
  else if (!ipca) notes.push(`IPCA does not cover the ${o.monthRule} months of ${start}..${end}`);
  else if (ipca.unpublished.length)
    notes.push(`IPCA not yet published for ${ipca.unpublished.join(', ')}: left out`);
  return {
    start,
    end,
    from: c0.date,
    to: c1.date,
    close_from: c0.close,
    close_to: c1.close,
    nominal_pct: nominal,
    cdi_pct: cdi?.pct ?? null,
    cdi: cdi?.cdi ?? null,
    excess_vs_cdi_pct: cdi ? ratioPct(nominal, cdi.pct) : null,
    ipca_pct: ipca?.pct ?? null,
    ipca_months: ipca?.months ?? months,
    month_rule: o.monthRule,
    real_pct: ipca ? ratioPct(nominal, ipca.pct) : null,
    notes,
  };
}

function windowReturn(
  input: PeriodReturnsInput,
  asOf: IsoDate,
  window: WindowId,
  o: Required<PeriodReturnsOptions>,
): PeriodReturn | null {
  const span = spanReturn(input, addMonths(asOf, -WINDOW_MONTHS[window]), asOf, o);
  return span && { window, ...span };
}

/**
 * A stock's nominal and real (IPCA-deflated) return over 1 m, 12 m and 5 y up to `asOf`, against
 * the CDI. A window is null when the closes do not cover it (no close within `maxGapDays` before
 * its start or before `asOf`); a benchmark is null, with a note, when its series does not.
 * CDI: the daily series (rates dated in [from, to), the bar dates) when given and covering, else the
 * monthly one (months of the calendar window under `monthRule`). IPCA: the months of the calendar
 * window under `monthRule`.
 */
export function periodReturns(
  input: PeriodReturnsInput,
  asOf: IsoDate,
  options: PeriodReturnsOptions = {},
): PeriodReturns {
  validateReturnsInput(input, asOf);
  const o = returnsOptions(options);
  return {
    as_of: asOf,
    windows: {
      '1m': windowReturn(input, asOf, '1m', o),
      '12m': windowReturn(input, asOf, '12m', o),
      '5y': windowReturn(input, asOf, '5y', o),
    },
  };
}

export type SpanReturn = Omit<PeriodReturn, 'window'>;

/**
 * The nominal and real (IPCA-deflated) return over a chosen span (start, end], against the CDI:
 * the same rules as `periodReturns` (the last close on or before each end, IPCA months under
 * `monthRule`, the CDI compounded between the two bars). Null when the closes do not cover the span.
 */
export function rangeReturn(
  input: PeriodReturnsInput,
  start: IsoDate,
  end: IsoDate,
  options: PeriodReturnsOptions = {},
): SpanReturn | null {
  validateReturnsInput(input, end);
  dayMs(start);
  if (!(start < end)) throw new MacroInputError(`the span ${start}..${end} does not go forward`);
  return spanReturn(input, start, end, returnsOptions(options));
}
