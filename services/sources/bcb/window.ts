import { SourceError } from '../errors';
import type { SourceQuery } from '../query';
import { knownSeries } from './series';

/**
 * BCB refuses daily series over windows longer than 10 years (HTTP 406 since March 2025). Daily
 * and unknown series (their frequency is not known here) are asked for at most 10 years at a time:
 * without `from`, the last 10 years to `now`; with `from` only, 10 years from it (an incremental run
 * that fell far behind catches up window by window); with both, a longer span is refused.
 * Monthly series are asked for whatever the query says.
 */
const YEARS = 10;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addYears(iso: string, years: number, days = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

export function sgsWindow(code: number, q: SourceQuery, now: Date): { from?: string; to?: string } {
  const today = isoDay(now);
  const limited = knownSeries(code)?.frequency !== 'monthly';
  if (!limited) return { from: q.from, to: q.to ?? (q.from ? today : undefined) };
  if (!q.from) return { from: addYears(q.to ?? today, -YEARS, 1), to: q.to ?? today };
  const maxTo = addYears(q.from, YEARS, -1);
  if (q.to && q.to > maxTo) {
    throw new SourceError(
      'INVALID_INPUT',
      `bcb: series ${code} is daily; BCB answers at most ${YEARS} years at a time (from ${q.from} to ${maxTo} at most)`,
      { fields: ['query.from', 'query.to'] },
    );
  }
  return { from: q.from, to: q.to ?? (maxTo < today ? maxTo : today) };
}

/** "2024-01-31" → "31/01/2024", as the SGS API takes dates. */
export function brDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
