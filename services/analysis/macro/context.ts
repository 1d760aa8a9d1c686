import type { SeriesPoint } from './compound';
import { dayMs, type IsoDate, nextMonth } from './dates';

/** The SGS series the context reads (names as in services/sources/bcb/series.ts). */
export type MacroCode = 432 | 4189 | 4391 | 13522 | 433 | 10813 | 1;
export type MacroSeriesInput = Partial<Record<MacroCode, readonly SeriesPoint[]>>;

export interface MacroValue {
  value: number;
  /** The date of the (last) point used; monthly series are dated YYYY-MM-01. */
  date: IsoDate;
  /** The SGS code; "4391/12" is the compounding of the last 12 monthly values of 4391. */
  series: string;
  unit: string;
  method: 'latest' | 'compound_last_12_months';
}

export interface MacroContext {
  /** Copom's Selic target (432), % a.a. */
  selic_target: MacroValue | null;
  /** Effective Selic of the month, annualised on 252 business days (4189), % a.a. */
  selic_effective: MacroValue | null;
  /** CDI over the last 12 published months: 4391 compounded. */
  cdi_12m: MacroValue | null;
  /** IPCA over 12 months: 13522, or 433 compounded (whichever reaches the later month; 13522 on a tie). */
  ipca_12m: MacroValue | null;
  /** US dollar in R$: 10813 (commercial, sell), or 1 (PTAX, sell) when that one is more recent. */
  usd_brl: MacroValue | null;
}

function sorted(points: readonly SeriesPoint[] | undefined): SeriesPoint[] {
  const copy = [...(points ?? [])].filter((p) => Number.isFinite(p.value));
  copy.forEach((p) => dayMs(p.date));
  return copy.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function latest(
  points: readonly SeriesPoint[] | undefined,
  code: MacroCode,
  unit: string,
): MacroValue | null {
  const last = sorted(points).at(-1);
  return last ? { value: last.value, date: last.date, series: String(code), unit, method: 'latest' } : null;
}

/** The last 12 monthly values compounded, when they are 12 consecutive months. */
function last12(points: readonly SeriesPoint[] | undefined, code: MacroCode): MacroValue | null {
  const tail = sorted(points).slice(-12);
  if (tail.length < 12) return null;
  for (let i = 1; i < tail.length; i++) {
    if (nextMonth((tail[i - 1]?.date ?? '').slice(0, 7)) !== tail[i]?.date.slice(0, 7)) return null;
  }
  const factor = tail.reduce((f, p) => f * (1 + p.value / 100), 1);
  const date = tail[11]?.date ?? '';
  return {
    value: (factor - 1) * 100,
    date,
    series: `${code}/12`,
    unit: '%',
    method: 'compound_last_12_months',
  };
}

/** The more recent of two values; the first on a tie or when only it exists. */
function newer(a: MacroValue | null, b: MacroValue | null): MacroValue | null {
  if (!a) return b;
  if (!b) return a;
  return b.date > a.date ? b : a;
}

/** The macro context shown beside an analysis, each value with its date and series code. */
export function macroContext(series: MacroSeriesInput): MacroContext {
  return {
    selic_target: latest(series[432], 432, '% a.a.'),
    selic_effective: latest(series[4189], 4189, '% a.a.'),
    cdi_12m: last12(series[4391], 4391),
    ipca_12m: newer(latest(series[13522], 13522, '%'), last12(series[433], 433)),
    usd_brl: newer(latest(series[10813], 10813, 'R$/US$'), latest(series[1], 1, 'R$/US$')),
  };
}
