import type { ScraperHealth } from '../../contract';
import type { SourceInfo } from '../../sources/define';

/**
 * A source's sign-in session as the sign-in helper's cookie status sees it (the profile's session
 * cookies: present and unexpired, expired, or none). `undefined`: no cookie status is known.
 */
export type SessionState = 'valid' | 'expired' | 'missing';
export type SessionLookup = (sourceId: string) => SessionState | undefined;

/** No cookie status yet (until the sign-in helper's `GET /api/scrapers/cookies/status` feeds it). */
export const NO_SESSION_INFO: SessionLookup = () => undefined;

/**
 * Whether `scrapers.health` shows a source as "needs login" instead of failing or unknown: it
 * requires a sign-in and (with a cookie status) its session is missing or expired, or (without one,
 * for now) it never succeeded, or its latest result is UNAUTHORIZED. A disabled source stays disabled.
 */
export function needsLogin(info: SourceInfo, h: ScraperHealth, session?: SessionState): boolean {
  if (!info.requiresLogin || h.status === 'disabled') return false;
  if (session !== undefined) return session !== 'valid';
  if (h.last_success === null) return true;
  const lastError = h.last_error;
  return lastError !== null && lastError.code === 'UNAUTHORIZED' && lastError.at > h.last_success;
}
