import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, type ErrorCode } from '../../../contract/errors';
import type { Logger } from '../../logging/logger';
import { providerMessage, redactDeep, redactSecret } from './redact';
import { parseRetryAfter } from './retry-after';
import { readSse, type SseEvent } from './sse';
import type { ChatRequest, ChatResult, TokenUsage } from './types';

/** What one wire format makes of an answer. */
export interface Answer {
  text: string;
  model: string | null;
  usage: TokenUsage | null;
  finish_reason: string | null;
}

/** One provider's request and how to read its answers; parse functions throw AppError on a bad answer. */
export interface WireCall {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  parseWhole(json: unknown): Answer;
  parseStream(events: AsyncIterable<SseEvent>, emit: (text: string) => void): Promise<Answer>;
}

export interface CallContext {
  id: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterMs: number;
  log: Logger;
}

type Attempt =
  | { ok: true; answer: Answer; status: number }
  | { ok: false; error: AppError; retryable: boolean; retryAfterMs: number | null; status: number | null };

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['RATE_LIMITED', 'UNAVAILABLE']);

/** POST one chat request with a deadline, cancellation and retries; every error is a redacted AppError. */
export async function callModel(ctx: CallContext, call: WireCall, req: ChatRequest): Promise<ChatResult> {
  try {
    return await run(ctx, call, req);
  } catch (e) {
    // The last line of defence: whatever a provider echoed, no thrown message or detail carries the key.
    if (!(e instanceof AppError)) throw e;
    const details = e.details ? (redactDeep(e.details, ctx.apiKey) as Record<string, unknown>) : undefined;
    throw new AppError(e.code, redactSecret(e.message, ctx.apiKey), details);
  }
}

async function run(ctx: CallContext, call: WireCall, req: ChatRequest): Promise<ChatResult> {
  const started = performance.now();
  const deadline = started + ctx.timeoutMs;
  const controller = new AbortController();
  // An object, not a `let`: it changes in callbacks, where narrowing cannot see it.
  const state: { why: 'timeout' | 'cancel' | null } = { why: null };
  const stop = (reason: 'timeout' | 'cancel') => () => {
    state.why ??= reason;
    controller.abort();
  };
  const onCancel = stop('cancel');
  if (req.signal?.aborted) throw abortError(ctx, 'cancel', 0);
  req.signal?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(stop('timeout'), ctx.timeoutMs);
  const fail = (e: AppError, attempts: number): AppError =>
    new AppError(e.code, e.message, { ...e.details, provider: ctx.id, model: ctx.model, attempts });
  let attempt = 0;
  try {
    for (;;) {
      attempt++;
      const outcome = await once(ctx, call, req, controller.signal).catch((e: unknown) => {
        if (state.why) throw abortError(ctx, state.why, attempt);
        throw e;
      });
      // An answer that completed as the deadline struck is still an answer.
      if (state.why && !outcome.ok) throw abortError(ctx, state.why, attempt);
      const latency = Math.round(performance.now() - started);
      if (outcome.ok) {
        ctx.log.info('model answered', {
          provider: ctx.id,
          model: ctx.model,
          status: outcome.status,
          attempt,
          latency_ms: latency,
        });
        return { ...outcome.answer, attempts: attempt, latency_ms: latency };
      }
      const { error, status } = outcome;
      const last = !outcome.retryable || attempt > ctx.retries;
      const delay = Math.min(outcome.retryAfterMs ?? ctx.backoffMs * 2 ** (attempt - 1), ctx.maxRetryAfterMs);
      // Waiting past the deadline would only turn this answer into a timeout: give it now.
      const giveUp = last || performance.now() + delay >= deadline;
      ctx.log.warn(giveUp ? 'model request failed' : 'model request failed, retrying', {
        provider: ctx.id,
        model: ctx.model,
        status,
        attempt,
        code: error.code,
        latency_ms: latency,
        ...(giveUp ? {} : { retry_in_ms: delay }),
      });
      if (giveUp) throw fail(error, attempt);
      await sleep(delay, undefined, { signal: controller.signal }).catch(() => {
        throw abortError(ctx, state.why ?? 'cancel', attempt);
      });
    }
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onCancel);
  }
}

async function once(
  ctx: CallContext,
  call: WireCall,
  req: ChatRequest,
  signal: AbortSignal,
): Promise<Attempt> {
  let res: Response;
  try {
    // Redirects are not followed: the key goes only to the base URL's origin (F4).
    res = await fetch(call.url, {
      method: 'POST',
      headers: call.headers,
      body: JSON.stringify(call.body),
      signal,
      redirect: 'manual',
    });
  } catch (e) {
    return unreachable(ctx, call.url, e);
  }
  const status = res.status;
  if (!res.ok) {
    // What the server said is not read: its bytes never reach a message (it may not be a model).
    await res.body?.cancel().catch(() => undefined);
    return refused(ctx, res);
  }
  let total = 0;
  let userError: { error: unknown } | null = null;
  const emit = (text: string): void => {
    if (text === '') return;
    total += text.length;
    try {
      req.onText?.(text, total);
    } catch (error) {
      userError = { error };
      throw error;
    }
  };
  try {
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream') && res.body) {
      return { ok: true, status, answer: await call.parseStream(readSse(res.body), emit) };
    }
    const answer = call.parseWhole(parseJson(ctx, await res.text()));
    emit(answer.text);
    return { ok: true, status, answer };
  } catch (e) {
    if (userError) throw (userError as { error: unknown }).error;
    if (e instanceof AppError) {
      return {
        ok: false,
        error: e,
        retryable: RETRYABLE.has(e.code) && total === 0,
        retryAfterMs: null,
        status,
      };
    }
    // The connection broke mid-answer: retry only when no text reached the caller yet.
    const error = new AppError('UNAVAILABLE', `${ctx.id} broke off its answer: ${describe(e, ctx.apiKey)}`, {
      status,
    });
    return { ok: false, error, retryable: total === 0, retryAfterMs: null, status };
  }
}

function unreachable(ctx: CallContext, url: string, e: unknown): Attempt {
  const host = new URL(url).host;
  const error = new AppError(
    'UNAVAILABLE',
    `${ctx.id} could not be reached at ${host}: ${describe(e, ctx.apiKey)}`,
  );
  return { ok: false, error, retryable: true, retryAfterMs: null, status: null };
}

function refused(ctx: CallContext, res: Response): Attempt {
  const status = res.status;
  const details = { status };
  if (status >= 300 && status < 400) {
    const error = new AppError(
      'UNAVAILABLE',
      `${ctx.id} answered with a redirect (HTTP ${status}); give the final address as base_url`,
      details,
    );
    return { ok: false, error, retryable: false, retryAfterMs: null, status };
  }
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after-ms'), res.headers.get('retry-after'));
    const error =
      status === 429
        ? new AppError('RATE_LIMITED', `${ctx.id} is rate limiting requests (429)`, details)
        : new AppError('UNAVAILABLE', `${ctx.id} is unavailable (HTTP ${status})`, details);
    return { ok: false, error, retryable: true, retryAfterMs, status };
  }
  if (status === 401 || status === 403) {
    const what = ctx.apiKey ? 'refused the API key' : 'needs an API key';
    const error = new AppError('PROVIDER_UNAUTHORIZED', `${ctx.id} ${what} (${status})`, details);
    return { ok: false, error, retryable: false, retryAfterMs: null, status };
  }
  const error = new AppError('INVALID_INPUT', `${ctx.id} rejected the request (${status})`, details);
  return { ok: false, error, retryable: false, retryAfterMs: null, status };
}

/** The provider's own error message: `{error: {message}}` (OpenAI, Anthropic), `{error: "…"}`, or the raw text. */
export function errorText(bodyText: string): string {
  try {
    const json = JSON.parse(bodyText) as unknown;
    if (json && typeof json === 'object') {
      const { error, message } = json as { error?: unknown; message?: unknown };
      if (typeof error === 'string') return error;
      if (error && typeof error === 'object') {
        const inner = (error as { message?: unknown }).message;
        if (typeof inner === 'string') return inner;
      }
      if (typeof message === 'string') return message;
    }
  } catch {
    // Not JSON: an HTML error page or plain text.
  }
  return bodyText.replace(/<[^>]*>/g, ' ');
}

export function parseJson(ctx: { id: string }, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INVALID_ANSWER', `${ctx.id} answered with malformed JSON`);
  }
}

function describe(e: unknown, key: string | null): string {
  const cause =
    e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const text =
    typeof cause?.code === 'string'
      ? cause.code
      : typeof cause?.message === 'string'
        ? cause.message
        : e instanceof Error
          ? e.message
          : String(e);
  return providerMessage(text, key, 200);
}

function abortError(ctx: CallContext, why: 'timeout' | 'cancel', attempts: number): AppError {
  const details = { provider: ctx.id, model: ctx.model, attempts };
  return why === 'timeout'
    ? new AppError('TIMEOUT', `${ctx.id} did not answer within ${ctx.timeoutMs} ms`, {
        ...details,
        timeout_ms: ctx.timeoutMs,
      })
    : new AppError('CANCELLED', `the request to ${ctx.id} was cancelled`, details);
}
