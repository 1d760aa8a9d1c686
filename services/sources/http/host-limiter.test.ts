import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRaw } from './client';
import { HostLimiter, hostOf, startInterval, type Release } from './host-limiter';
import { TestServer } from './test-server';

/**
 * A clock that only moves when the limiter sleeps: the time jumps when the sleep ends (next
 * macrotask), so whatever a grant set going in microtasks still sees the grant's time.
 */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      return new Promise((resolve) =>
        setImmediate(() => {
          t += ms;
          resolve();
        }),
      );
    },
    slept,
  };
}

const FAST = { concurrency: 1, ratePerMinute: Number.POSITIVE_INFINITY };

describe('HostLimiter (fake clock)', () => {
  it('spaces request starts on one host by 60000 / ratePerMinute', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter(clock);
    const starts: number[] = [];
    const limits = { concurrency: 5, ratePerMinute: 120 };
    await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const release = await limiter.acquire('https://example.com/a', limits);
        starts.push(clock.now());
        release();
      }),
    );
    expect(starts).toEqual([0, 500, 1000, 1500]);
    expect(startInterval(120)).toBe(500);
  });

  it('different hosts do not wait for each other', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter(clock);
    const limits = { concurrency: 1, ratePerMinute: 1 };
    const a = await limiter.acquire('https://a.example/x', limits);
    const b = await limiter.acquire('https://b.example/x', limits);
    expect(clock.slept).toEqual([]);
    a();
    b();
    expect(hostOf('HTTPS://A.example:8443/p?q=1')).toBe('a.example:8443');
  });

  it('serves waiters first in, first out, at most `concurrency` at once', async () => {
    const limiter = new HostLimiter(fakeClock());
    const order: string[] = [];
    const first = await limiter.acquire('http://h/1', FAST);
    const pending = ['b', 'c', 'd'].map((name) =>
      limiter.acquire('http://h/2', FAST).then((release) => {
        order.push(name);
        return release;
      }),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limiter.stats('http://h/')).toEqual({ inFlight: 1, waiting: 3 });
    first();
    const b = await pending[0];
    expect(order).toEqual(['b']);
    b?.();
    const c = await pending[1];
    c?.();
    c?.(); // releasing twice frees one slot only
    const d = await pending[2];
    expect(order).toEqual(['b', 'c', 'd']);
    expect(limiter.stats('http://h/')).toEqual({ inFlight: 1, waiting: 0 });
    d?.();
    expect(limiter.stats('http://h/')).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('an aborted waiter leaves the queue and rejects with the reason', async () => {
    const limiter = new HostLimiter(fakeClock());
    const held = await limiter.acquire('http://h/', FAST);
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const aborted = limiter.acquire('http://h/', FAST, controller.signal);
    const next = limiter.acquire('http://h/', FAST);
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(limiter.stats('http://h/').waiting).toBe(1);
    held();
    const release: Release = await next;
    release();

    const before = new AbortController();
    before.abort(reason);
    await expect(limiter.acquire('http://h/', FAST, before.signal)).rejects.toBe(reason);
  });
});

describe('HostLimiter with fetchRaw against a real server', () => {
  const server = new TestServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  const base = { signal: new AbortController().signal, timeoutMs: 5000 };

  it('concurrency 1: two requests to the same host never overlap', async () => {
    const url = server.route('/slow', (_req, res) => {
      setTimeout(() => res.writeHead(200).end('ok'), 100);
    });
    // Without a limiter the two overlap, so the measure below is meaningful.
    await Promise.all([fetchRaw({ url }, base), fetchRaw({ url }, base)]);
    expect(server.maxInFlight).toBe(2);

    server.maxInFlight = 0;
    const limiter = new HostLimiter();
    const limits = { concurrency: 1, ratePerMinute: 60_000 };
    const both = await Promise.all([
      fetchRaw({ url }, { ...base, limiter, limits }),
      fetchRaw({ url }, { ...base, limiter, limits }),
    ]);
    expect(both.map((r) => r.text())).toEqual(['ok', 'ok']);
    expect(server.maxInFlight).toBe(1);
    expect(server.hits('/slow')).toBe(4);
  });

  it('rate: request starts are at least the interval apart (fake clock)', async () => {
    const clock = fakeClock();
    const seenAt: number[] = [];
    const url = server.route('/paced', (_req, res) => res.writeHead(200).end('ok'));
    // The real fetch, with the fake time noted as each request leaves.
    const fetchImpl: typeof fetch = (input, init) => {
      seenAt.push(clock.now());
      return fetch(input, init);
    };
    const limiter = new HostLimiter(clock);
    const limits = { concurrency: 3, ratePerMinute: 30 };
    const o = { ...base, limiter, limits, fetchImpl };
    await Promise.all([1, 2, 3].map(() => fetchRaw({ url }, o)));
    await fetchRaw({ url }, o);
    expect(server.hits('/paced')).toBe(4);
    expect(seenAt).toHaveLength(4);
    expect(seenAt.slice(0, 3)).toEqual([0, 2000, 4000]);
    for (let i = 1; i < seenAt.length; i++) {
      expect((seenAt[i] ?? 0) - (seenAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(2000);
    }
  });
});
