import type { Job, MethodName, Result } from '../../../services/contract';
import type { Transport } from '../../../services/contract/client';

/** A job as the API answers it, for the renderer's unit tests; `patch` overrides any field. */
export function testJob(id: string, patch: Partial<Job> = {}): Job {
  return {
    id,
    scraper_name: 'selftest',
    ticker: null,
    query: 'noop',
    priority: 'normal',
    status: 'pending',
    created_at: `2026-11-29T00:00:0${id.slice(-1)}.000Z`,
    started_at: null,
    completed_at: null,
    attempts: 0,
    max_retries: 3,
    next_run_at: null,
    response_time: null,
    error: null,
    metadata: {},
    result: null,
    ...patch,
  };
}

export type FakeHandler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** A transport answering from `handlers` (unknown methods: UNKNOWN_METHOD), recording calls; `emit` pushes events. */
export function fakeTransport(handlers: Partial<Record<MethodName, FakeHandler>>) {
  const listeners = new Map<string, Array<(p: unknown) => void>>();
  const calls: Array<{ method: MethodName; input: unknown }> = [];
  const transport: Transport = {
    call(method, input) {
      calls.push({ method, input });
      const h = handlers[method];
      return Promise.resolve(
        h ? h(input) : { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } },
      );
    },
    on(event, cb) {
      listeners.set(event, [...(listeners.get(event) ?? []), cb]);
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((x) => x !== cb),
        );
    },
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload));
  return { transport, calls, emit };
}
