import type { RequestSpec } from '../define';
import { SourceError } from '../errors';
import { makeRaw, type RawPayload } from '../raw';
import { abortReason, realSleep, type Now, type Sleep } from './clock';
import type { HostLimiter, HostLimits } from './host-limiter';
import {
  codeForStatus,
  isChallenge,
  networkCode,
  redactUrl,
  RETRY_STATUSES,
  statusError,
} from './http-errors';
import { fetchWithin } from './allowed-hosts';
import { parseRetryAfter } from './retry-after';

/** A current desktop Chrome on Windows: some sites answer other agents with a block page. */
export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36';
export const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8';
export const ACCEPT_LANGUAGE = 'pt-BR,pt;q=0.9,en;q=0.8';
/** Used when a limiter is given without limits: one at a time, one a second. */
export const DEFAULT_LIMITS: HostLimits = { concurrency: 1, ratePerMinute: 60 };

const MAX_BACKOFF_MS = 30_000;

export interface FetchOptions {
  /** The caller's cancellation: aborting it rejects with its reason, never a SourceError. */
  signal: AbortSignal;
  /** Per attempt, body included. A timeout ends the fetch with TIMEOUT (not retried). */
  timeoutMs: number;
  limiter?: HostLimiter;
  limits?: HostLimits;
  /** Attempts after the first on 429/500/502/503/504 and network errors (default 3). */
  retries?: number;
  /** First backoff (default 1000 ms), doubled per attempt, ±20% jitter, capped at 30 s. */
  backoffMs?: number;
  /** A longer Retry-After ends retries with RATE_LIMITED and `details.retryAfterMs` (default 120 s). */
  maxRetryAfterMs?: number;
  userAgent?: string;
  sleep?: Sleep;
  /** Wall-clock milliseconds (Retry-After dates); default `Date.now`. */
  now?: Now;
  random?: () => number;
  fetchImpl?: typeof fetch;
  /**
   * The only hosts (`host[:port]`) requests and their redirects may reach: the source's base URL
   * and its documented extra hosts. Redirects are followed one by one and checked (F4).
   */
  allowedHosts?: readonly string[];
}

/** The wait before retry number `attempt + 1`: base × 2^attempt, ±20%, at most 30 s. */
export function backoffDelay(attempt: number, baseMs: number, random: () => number): number {
  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt * jitter));
}

type Attempt = { kind: 'answer'; raw: RawPayload; headers: Headers } | { kind: 'network'; error: unknown };

/**
 * One request as the sources need it: polite (limiter), bounded (timeout, maxBytes), retried
 * where a retry can help, and typed on failure. Returns the answer for 2xx and `acceptStatus`;
 * every other outcome is a SourceError, which for an HTTP status carries the payload (`rawOf`).
 */
export async function fetchRaw(spec: RequestSpec, opts: FetchOptions): Promise<RawPayload> {
  const what = redactUrl(spec.url);
  try {
    new URL(spec.url);
  } catch {
    throw new SourceError('INVALID_INPUT', `not a URL: ${what}`, { url: what });
  }
  const { signal } = opts;
  const retries = Math.max(0, Math.floor(opts.retries ?? 3));
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 120_000;

  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw abortReason(signal);
    const attempts = attempt + 1;
    const last = attempt >= retries;
    const release = opts.limiter
      ? await opts.limiter.acquire(spec.url, opts.limits ?? DEFAULT_LIMITS, signal)
      : undefined;
    let outcome: Attempt;
    try {
      outcome = await attemptOnce(spec, opts, what);
    } finally {
      release?.();
    }
    const backoff = backoffDelay(attempt, opts.backoffMs ?? 1000, random);

    if (outcome.kind === 'network') {
      if (last) {
        const code = networkCode(outcome.error);
        const cause =
          code ?? (outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
        const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
        throw new SourceError('UNAVAILABLE', `${what}: network error (${cause})${tries}`, {
          url: what,
          attempts,
          ...(code ? { networkCode: code } : {}),
        });
      }
      await sleep(backoff, signal);
      continue;
    }

    const { raw, headers } = outcome;
    const status = raw.status;
    if (isChallenge(status, headers, raw)) {
      throw statusError('BLOCKED', what, raw, { reason: 'anti-bot challenge instead of the page' });
    }
    if ((status >= 200 && status < 300) || spec.acceptStatus?.includes(status)) return raw;

    const code = codeForStatus(status);
    if (!RETRY_STATUSES.has(status)) throw statusError(code, what, raw);
    const retryAfterMs =
      status === 429 || status === 503 ? parseRetryAfter(headers.get('retry-after'), now()) : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
      throw statusError('RATE_LIMITED', what, raw, { attempts, retryAfterMs });
    }
    if (last) throw statusError(code, what, raw, { attempts, retryAfterMs });
    await sleep(retryAfterMs ?? backoff, signal);
  }
}

async function attemptOnce(spec: RequestSpec, opts: FetchOptions, what: string): Promise<Attempt> {
  const { signal, timeoutMs } = opts;
  const timeout = Number.isFinite(timeoutMs) && timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
  const combined = timeout ? AbortSignal.any([signal, timeout]) : signal;
  const headers = new Headers({
    'User-Agent': opts.userAgent ?? DEFAULT_USER_AGENT,
    Accept: DEFAULT_ACCEPT,
    'Accept-Language': ACCEPT_LANGUAGE,
  });
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value);
  const fetchImpl = opts.fetchImpl ?? fetch;
  try {
    const res = await fetchWithin(
      spec.url,
      { method: spec.method ?? 'GET', headers, body: spec.body, signal: combined },
      opts.allowedHosts,
      fetchImpl,
    );
    const body = await readBody(res, spec.maxBytes, what);
    const raw = makeRaw(
      {
        url: res.url || spec.url,
        status: res.status,
        contentType: res.headers.get('content-type'),
        fetchedAt: new Date().toISOString(),
        body,
      },
      spec.encoding ?? 'auto',
    );
    return { kind: 'answer', raw, headers: res.headers };
  } catch (error) {
    if (signal.aborted) throw abortReason(signal);
    if (timeout?.aborted) {
      throw new SourceError('TIMEOUT', `${what}: no complete answer within ${timeoutMs} ms`, {
        url: what,
        timeoutMs,
      });
    }
    if (error instanceof SourceError) throw error;
    return { kind: 'network', error };
  }
}

/** The whole body, refusing to hold more than `maxBytes` (checked as it streams in). */
async function readBody(res: Response, maxBytes: number | undefined, what: string): Promise<Buffer> {
  const tooLarge = (): SourceError =>
    new SourceError('LAYOUT_CHANGED', `${what}: answer larger than ${maxBytes} bytes`, {
      url: what,
      status: res.status,
      maxBytes,
    });
  const stream = res.body;
  if (!stream) return Buffer.alloc(0);
  // Content-Length counts the encoded bytes; it bounds the body only when nothing is compressed.
  const declared = Number(res.headers.get('content-length') ?? '');
  if (maxBytes !== undefined && !res.headers.get('content-encoding') && declared > maxBytes) {
    void stream.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (maxBytes !== undefined && total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
