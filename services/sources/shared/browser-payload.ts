import { layoutChanged, SourceError } from '../errors';
import { INTERCEPTED_TYPE, makeRaw, readIntercepted, type RawPayload } from '../raw';

/**
 * Reading what a browser fetch kept. A JSON answer the page loaded (`intercept`) is checked for
 * the status a site gives a missing or expired session (401/403 → UNAUTHORIZED, no retries), for
 * an unknown asset (404 → NOT_FOUND) and parsed, or LAYOUT_CHANGED.
 */
export function interceptedJson(raw: RawPayload, urlPart: string, what: string): unknown {
  const a = readIntercepted(raw, urlPart, what);
  if (a.status === 401 || a.status === 403)
    throw new SourceError(
      'UNAUTHORIZED',
      `${what}: the site refused the session (HTTP ${a.status}); sign in again`,
    );
  if (a.status === 404) throw new SourceError('NOT_FOUND', `${what}: the site knows no such asset`);
  if (a.status >= 500) throw new SourceError('UNAVAILABLE', `${what}: the site answered HTTP ${a.status}`);
  if (a.status !== 200) throw layoutChanged(`${what}: the site answered HTTP ${a.status}`);
  try {
    return JSON.parse(a.body) as unknown;
  } catch {
    throw layoutChanged(`${what}: the answer to ${urlPart} is not JSON`);
  }
}

/**
 * A rendered page that is the site's sign-in form (a password field) instead of the asked page:
 * the session is missing or expired.
 */
export function assertSignedIn(html: string, what: string): void {
  if (/<input\b[^>]*\btype=["']?password\b/i.test(html))
    throw new SourceError('UNAUTHORIZED', `${what}: the site shows its sign-in page; sign in again`);
}

/** A browser fetch's intercepted document, as the runtime stores it. Tests and fuzz seeds only. */
export function interceptedRaw(
  page: string,
  answers: { url: string; status?: number; body: string }[],
  fetchedAt = '2026-12-07T18:00:00.000Z',
): RawPayload {
  const doc = {
    page,
    answers: answers.map((a) => ({
      url: a.url,
      status: a.status ?? 200,
      contentType: 'application/json',
      body: a.body,
    })),
  };
  return makeRaw({
    url: page,
    status: 200,
    contentType: INTERCEPTED_TYPE,
    fetchedAt,
    body: Buffer.from(JSON.stringify(doc)),
  });
}
