import type { DataPoint, ReportInput, ReportLanguage } from '../../contract';
import {
  formatBRL,
  formatMultiple,
  formatNumber,
  formatPct,
  formatPlain,
  formatSigned,
} from './format-number';

/** Text in the report's language, built on demand so numbers follow it (`4,70%` / `4.70%`). */
export type Words = (l: ReportLanguage) => string;

/**
 * One scored reading of the data. Positive scores favour the stock, negative ones count against it,
 * zero is a neutral observation (used to fill strengths and risks when too few factors lean a way).
 */
export interface Factor {
  key: string;
  score: number;
  citations: string[];
  /** The claim, a full sentence. */
  text: Words;
  /** A short phrase for the summary. */
  short: Words;
}

/** Lookup over a report input's data points. */
export interface Facts {
  input: ReportInput;
  byId: ReadonlyMap<string, DataPoint>;
  /** The reference price (input.price, else price.last, else tech.close). */
  price: number;
  /** The id the price is cited by. */
  priceId: string;
  num(id: string): number | null;
  str(id: string): string | null;
  /** The first of `ids` with a numeric value. */
  pick(...ids: string[]): { id: string; value: number } | null;
}

export function indexFacts(input: ReportInput): Facts {
  const byId = new Map(input.data_points.map((p) => [p.id, p]));
  const num = (id: string): number | null => {
    const v = byId.get(id)?.value;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const str = (id: string): string | null => {
    const v = byId.get(id)?.value;
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const pick = (...ids: string[]): { id: string; value: number } | null => {
    for (const id of ids) {
      const value = num(id);
      if (value !== null) return { id, value };
    }
    return null;
  };
  const positive = (v: number | null): v is number => v !== null && v > 0;
  const price = [input.price, num('price.last'), num('tech.close')].find(positive);
  if (price === undefined) throw new Error(`no price for ${input.ticker}: cannot write a rule-based report`);
  const first = input.data_points[0];
  if (!first) throw new Error(`no data points for ${input.ticker}: nothing to cite`);
  const priceId = positive(num('price.last'))
    ? 'price.last'
    : positive(num('tech.close'))
      ? 'tech.close'
      : first.id;
  return { input, byId, price, priceId, num, str, pick };
}

/** Number formatters bound to a language. */
export function fmt(l: ReportLanguage) {
  return {
    brl: (v: number) => formatBRL(v, l),
    pct: (v: number) => formatPct(v, l),
    /** `+12,30%` */
    pctSigned: (v: number) => formatPct(v, l, { signed: true, decimals: 1 }),
    /** `12,3%` */
    pct1: (v: number) => formatPct(v, l, { decimals: 1 }),
    x: (v: number) => formatMultiple(v, l),
    n: (v: number) => formatPlain(v, l),
    score: (v: number) => formatSigned(v, 2, l),
    int: (v: number) => formatNumber(v, 0, l),
  };
}

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** `a`, `a e b`, `a, b e c` (en: `a and b`, `a, b and c`). */
export function joinList(items: readonly string[], l: ReportLanguage): string {
  const and = l === 'en' ? ' and ' : ' e ';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${and}${items.at(-1) ?? ''}`;
}

/** Linear-interpolated quantile (q in [0, 1]) of ascending values; throws on an empty list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty list');
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}
