import { describe, expect, it } from 'vitest';
import { createEventStream } from './event-stream';

function sseResponse(frames: string[]): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (const f of frames) ctl.enqueue(enc.encode(f));
      ctl.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('createEventStream', () => {
  it('shares one connection, sends the client header (no token) and dispatches by event name', async () => {
    const requests: Array<{ url: string; auth: string | null; client: string | null }> = [];
    const fetchFn: typeof fetch = (input, init) => {
      requests.push({
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        auth: new Headers(init?.headers).get('Authorization'),
        client: new Headers(init?.headers).get('X-B3AI-Client'),
      });
      return Promise.resolve(
        sseResponse([
          'event: import.progressed\ndata: {"bytesRead":1}\n\n',
          ': ping\n\nevent: other\ndata: 2\n\n',
        ]),
      );
    };
    const stream = createEventStream({ url: 'http://h/api/events', fetch: fetchFn });
    const got: unknown[] = [];
    const other: unknown[] = [];
    const off1 = stream.subscribe('import.progressed', (p) => got.push(p));
    const off2 = stream.subscribe('other', (p) => other.push(p));
    await tick();
    expect(requests).toEqual([{ url: 'http://h/api/events', auth: null, client: 'web' }]);
    expect(got).toEqual([{ bytesRead: 1 }]);
    expect(other).toEqual([2]);
    off1();
    off2();
  });

  it('reconnects after a failure and stops once nobody listens', async () => {
    let calls = 0;
    const fetchFn: typeof fetch = () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('refused')) : Promise.resolve(sseResponse([]));
    };
    const errors: string[] = [];
    const stream = createEventStream({
      url: 'http://h/e',
      fetch: fetchFn,
      onError: (m) => errors.push(m),
    });
    const off = stream.subscribe('x', () => undefined);
    await tick(600);
    expect(errors).toEqual(['refused']);
    expect(calls).toBeGreaterThanOrEqual(2);
    off();
    const after = calls;
    await tick(1200);
    expect(calls).toBe(after);
  });
});
