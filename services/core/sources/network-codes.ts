import type { AppError } from '../../contract';

/** Network-level failures that say "this machine cannot reach anything", not "the site is unwell". */
const OFFLINE_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH'] as const;

/** The system code of a fetch that failed before any answer (DNS, refused), or null. */
export function networkFailureCode(err: AppError): string | null {
  if (err.code !== 'UNAVAILABLE') return null;
  const detail = err.details?.['networkCode'];
  if (typeof detail === 'string' && (OFFLINE_CODES as readonly string[]).includes(detail)) return detail;
  // The worker boundary keeps the message only: "…: network error (ENOTFOUND) after 4 attempts".
  const m = /network error \((E[A-Z_]+)\)/.exec(err.message);
  return m && (OFFLINE_CODES as readonly string[]).includes(m[1]!) ? m[1]! : null;
}
