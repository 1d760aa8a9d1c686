import type { Locale } from './format';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, opts)));
  return f;
}

/** Percentage points with a sign: pt-BR `+12,3%`, `-64,4%`; null is `—`. */
export function formatSignedPct(pp: number | null, locale: Locale, digits = 1): string {
  if (pp === null || !Number.isFinite(pp)) return '—';
  return numberFormat(locale, `spct${digits}`, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(pp / 100);
}

/** A plain number with up to `digits` decimals: pt-BR `1.234,57`. */
export function formatNumber(v: number | null, locale: Locale, digits = 2): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return numberFormat(locale, `num${digits}`, { maximumFractionDigits: digits }).format(v);
}

/** A share of one (0.68) as a percentage: `68%`. */
export function formatShare(v: number | null, locale: Locale): string {
  if (v === null || !Number.isFinite(v)) return '—';
  return numberFormat(locale, 'share', { style: 'percent', maximumFractionDigits: 0 }).format(v);
}

/** Money per share with up to four decimals (dividends): pt-BR `R$ 0,1044`. */
export function formatPerShare(v: number, locale: Locale): string {
  return numberFormat(locale, 'brl4', {
    style: 'currency',
    currency: 'BRL',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(v);
}
