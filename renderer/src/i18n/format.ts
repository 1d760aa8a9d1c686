/** Locales the UI speaks: Brazilian Portuguese first, English second. */
export type Locale = 'pt-BR' | 'en';
export const LOCALES: readonly Locale[] = ['pt-BR', 'en'];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

export function isLocale(v: unknown): v is Locale {
  return v === 'pt-BR' || v === 'en';
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `n|${locale}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, opts)));
  return f as Intl.NumberFormat;
}

/** Money in reais: pt-BR `R$ 29,10`, en `R$29.10` (Intl puts a U+00A0 after R$ in pt-BR). */
export function formatMoney(value: number, locale: Locale): string {
  return numberFormat(locale, 'brl', { style: 'currency', currency: 'BRL' }).format(value);
}

/** A plain price with two decimals and no currency sign (chart axes): pt-BR `29,10`. */
export function formatPrice(value: number, locale: Locale): string {
  return numberFormat(locale, 'price', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Volume in reais, either full (`R$ 2.498.432.530,00`) or compact (`R$ 2,5 bi`). */
export function formatVolume(value: number, locale: Locale, mode: 'full' | 'compact' = 'full'): string {
  if (mode === 'full') return formatMoney(value, locale);
  return numberFormat(locale, 'brl-compact', {
    style: 'currency',
    currency: 'BRL',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A count with thousands separators: pt-BR `1.234.567`. */
export function formatInteger(value: number, locale: Locale): string {
  return numberFormat(locale, 'int', { maximumFractionDigits: 0 }).format(value);
}

/** Compact number without currency (chart volume axis): pt-BR `2,5 bi`. */
export function formatCompact(value: number, locale: Locale): string {
  return numberFormat(locale, 'compact', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(ratio: number, locale: Locale): string {
  return numberFormat(locale, 'pct', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Splits 'YYYY-MM-DD' into numbers, or null when it is not such a date. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * A calendar date: pt-BR `25/06/2021`, en `06/25/2021`. The ISO string is read as a UTC date and
 * formatted in UTC, so the day never shifts with the machine's time zone.
 */
export function formatDate(iso: string, locale: Locale): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const k = `d|${locale}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    cache.set(k, f);
  }
  return (f as Intl.DateTimeFormat).format(new Date(Date.UTC(d.year, d.month - 1, d.day)));
}

/** Replaces NO-BREAK and NARROW NO-BREAK spaces with plain spaces (for comparisons and tests). */
export function normalizeSpaces(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, ' ');
}
