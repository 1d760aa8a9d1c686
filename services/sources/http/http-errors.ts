import { SourceError, type SourceErrorCode } from '../errors';
import type { RawPayload } from '../raw';

/** Query parameters that carry credentials; never shown in a message. */
const SECRET_PARAMS = new Set(['token', 'apikey', 'key', 'api_key', 'access_token']);

/** The URL as messages may show it: no user:password, no token/apikey/key parameters. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/([?&])(token|apikey|key|api_key|access_token)=[^&#]*&?/gi, '$1').replace(/[?&]$/, '');
  }
  const secrets = [...u.searchParams.keys()].filter((name) => SECRET_PARAMS.has(name.toLowerCase()));
  if (secrets.length === 0 && !u.username && !u.password) return url;
  u.username = '';
  u.password = '';
  for (const name of secrets) u.searchParams.delete(name);
  return u.toString();
}

/**
 * Keep the payload of a failed answer on the error, out of JSON and of enumeration, so the
 * caller can still store what the site said (`rawOf`).
 */
export function attachRaw<E extends Error>(error: E, raw: RawPayload): E {
  Object.defineProperty(error, 'raw', { value: raw, enumerable: false, configurable: true, writable: false });
  return error;
}

/** The raw answer an HTTP-status error carries, if any. */
export function rawOf(error: unknown): RawPayload | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const raw: unknown = (error as { raw?: unknown }).raw;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Partial<RawPayload>;
  return Buffer.isBuffer(r.body) && typeof r.status === 'number' && typeof r.text === 'function'
    ? (raw as RawPayload)
    : undefined;
}

// Markers of Cloudflare's interstitial and of captcha walls, looked for in an HTML answer's head.
const CHALLENGE_MARKERS = ['just a moment...', 'challenge-platform', 'captcha'];
const CHALLENGE_STATUSES = new Set([200, 403, 503]);

/** An anti-bot challenge instead of the page: `cf-mitigated: challenge` or a marker in the first 4 KB. */
export function isChallenge(status: number, headers: Headers, raw: RawPayload): boolean {
  if (!CHALLENGE_STATUSES.has(status)) return false;
  if (headers.get('cf-mitigated')?.trim().toLowerCase() === 'challenge') return true;
  // A challenge is an HTML page; a JSON or CSV answer that mentions "captcha" is data.
  const type = raw.contentType?.toLowerCase() ?? '';
  if (type && !type.includes('html')) return false;
  const head = raw.body.subarray(0, 4096).toString('latin1').toLowerCase();
  return CHALLENGE_MARKERS.some((marker) => head.includes(marker));
}

/** Statuses worth another attempt (after Retry-After or the backoff). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The error code an unaccepted status means once retries (if any) are over. */
export function codeForStatus(status: number): SourceErrorCode {
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'BLOCKED';
  if (status === 429) return 'RATE_LIMITED';
  return 'UNAVAILABLE';
}

const STATUS_WORDS: Record<string, string> = {
  NOT_FOUND: 'not found',
  UNAUTHORIZED: 'credentials refused',
  BLOCKED: 'access refused',
  RATE_LIMITED: 'too many requests',
  UNAVAILABLE: 'site unavailable',
};

/** The SourceError for an answer the runtime will not hand to the transform, raw attached. */
export function statusError(
  code: SourceErrorCode,
  what: string,
  raw: RawPayload,
  extra: { reason?: string; attempts?: number; retryAfterMs?: number } = {},
): SourceError {
  const reason = extra.reason ?? STATUS_WORDS[code] ?? code;
  const tries = extra.attempts && extra.attempts > 1 ? ` after ${extra.attempts} attempts` : '';
  const wait =
    extra.retryAfterMs !== undefined ? `; asks to wait ${Math.ceil(extra.retryAfterMs / 1000)} s` : '';
  const details: Record<string, unknown> = { status: raw.status, url: what };
  if (extra.attempts !== undefined) details['attempts'] = extra.attempts;
  if (extra.retryAfterMs !== undefined) details['retryAfterMs'] = extra.retryAfterMs;
  const error = new SourceError(code, `${what} answered ${raw.status} (${reason})${tries}${wait}`, details);
  return attachRaw(error, raw);
}

/** The system code (ECONNRESET, ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET...) behind a fetch failure. */
export function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
