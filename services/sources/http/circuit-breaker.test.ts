import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitSnapshot } from './circuit-breaker';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const COOLDOWN = 60_000;

function tripped(c: ReturnType<typeof clock>): CircuitBreaker {
  const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: COOLDOWN, now: c.now });
  for (let i = 0; i < 3; i++) b.failure('TIMEOUT');
  return b;
}

describe('CircuitBreaker', () => {
  it('opens after failureThreshold consecutive tripping failures', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: COOLDOWN, now: c.now });
    expect(b.allow()).toEqual({ ok: true });
    b.failure('TIMEOUT');
    b.failure('UNAVAILABLE');
    expect(b.snapshot().state).toBe('closed');
    expect(b.allow()).toEqual({ ok: true });
    b.failure('RATE_LIMITED');
    expect(b.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 3,
      openedAt: c.now(),
      lastFailureCode: 'RATE_LIMITED',
    });
    expect(b.allow()).toEqual({ ok: false, retryInMs: COOLDOWN });
  });

  it('defaults: 5 failures, 5 minutes', () => {
    const c = clock();
    const b = new CircuitBreaker({ now: c.now });
    for (let i = 0; i < 4; i++) b.failure('BLOCKED');
    expect(b.current).toBe('closed');
    b.failure('BLOCKED');
    expect(b.current).toBe('open');
    expect(b.allow()).toEqual({ ok: false, retryInMs: 300_000 });
  });

  it('after the cooldown lets exactly one probe through; its success closes the circuit', () => {
    const c = clock();
    const b = tripped(c);
    c.advance(COOLDOWN - 1);
    expect(b.allow()).toEqual({ ok: false, retryInMs: 1 });
    c.advance(1);
    expect(b.allow()).toEqual({ ok: true });
    expect(b.current).toBe('half-open');
    expect(b.allow().ok).toBe(false);
    expect(b.allow().ok).toBe(false);
    b.success();
    expect(b.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, openedAt: null });
    expect(b.allow()).toEqual({ ok: true });
    expect(b.allow()).toEqual({ ok: true });
  });

  it('a failed probe opens the circuit for another full cooldown', () => {
    const c = clock();
    const b = tripped(c);
    c.advance(COOLDOWN + 10);
    expect(b.allow().ok).toBe(true);
    b.failure('TIMEOUT');
    expect(b.snapshot()).toMatchObject({ state: 'open', openedAt: c.now(), consecutiveFailures: 4 });
    expect(b.allow()).toEqual({ ok: false, retryInMs: COOLDOWN });
  });

  it('failures that do not say the site is unwell never trip it', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 2, cooldownMs: COOLDOWN, now: c.now });
    for (const code of ['NOT_FOUND', 'INVALID_INPUT', 'EMPTY_DATA', 'LAYOUT_CHANGED', 'CANCELLED']) {
      for (let i = 0; i < 5; i++) b.failure(code);
    }
    expect(b.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
  });

  it('an answer from the site (NOT_FOUND, LAYOUT_CHANGED) breaks the streak; INVALID_INPUT does not', () => {
    const c = clock();
    const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: COOLDOWN, now: c.now });
    b.failure('TIMEOUT');
    b.failure('TIMEOUT');
    b.failure('NOT_FOUND');
    b.failure('TIMEOUT');
    expect(b.snapshot()).toMatchObject({
      state: 'closed',
      consecutiveFailures: 1,
      lastFailureCode: 'TIMEOUT',
    });
    b.failure('TIMEOUT');
    b.failure('INVALID_INPUT');
    b.failure('TIMEOUT');
    expect(b.current).toBe('open');
  });

  it('a probe that ends saying nothing about the site frees the probe slot', () => {
    const c = clock();
    const b = tripped(c);
    c.advance(COOLDOWN);
    expect(b.allow().ok).toBe(true);
    expect(b.allow().ok).toBe(false);
    b.failure('INVALID_INPUT');
    expect(b.current).toBe('half-open');
    expect(b.allow().ok).toBe(true);
    b.failure('LAYOUT_CHANGED'); // the site answered: closed
    expect(b.current).toBe('closed');
  });

  it('snapshot → JSON → restore keeps the state and the remaining cooldown', () => {
    const c = clock();
    const b = tripped(c);
    c.advance(20_000);
    const saved = JSON.parse(JSON.stringify(b.snapshot())) as CircuitSnapshot;
    const r = CircuitBreaker.restore(saved, { failureThreshold: 3, cooldownMs: COOLDOWN, now: c.now });
    expect(r.snapshot()).toEqual(b.snapshot());
    expect(r.allow()).toEqual({ ok: false, retryInMs: 40_000 });
    c.advance(40_000);
    expect(r.allow().ok).toBe(true);
    expect(r.allow().ok).toBe(false);
  });

  it('restores half-open with its probe available, and closed with its failure count', () => {
    const c = clock();
    const half = CircuitBreaker.restore(
      { state: 'half-open', consecutiveFailures: 5, openedAt: c.now() - 1, lastFailureCode: 'TIMEOUT' },
      { now: c.now },
    );
    expect(half.allow().ok).toBe(true);
    expect(half.allow().ok).toBe(false);

    const closed = CircuitBreaker.restore(
      { state: 'closed', consecutiveFailures: 4, openedAt: null, lastFailureCode: 'UNAVAILABLE' },
      { now: c.now },
    );
    closed.failure('TIMEOUT');
    expect(closed.current).toBe('open');

    // An open snapshot without a date restarts the cooldown from now.
    const undated = CircuitBreaker.restore(
      { state: 'open', consecutiveFailures: 5, openedAt: null, lastFailureCode: 'BLOCKED' },
      { cooldownMs: COOLDOWN, now: c.now },
    );
    expect(undated.allow()).toEqual({ ok: false, retryInMs: COOLDOWN });
  });
});
