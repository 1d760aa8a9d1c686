import type { CookieStatus, SourceSession } from '../../contract/methods/scrapers';
import type { ProfileCookie } from './cookies-store';
import { coversHost, type LoginSource } from './profile-paths';

const DAY = 86_400_000;
/** A session that ends within this many days asks to be renewed (warning)... */
export const RENEW_DAYS = 7;
/** ...and within this many, urgently (critical). */
export const CRITICAL_DAYS = 1;

export interface SessionInput {
  source: LoginSource;
  /** Every cookie of the source's profile (names and expiry only). */
  cookies: ProfileCookie[];
  hosts: string[];
  windowOpen: boolean;
  /** The source's last failure, if any: UNAUTHORIZED after the sign-in means the site refused it. */
  lastError: { at: string; code: string } | null;
  now: number;
}

const round = (days: number): number => Math.round(days * 10) / 10;

/** One source's session from its profile's cookies: what status, the chip and the prompt show. */
export function sourceSession(i: SessionInput): SourceSession & { createdAt: number | null } {
  const names = i.source.info.login.sessionCookies;
  const found = i.cookies.filter((c) => names.includes(c.name) && coversHost(c.host, i.hosts));
  const expiry = (c: ProfileCookie): number => (c.expiresAt ? Date.parse(c.expiresAt) : Infinity);
  const live = found.filter((c) => expiry(c) > i.now);
  const complete = names.every((n) => live.some((c) => c.name === n));
  const created = found.map((c) => (c.createdAt ? Date.parse(c.createdAt) : NaN)).filter(Number.isFinite);
  const createdAt = created.length ? Math.max(...created) : null;
  const refusedAt = i.lastError?.code === 'UNAUTHORIZED' ? Date.parse(i.lastError.at) : NaN;
  const refused = complete && createdAt !== null && refusedAt > createdAt;
  const ends = found.map(expiry).filter(Number.isFinite);
  const soonest = ends.length ? Math.min(...ends) : null;
  const expiresIn = soonest === null ? null : round((soonest - i.now) / DAY);

  let state: SourceSession['state'];
  let reason: string | null = null;
  if (complete && !refused) state = 'signed-in';
  else if (i.windowOpen) state = 'signing-in';
  else if (refused) {
    state = 'expired';
    reason = `the site refused the session on ${new Date(refusedAt).toISOString()}: sign in again`;
  } else if (found.length > 0) {
    state = 'expired';
    reason = 'the session has expired: sign in again';
  } else state = 'not-signed-in';
  const nearEnd = state === 'signed-in' && expiresIn !== null && expiresIn < RENEW_DAYS;
  if (nearEnd) reason = `the session ends in ${expiresIn} days: sign in again to renew it`;
  return {
    id: i.source.info.id,
    name: i.source.info.name,
    state,
    signed_in: state === 'signed-in',
    window_open: i.windowOpen,
    cookies: found.map((c) => ({
      name: c.name,
      host: c.host,
      expires_at: c.expiresAt,
      http_only: c.httpOnly,
    })),
    expires_in_days: expiresIn,
    needs_renewal: state === 'expired' || nearEnd,
    reason,
    createdAt,
  };
}

/** The original platform's summary over every source that signs in, plus the per-source entries. */
export function cookieStatus(
  sessions: (SourceSession & { createdAt: number | null })[],
  now: number,
): CookieStatus {
  const live = sessions.filter((s) => s.signed_in);
  const expired = sessions.filter((s) => s.state === 'expired');
  const ages = live.map((s) => s.createdAt).filter((t): t is number => t !== null);
  const ends = live.map((s) => s.expires_in_days).filter((d): d is number => d !== null);
  const expiresIn = ends.length ? Math.min(...ends) : null;
  const renew = sessions.filter((s) => s.needs_renewal);
  let severity: CookieStatus['severity'] = 'ok';
  if (expired.length > 0 || (expiresIn !== null && expiresIn < CRITICAL_DAYS)) severity = 'critical';
  else if (renew.length > 0 || (sessions.length > 0 && live.length === 0)) severity = 'warning';
  let action: string | null = null;
  if (renew.length > 0) action = `Sign in again: ${renew.map((s) => s.name).join(', ')}`;
  else if (sessions.length > 0 && live.length === 0)
    action = `Sign in to use: ${sessions.map((s) => s.name).join(', ')}`;
  return {
    exists: sessions.some((s) => s.cookies.length > 0),
    valid: live.length > 0 && expired.length === 0,
    age_days: ages.length ? round((now - Math.min(...ages)) / DAY) : null,
    expires_in_days: expiresIn,
    needs_renewal: renew.length > 0,
    severity,
    action_required: action,
    sites_covered: live.map((s) => s.id),
    sources: sessions.map(({ createdAt: _c, ...s }) => s),
  };
}
