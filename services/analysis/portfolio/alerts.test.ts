import { describe, expect, it } from 'vitest';
import { compare, transition } from './alerts';

const p = (value: number | null, label = 'close') => ({ label, value, source: 'test' });

describe('alert conditions', () => {
  it('price above / below a level: fires and does not fire', () => {
    expect(compare('price_above', 'PETR4', p(31), p(30, 'level')).holds).toBe(true);
    expect(compare('price_above', 'PETR4', p(29), p(30, 'level')).holds).toBe(false);
    expect(compare('price_below', 'PETR4', p(29), p(30, 'level')).holds).toBe(true);
    expect(compare('price_below', 'PETR4', p(30), p(30, 'level')).holds).toBe(false);
  });
  it('RSI, ceilings, weight and age', () => {
    expect(compare('rsi_below', 'X', p(25, 'RSI 14'), p(30)).holds).toBe(true);
    expect(compare('rsi_above', 'X', p(65, 'RSI 14'), p(70)).holds).toBe(false);
    expect(compare('below_graham', 'X', p(10), p(12, 'Graham')).holds).toBe(true);
    expect(compare('weight_above', 'X', p(26, 'weight %'), p(25)).holds).toBe(true);
    expect(compare('stale_data', 'X', p(3, 'days'), p(7)).holds).toBe(false);
  });
  it('missing data evaluates to unknown', () => {
    expect(compare('price_above', 'X', p(null), p(1)).holds).toBeNull();
  });
  it('fires once per crossing, re-arms when the condition stops, ignores unknown readings', () => {
    const readings = [false, true, true, null, true, false, true];
    let active = false;
    const fired: number[] = [];
    readings.forEach((r, i) => {
      const t = transition(active, r);
      active = t.active;
      if (t.fire) fired.push(i);
    });
    expect(fired).toEqual([1, 6]);
  });
});
