import type { Output } from '../../../services/contract';
import { formatDate, formatInteger, formatMoney, type Locale } from './format';

export type FundamentalUnit = Output<'fundamentals.get'>['metrics'][number]['unit'];

/** R$ values from this size up are written compact (`R$ 37,1 bi`); the full value goes in a tooltip. */
export const COMPACT_FROM = 1_000_000;

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

/**
 * One fundamentals value for display, by its unit: BRL `R$ 46,48` (compact from a million:
 * `R$ 37,1 bi`), pct in percentage points `12,3%`, ratio `31,03`, count `1.234.567`, date
 * `25/06/2021`. Null is `—`; a value whose type does not fit the unit is shown as it came.
 */
export function formatFundamental(
  value: number | string | null,
  unit: FundamentalUnit,
  locale: Locale,
  mode: 'short' | 'full' = 'short',
): string {
  if (value === null) return '—';
  if (typeof value === 'string') return unit === 'date' ? formatDate(value, locale) : value;
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'BRL':
      if (mode === 'short' && Math.abs(value) >= COMPACT_FROM) {
        return numberFormat(locale, 'brl-compact', {
          style: 'currency',
          currency: 'BRL',
          notation: 'compact',
          minimumFractionDigits: 0,
          maximumFractionDigits: 1,
        }).format(value);
      }
      return formatMoney(value, locale);
    case 'pct':
      return numberFormat(locale, 'pct', { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
    case 'ratio':
      return numberFormat(locale, 'ratio', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        value,
      );
    case 'count':
      return formatInteger(value, locale);
    default:
      return String(value);
  }
}
