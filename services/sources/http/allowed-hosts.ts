import { SourceError } from '../errors';
import { redactUrl } from './http-errors';

/** `host[:port]` of a URL as compared against an allow-list (lower case, default ports dropped). */
export function hostKey(url: string | URL): string | null {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.host.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a request may go to `url`: http(s), and its host in `hosts` (no list: anywhere). */
export function hostAllowed(url: string | URL, hosts: readonly string[] | undefined): boolean {
  const key = hostKey(url);
  if (key === null) return false;
  return hosts === undefined || hosts.some((h) => h.toLowerCase() === key);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

/**
 * fetch() that follows redirects itself, each hop checked against `hosts` before it is requested.
 * A hop elsewhere is BLOCKED naming only the host it pointed to; nothing of its answer is read.
 */
export async function fetchWithin(
  url: string,
  init: RequestInit,
  hosts: readonly string[] | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  let current = url;
  let request: RequestInit = { ...init, redirect: 'manual' };
  for (let hop = 0; ; hop++) {
    if (!hostAllowed(current, hosts)) {
      throw new SourceError(
        'BLOCKED',
        hop === 0
          ? `${redactUrl(current)}: not a host configured for this request (allowed: ${(hosts ?? []).join(', ')})`
          : `${redactUrl(url)}: redirected to ${hostKey(current) ?? 'a non-http URL'}, a host not configured for this request`,
        { url: redactUrl(url), ...(hop > 0 ? { redirectedTo: hostKey(current) } : {}) },
      );
    }
    const res = await fetchImpl(current, request);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return res;
    await res.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS)
      throw new SourceError('BLOCKED', `${redactUrl(url)}: more than ${MAX_REDIRECTS} redirects`, {
        url: redactUrl(url),
      });
    current = new URL(location, current).href;
    // A 303 (and a 301/302 after a POST, as browsers do) continues as a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && request.method === 'POST')) {
      request = { ...request, method: 'GET', body: null };
    }
  }
}
