import type { Locale } from './format';

/** B3's time zone: schedule and job times are shown as the market sees them. */
export const SAO_PAULO = 'America/Sao_Paulo';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const k = `dt|${locale}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, opts)));
  return f as Intl.DateTimeFormat;
}

function numberFormat(locale: Locale, key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `n|${locale}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, opts)));
  return f as Intl.NumberFormat;
}

function toDate(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A success rate the API gives as a percentage (66.666…): pt-BR `66,67%`, en `66.67%`.
 * Source precision is kept until here; Intl rounds to two decimals for display.
 */
export function formatRate(percent: number, locale: Locale): string {
  return numberFormat(locale, 'rate', { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}

/** A duration in seconds: `4 ms` under a second, `1,5 s` under a minute, `2,5 min` beyond. */
export function formatDuration(seconds: number, locale: Locale): string {
  if (seconds < 1) {
    return numberFormat(locale, 'ms', {
      style: 'unit',
      unit: 'millisecond',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(Math.round(seconds * 1000));
  }
  if (seconds < 60) {
    return numberFormat(locale, 's', {
      style: 'unit',
      unit: 'second',
      unitDisplay: 'short',
      maximumFractionDigits: 2,
    }).format(seconds);
  }
  return numberFormat(locale, 'min', {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(seconds / 60);
}

/**
 * A moment in São Paulo time, short: `seg., 30/11 09:00` (mode 'weekday', for schedules) or
 * `29/11 00:05:04` (mode 'seconds', for jobs). Unparseable input comes back unchanged.
 */
export function formatDateTime(iso: string, locale: Locale, mode: 'weekday' | 'seconds'): string {
  const d = toDate(iso);
  if (!d) return iso;
  const day = dateTimeFormat(locale, `day-${mode}`, {
    timeZone: SAO_PAULO,
    ...(mode === 'weekday' ? { weekday: 'short' } : {}),
    day: '2-digit',
    month: '2-digit',
  });
  const time = dateTimeFormat(locale, `time-${mode}`, {
    timeZone: SAO_PAULO,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    ...(mode === 'seconds' ? { second: '2-digit' } : {}),
  });
  return `${day.format(d)} ${time.format(d)}`;
}

/** The full moment, for a tooltip: pt-BR `30/11/2026, 09:00:00 BRT`-like, in São Paulo time. */
export function formatFullDateTime(iso: string, locale: Locale): string {
  const d = toDate(iso);
  if (!d) return iso;
  return dateTimeFormat(locale, 'full', {
    timeZone: SAO_PAULO,
    dateStyle: 'short',
    timeStyle: 'long',
  }).format(d);
}

const relCache = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  const k = `rt|${locale}`;
  let f = relCache.get(k);
  if (!f) relCache.set(k, (f = new Intl.RelativeTimeFormat(locale, { style: 'short', numeric: 'auto' })));
  return f;
}

/**
 * How long ago, from an age in seconds: pt-BR `há 5 min.`, en `5 min. ago`; under 10 s `agora`/`now`.
 * Picks the largest whole unit (seconds, minutes, hours, days).
 */
export function formatAgo(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  const f = relativeFormat(locale);
  if (s < 10) return f.format(0, 'second');
  if (s < 60) return f.format(-s, 'second');
  if (s < 3600) return f.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return f.format(-Math.floor(s / 3600), 'hour');
  const days = Math.floor(s / 86_400);
  // Past a month, days stop reading well ("há 208 dias"): months (30 days), then years (365).
  if (days < 30) return f.format(-days, 'day');
  if (days < 365) return f.format(-Math.floor(days / 30), 'month');
  return f.format(-Math.floor(days / 365), 'year');
}
