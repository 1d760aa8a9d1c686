import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP-date relative to now; a past date is 0', () => {
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('caps at the maximum', () => {
    expect(parseRetryAfter('3600', NOW, 120_000)).toBe(120_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:00 GMT', NOW, 5000)).toBe(5000);
  });

  it('undefined for a missing or unreadable value', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('12abc', NOW)).toBeUndefined();
    expect(parseRetryAfter('Xyz, 99 Foo 2026 12:00:00 GMT', NOW)).toBeUndefined();
  });
});
