import { describe, expect, it } from 'vitest';
import { backoffDelay, failureCode, looksLikeOom, tailBuffer } from './failures';

describe('worker failure helpers', () => {
  it('backoff doubles per consecutive failure up to the cap', () => {
    const b = { initial: 100, max: 1_000 };
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, b))).toEqual([
      0, 100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('recognises V8 heap exhaustion in stderr', () => {
    expect(
      looksLikeOom('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'),
    ).toBe(true);
    expect(looksLikeOom('Error: boom')).toBe(false);
  });

  it('maps supervisor failures to existing error codes', () => {
    expect(failureCode('timeout')).toBe('TIMEOUT');
    expect(failureCode('crash')).toBe('WORKER_CRASHED');
    expect(failureCode('oom')).toBe('WORKER_CRASHED');
  });

  it('keeps only the tail of a stream', () => {
    const t = tailBuffer(5);
    t.push('abc');
    t.push('defg');
    expect(t.read()).toBe('cdefg');
  });
});
