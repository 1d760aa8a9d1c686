import { ApiError, methods, toHttpRequest, type MethodName, type Result } from '../../../services/contract';

export interface FetchRequest {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string; credentials: 'same-origin' };
}

/**
 * The header every call from the page carries. The page holds no token: the browser sends its
 * session cookie (HttpOnly, set by the one-time link `b3ai serve` prints), and the server takes a
 * cookie only with this header, which other origins cannot send.
 */
export const CLIENT_HEADERS: Readonly<Record<string, string>> = { 'X-B3AI-Client': 'web' };

/** The fetch() arguments for one API call against `origin`, built from the contract's route table. */
export function buildHttpRequest(method: MethodName, input: unknown, origin: string): FetchRequest {
  const spec = toHttpRequest(methods[method], input);
  const headers: Record<string, string> = { Accept: 'application/json', ...CLIENT_HEADERS };
  const init: FetchRequest['init'] = { method: spec.method, headers, credentials: 'same-origin' };
  if (spec.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = spec.body;
  }
  return { url: new URL(spec.url, origin).toString(), init };
}

export function unavailable(message: string, details?: Record<string, unknown>): Result<unknown> {
  return {
    ok: false,
    error: details ? { code: 'UNAVAILABLE', message, details } : { code: 'UNAVAILABLE', message },
  };
}

/**
 * Turns an HTTP answer into a Result. A 2xx body is the method's output itself (the REST shape
 * existing clients expect); any other status carries `{ok:false,error}`. Anything else (HTML, an
 * empty body, a proxy's error page) means the API is unavailable.
 */
export function parseResultBody(status: number, text: string): Result<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unavailable(`The server answered HTTP ${status} without a JSON body.`, { status });
  }
  if (status >= 200 && status < 300) return { ok: true, data: body };
  if (body && typeof body === 'object' && 'error' in body) {
    const parsed = ApiError.safeParse(body.error);
    if (parsed.success) return { ok: false, error: parsed.data };
  }
  return unavailable(`The server answered HTTP ${status} with an unexpected body.`, { status });
}

/** Reconnect delay for the n-th consecutive failure (0-based): 0.5 s doubling up to 30 s. */
export function backoffDelay(attempt: number, baseMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 16)));
}
