import { describe, expect, it } from 'vitest';
import { barsiCeiling, bazinCeiling, bazinCeilings, gordon } from './dividend-models';

const d = (ex_date: string, value: number, type = 'DIVIDENDO', per_shares = 1) => ({
  ex_date,
  value,
  per_shares,
  type,
});
const DIVIDENDS = [
  d('2024-05-10', 0.5),
  d('2023-11-10', 30, 'JCP', 100), // 0.30 a share
  d('2024-01-01', 1, 'OUTRO'), // not cash
  d('2023-05-10', 0.4),
  d('2022-05-10', 0.4),
  d('2021-05-10', 0.35),
  d('2020-05-10', 0.3),
  d('2019-05-10', 0.3), // older than 5 years
];
const input = { dividends: DIVIDENDS, asOf: '2024-06-30', price: 10 };

describe('bazin', () => {
  it('divides the average yearly dividends by 6% over 5 years, 3 years and 12 months', () => {
    const [five, three, twelve] = bazinCeilings(input);
    // 12 months: 0.50 + 0.30 = 0.80 → 13.33
    expect(twelve?.value).toBeCloseTo(0.8 / 0.06, 12);
    expect(twelve?.upside_pct).toBeCloseTo((0.8 / 0.06 / 10 - 1) * 100, 10);
    // 3 years: 0.80 + 0.40 + 0.40 = 1.60, /3 = 0.5333 → 8.89
    expect(three?.value).toBeCloseTo(1.6 / 3 / 0.06, 12);
    expect(three?.inputs).toMatchObject({ distributions: 4, years: 3 });
    // 5 years: 1.60 + 0.35 + 0.30 = 2.25, /5 = 0.45 → 7.50
    expect(five?.value).toBeCloseTo(7.5, 12);
    expect(five?.upside_pct).toBeCloseTo(-25, 10);
    expect([five?.model, three?.model, twelve?.model]).toEqual(['bazin_5y', 'bazin_3y', 'bazin_12m']);
  });

  it('takes another desired yield, and refuses a window older than the dividend history', () => {
    expect(bazinCeiling({ ...input, desired_yield_pct: 8 }, '12m').value).toBeCloseTo(10, 12);
    const short = bazinCeiling({ ...input, history_start: '2021-01-01' }, '5y');
    expect(short.value).toBeNull();
    expect(short.note).toMatch(/history starts/);
    expect(bazinCeiling({ ...input, dividends: [] }, '12m').note).toBe('no cash distributions in the window');
  });
});

describe('barsi', () => {
  it('divides the projected dividend (LPA × payout) by 6%', () => {
    const r = barsiCeiling({ lpa: 2, payout_pct: 60, price: 16 });
    expect(r.value).toBeCloseTo(1.2 / 0.06, 12); // 20
    expect(r.upside_pct).toBeCloseTo(25, 10);
    expect(r.inputs.expected_dividend).toBeCloseTo(1.2, 12);
  });

  it('caps the payout at 100% and needs earnings', () => {
    const capped = barsiCeiling({ lpa: 2, payout_pct: 120, price: 16 });
    expect(capped.value).toBeCloseTo(2 / 0.06, 12);
    expect(capped.note).toBe('payout capped at 100%');
    expect(barsiCeiling({ lpa: -1, payout_pct: 50, price: 16 }).value).toBeNull();
  });
});

describe('gordon', () => {
  it('is D0 · (1 + g) / (k − g) with k = Selic + 5: 1.03 / (15.5% − 3%) = 8.24', () => {
    const r = gordon({ dps_12m: 1, selic_pct: 10.5, price: 7 });
    expect(r.value).toBeCloseTo(8.24, 12);
    expect(r.upside_pct).toBeCloseTo((8.24 / 7 - 1) * 100, 10);
    expect(r.inputs).toMatchObject({ k_pct: 15.5, growth_pct: 3, equity_premium_pct: 5, d1: 1.03 });
  });

  it('takes k and g as given, and needs k > g', () => {
    expect(gordon({ dps_12m: 2, k_pct: 12, growth_pct: 4, price: 20 }).value).toBeCloseTo(2.08 / 0.08, 12);
    expect(gordon({ dps_12m: 2, k_pct: 3, growth_pct: 3, price: 20 }).value).toBeNull();
    expect(gordon({ dps_12m: 0, selic_pct: 10, price: 20 }).value).toBeNull();
  });
});
