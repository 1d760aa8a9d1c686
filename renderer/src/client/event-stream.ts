import { backoffDelay, CLIENT_HEADERS } from './http-request';
import { createSseParser } from './sse-parser';

type Listener = (payload: unknown) => void;

export interface EventStream {
  subscribe(event: string, cb: Listener): () => void;
}

export interface EventStreamOptions {
  url: string;
  fetch?: typeof fetch;
  onError?: (message: string) => void;
}

/**
 * One shared Server-Sent Events connection read with fetch() (EventSource cannot send the
 * client header the server asks of a browser session). Opens on the first subscriber, closes after the last one leaves, and
 * reconnects with exponential backoff while anyone listens.
 */
export function createEventStream(options: EventStreamOptions): EventStream {
  const listeners = new Map<string, Set<Listener>>();
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;

  const count = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0);

  function dispatch(event: string, data: string): void {
    const set = listeners.get(event);
    if (!set || set.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      payload = data;
    }
    for (const cb of [...set]) cb(payload);
  }

  async function run(signal: AbortSignal): Promise<void> {
    const res = await doFetch(options.url, {
      headers: { Accept: 'text/event-stream', ...CLIENT_HEADERS },
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
    if (!res.ok || !res.body) throw new Error(`event stream answered HTTP ${res.status}`);
    attempt = 0;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = createSseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const msg of parser.push(value)) dispatch(msg.event, msg.data);
    }
  }

  function connect(): void {
    const ctl = new AbortController();
    controller = ctl;
    run(ctl.signal)
      .catch((e: unknown) => {
        if (!ctl.signal.aborted) options.onError?.(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (controller !== ctl || ctl.signal.aborted) return;
        controller = null;
        timer = setTimeout(() => {
          timer = null;
          if (count() > 0 && !controller) connect();
        }, backoffDelay(attempt++));
      });
  }

  function disconnect(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    controller?.abort();
    controller = null;
    attempt = 0;
  }

  return {
    subscribe(event, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb);
      if (!controller && !timer) connect();
      return () => {
        set.delete(cb);
        if (count() === 0) disconnect();
      };
    },
  };
}
