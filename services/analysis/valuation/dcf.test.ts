import { describe, expect, it } from 'vitest';
import { fcffDcf, type DcfInput } from './dcf';

const base: DcfInput = {
  ebit_12m: 100,
  da_12m: 20,
  capex_12m: 30,
  delta_nwc_12m: 6,
  net_debt: 100,
  shares: 50,
  price: 10,
  assumptions: { years: 2, growth_pct: 10, terminal_growth_pct: 4, wacc_pct: 12 },
};

describe('fcffDcf', () => {
  it('discounts two years of FCFF and a terminal value (hand-checked)', () => {
    // FCFF0 = 100 · 0.66 + 20 − 30 − 6 = 50; FCFF1 = 55, FCFF2 = 60.5
    // PV = 55/1.12 + 60.5/1.2544 = 49.107143 + 48.230230; TV = 60.5 · 1.04 / 0.08 = 786.5 → 626.992985
    // EV = 724.330357; equity = 624.330357; ÷ 50 = 12.486607
    const r = fcffDcf(base);
    const ev = 55 / 1.12 + 60.5 / 1.2544 + 786.5 / 1.2544;
    expect(r.inputs.fcff_0).toBeCloseTo(50, 12);
    expect(r.inputs.fcff).toEqual([expect.closeTo(55, 10), expect.closeTo(60.5, 10)]);
    expect(r.inputs.terminal_value).toBeCloseTo(786.5, 9);
    expect(r.inputs.enterprise_value).toBeCloseTo(ev, 9);
    expect(r.value).toBeCloseTo((ev - 100) / 50, 10);
    expect(r.value).toBeCloseTo(12.4866, 4);
    expect(r.upside_pct).toBeCloseTo(((ev - 100) / 50 / 10 - 1) * 100, 8);
  });

  it('builds the WACC from Selic when none is given', () => {
    // ke = 10 + 5 = 15; kd = (10 + 2) · 0.66 = 7.92; weights 800 / 200 → 0.8 · 15 + 0.2 · 7.92 = 13.584
    const r = fcffDcf({
      ...base,
      selic_pct: 10,
      market_cap: 800,
      gross_debt: 200,
      assumptions: { years: 2, growth_pct: 10, terminal_growth_pct: 4 },
    });
    expect(r.inputs.wacc_pct).toBeCloseTo(13.584, 12);
    expect(r.inputs.cost_of_debt_after_tax_pct).toBeCloseTo(7.92, 12);
    const costOfEquityOnly = fcffDcf({ ...base, selic_pct: 10, assumptions: { years: 5 } });
    expect(costOfEquityOnly.inputs).toMatchObject({
      wacc_pct: 15,
      wacc_source: 'cost of equity only',
      years: 5,
    });
  });

  it('says why it gives no value', () => {
    expect(fcffDcf({ ...base, ebit_12m: -10 }).note).toMatch(/≤ 0/);
    expect(fcffDcf({ ...base, assumptions: { wacc_pct: 3, terminal_growth_pct: 3 } }).note).toMatch(
      /terminal growth/,
    );
    expect(fcffDcf({ ...base, net_debt: 10_000 }).note).toMatch(/net debt exceeds/);
    expect(fcffDcf({ ...base, assumptions: {} }).note).toMatch(/no discount rate/);
    expect(fcffDcf({ ...base, capex_12m: null }).value).toBeNull();
  });

  it('takes an unknown change in working capital as 0 and notes it', () => {
    const r = fcffDcf({ ...base, delta_nwc_12m: null });
    expect(r.inputs.fcff_0).toBeCloseTo(56, 12);
    expect(r.note).toMatch(/taken as 0/);
  });
});
