import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

const NOW = Date.parse('2026-03-02T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    [null, '2', 2000],
    [null, '0.5', 500],
    [null, ' 10 ', 10_000],
    [null, 'Mon, 02 Mar 2026 12:00:30 GMT', 30_000],
    [null, 'Mon, 02 Mar 2026 11:00:00 GMT', 0],
    [null, 'soon', null],
    [null, null, null],
    ['250', '30', 250],
    ['bad', '3', 3000],
  ])('retry-after-ms %s, Retry-After %s → %s ms', (ms, header, expected) => {
    expect(parseRetryAfter(ms, header, NOW)).toBe(expected);
  });
});
