import type { ReportLanguage } from '../../contract';

/**
 * Deterministic number formatting for prompts and reports, in plain code (no Intl: its locale data
 * differs between Node builds and would change prompt hashes). pt-BR: `1.234,56`; en: `1,234.56`.
 * Rounding is `Number.prototype.toFixed`'s, which the language defines exactly.
 */

const SEPARATORS: Record<ReportLanguage, { thousands: string; decimal: string }> = {
  'pt-BR': { thousands: '.', decimal: ',' },
  en: { thousands: ',', decimal: '.' },
};

function groupThousands(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/** `decimals` places, thousands grouped; `-0,00` is written `0,00`. */
export function formatNumber(value: number, decimals: number, language: ReportLanguage): string {
  if (!Number.isFinite(value)) return String(value);
  const { thousands, decimal } = SEPARATORS[language];
  const fixed = Math.abs(value).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const body = groupThousands(int, thousands) + (frac ? decimal + frac : '');
  const isZero = /^[0.]*$/.test(fixed);
  return value < 0 && !isZero ? `-${body}` : body;
}

/** With an explicit sign: `+0,45`, `-1,20`, `0,00`. */
export function formatSigned(value: number, decimals: number, language: ReportLanguage): string {
  const s = formatNumber(value, decimals, language);
  return value > 0 && !/^[0.,]*$/.test(s) ? `+${s}` : s;
}

/** Percentage points: `4,70%`; with `signed`, `+12,30%`. */
export function formatPct(
  value: number,
  language: ReportLanguage,
  opts: { decimals?: number; signed?: boolean } = {},
): string {
  const d = opts.decimals ?? 2;
  return `${opts.signed ? formatSigned(value, d, language) : formatNumber(value, d, language)}%`;
}

const SCALES: Record<ReportLanguage, readonly [number, string][]> = {
  'pt-BR': [
    [1e12, 'tri'],
    [1e9, 'bi'],
    [1e6, 'mi'],
  ],
  en: [
    [1e12, 'tn'],
    [1e9, 'bn'],
    [1e6, 'mn'],
  ],
};

/**
 * Reais: `R$ 46,48`, negative `-R$ 3,29 bi`. Amounts of a million or more are scaled (mi/bi/tri;
 * en mn/bn/tn) with two decimals; smaller ones keep two decimals.
 */
export function formatBRL(value: number, language: ReportLanguage): string {
  const abs = Math.abs(value);
  const sign = value < 0 && formatNumber(abs, 2, language) !== formatNumber(0, 2, language) ? '-' : '';
  for (const [scale, suffix] of SCALES[language]) {
    if (abs >= scale) return `${sign}R$ ${formatNumber(abs / scale, 2, language)} ${suffix}`;
  }
  return `${sign}R$ ${formatNumber(abs, 2, language)}`;
}

/**
 * Reais per share with up to four decimals (at least two): `R$ 0,1044`, `R$ 2,1776`, `R$ 1,50` —
 * for dividends, where cents would hide most of the amount.
 */
export function formatBRLPerShare(value: number, language: ReportLanguage): string {
  if (Math.abs(value) >= 1e6) return formatBRL(value, language);
  const { decimal } = SEPARATORS[language];
  const s = formatNumber(Math.abs(value), 4, language).replace(
    new RegExp(`(\\${decimal}\\d\\d\\d*?)0+$`),
    '$1',
  );
  const zero = /^[0.,]*$/.test(s);
  return `${value < 0 && !zero ? '-' : ''}R$ ${s}`;
}

/** A multiple: `31,03x`. */
export function formatMultiple(value: number, language: ReportLanguage): string {
  return `${formatNumber(value, 2, language)}x`;
}

/** A plain figure: two decimals, four when it is below 0.1 in absolute value (MACD, small ratios). */
export function formatPlain(value: number, language: ReportLanguage): string {
  const small = value !== 0 && Math.abs(value) < 0.1;
  return formatNumber(value, small ? 4 : 2, language);
}

/** A count: integer with thousands grouped, decimals kept (two) when it is not whole. */
export function formatCount(value: number, language: ReportLanguage): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : 2, language);
}
