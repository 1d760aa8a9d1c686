import { describe, expect, it } from 'vitest';
import { grahamNumber, grahamRevised } from './graham';
import { upsidePct } from './types';

describe('grahamNumber', () => {
  it('is √(22.5 · LPA · VPA): LPA 1.50, VPA 4.23 → √142.7625 = 11.948…', () => {
    const r = grahamNumber({ lpa: 1.5, vpa: 4.23, price: 10 });
    expect(r.value).toBeCloseTo(Math.sqrt(142.7625), 12);
    expect(r.value).toBeCloseTo(11.9483, 4);
    expect(r.upside_pct).toBeCloseTo((Math.sqrt(142.7625) / 10 - 1) * 100, 10); // +19.48%
    expect(r.inputs).toEqual({ lpa: 1.5, vpa: 4.23, price: 10 });
  });

  it('gives no value unless LPA and VPA are both > 0', () => {
    expect(grahamNumber({ lpa: -1, vpa: 4, price: 10 })).toMatchObject({ value: null, upside_pct: null });
    expect(grahamNumber({ lpa: 1, vpa: 0, price: 10 }).note).toMatch(/> 0/);
    expect(grahamNumber({ lpa: null, vpa: 4, price: 10 }).note).toMatch(/missing/);
  });
});

describe('grahamRevised', () => {
  it('is LPA · (8.5 + 2g) · 4.4 / Y with Y = Selic: 2 · 18.5 · 4.4 / 11.25 = 14.471…', () => {
    const r = grahamRevised({ lpa: 2, growth_pct: 5, selic_pct: 11.25, price: 12 });
    expect(r.value).toBeCloseTo(162.8 / 11.25, 12);
    expect(r.upside_pct).toBeCloseTo((162.8 / 11.25 / 12 - 1) * 100, 10);
    expect(r.inputs).toMatchObject({ multiple: 18.5, growth_used_pct: 5 });
    expect(r.note).toBeUndefined();
  });

  it('caps g at 15% by default, and the cap is overridable', () => {
    const capped = grahamRevised({ lpa: 2, growth_pct: 30, selic_pct: 11.25, price: 12 });
    expect(capped.value).toBeCloseTo((2 * 38.5 * 4.4) / 11.25, 12);
    expect(capped.note).toBe('growth capped at 15%');
    const free = grahamRevised({ lpa: 2, growth_pct: 30, selic_pct: 11.25, price: 12, max_growth_pct: 40 });
    expect(free.value).toBeCloseTo((2 * 68.5 * 4.4) / 11.25, 12);
  });

  it('gives no value for a loss, Y ≤ 0 or 8.5 + 2g ≤ 0', () => {
    expect(grahamRevised({ lpa: -2, growth_pct: 5, selic_pct: 11, price: 1 }).value).toBeNull();
    expect(grahamRevised({ lpa: 2, growth_pct: 5, selic_pct: 0, price: 1 }).value).toBeNull();
    expect(grahamRevised({ lpa: 2, growth_pct: -5, selic_pct: 11, price: 1 }).note).toBe('8.5 + 2g ≤ 0');
  });
});

describe('upsidePct', () => {
  it('needs a value and a positive price', () => {
    expect(upsidePct(15, 10)).toBeCloseTo(50, 12);
    expect(upsidePct(15, 0)).toBeNull();
    expect(upsidePct(null, 10)).toBeNull();
  });
});
