import type { DataPoint, ReportLanguage } from '../../contract';
import {
  formatBRL,
  formatBRLPerShare,
  formatCount,
  formatMultiple,
  formatPct,
  formatPlain,
  formatSigned,
} from './format-number';

/**
 * A data point's value as a reader sees it, by unit: `R$ 46,48` (dividends per share up to four
 * decimals, `R$ 0,1044`), `4,70%`, `31,03x` (multiples of
 * the fundamental and computed groups), `+0,45` (news sentiment), `55,20` (other ratios such as the
 * RSI), counts as integers, dates and texts as stored. A missing value is `n/d` (en `n/a`).
 */
export function formatValue(
  p: Pick<DataPoint, 'group' | 'unit' | 'value'>,
  language: ReportLanguage,
): string {
  const v = p.value;
  if (v === null) return language === 'en' ? 'n/a' : 'n/d';
  if (typeof v === 'string') return v;
  switch (p.unit) {
    case 'BRL':
      return p.group === 'dividends' ? formatBRLPerShare(v, language) : formatBRL(v, language);
    case 'pct':
      return formatPct(v, language);
    case 'count':
      return formatCount(v, language);
    case 'ratio':
      if (p.group === 'news') return formatSigned(v, 2, language);
      if (p.group === 'fundamental' || p.group === 'computed') return formatMultiple(v, language);
      return formatPlain(v, language);
    default:
      return formatPlain(v, language);
  }
}

/** `(fundamentus, 2026-07-03)`, `(bcb)`, or '' when neither is known. */
export function formatProvenance(p: Pick<DataPoint, 'source' | 'as_of'>): string {
  const parts = [p.source, p.as_of].filter((s): s is string => s !== null && s !== '');
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** An ISO timestamp as `2026-07-03 14:05 UTC`; anything else unchanged. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
