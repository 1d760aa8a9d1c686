import { describe, expect, it } from 'vitest';
import { hashForTicker, tickerFromHash } from './hash-route';

describe('hash route', () => {
  it('round-trips a ticker', () => {
    expect(hashForTicker('PETR4')).toBe('#/asset/PETR4');
    expect(tickerFromHash('#/asset/PETR4')).toBe('PETR4');
    expect(tickerFromHash('#/asset/taee11/')).toBe('TAEE11');
  });

  it('ignores anything else', () => {
    expect(tickerFromHash('')).toBeNull();
    expect(tickerFromHash('#/')).toBeNull();
    expect(tickerFromHash('#/asset/')).toBeNull();
    expect(tickerFromHash('#/asset/PE')).toBeNull();
    expect(tickerFromHash('#/asset/PETR4/x')).toBeNull();
    expect(hashForTicker(null)).toBe('');
  });
});
