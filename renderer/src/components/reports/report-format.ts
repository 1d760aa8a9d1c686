import type { DataPoint } from '../../../../services/contract';
import { formatNumber } from '../../i18n/format-analysis';
import { formatDate, formatInteger, formatMoney, type Locale } from '../../i18n/format';

/**
 * A data point's value as a reader sees it: R$ for prices, `4,7%` for percentage points, two
 * decimals for ratios, dates in the locale; null is `—`.
 */
export function formatDataValue(p: Pick<DataPoint, 'value' | 'unit'>, locale: Locale): string {
  const v = p.value;
  if (v === null) return '—';
  if (typeof v === 'string') return p.unit === 'date' ? formatDate(v, locale) : v;
  switch (p.unit) {
    case 'BRL':
      return formatMoney(v, locale);
    case 'pct':
      return `${formatNumber(v, locale, 2)}%`;
    case 'count':
      return formatInteger(v, locale);
    case 'ratio':
      return formatNumber(v, locale, 2);
    default:
      return formatNumber(v, locale, 4);
  }
}

/** How far a target is from the price, in percentage points: (target / price − 1) × 100. */
export function upsidePct(target: number, price: number | null): number | null {
  if (price === null || !(price > 0)) return null;
  return (target / price - 1) * 100;
}

/**
 * Where values sit on a horizontal scale (0–100 %) spanning them all with 8 % of room either side,
 * so the lowest and highest marks are never cut at the edges.
 */
export function scalePositions(values: readonly number[]): (v: number) => number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return () => 50;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (hi === lo) return () => 50;
  const pad = (hi - lo) * 0.08;
  const min = lo - pad;
  const span = hi + pad - min;
  return (v) => Math.min(100, Math.max(0, ((v - min) / span) * 100));
}

/** True for an http(s) link (news data points carry their URL in `detail`). */
export function isLink(text: string | null): text is string {
  return text !== null && /^https?:\/\/\S+$/i.test(text);
}
