import { describe, expect, it } from 'vitest';
import { valuationModels } from './index';

describe('valuationModels', () => {
  const results = valuationModels({
    asOf: '2024-06-30',
    price: 10,
    lpa: 1.5,
    vpa: 4.23,
    selic_pct: 10.5,
    earnings_growth_pct: 5,
    payout_pct: 50,
    dividends: [
      { ex_date: '2024-05-10', value: 0.5, per_shares: 1, type: 'DIVIDENDO' },
      { ex_date: '2023-11-10', value: 0.3, per_shares: 1, type: 'JCP' },
    ],
    dcf: { ebit_12m: 100, da_12m: 20, capex_12m: 30, delta_nwc_12m: 6, net_debt: 100, shares: 50 },
  });
  const byModel = Object.fromEntries(results.map((r) => [r.model, r]));

  it('returns every per-share model with its inputs and upside', () => {
    expect(results.map((r) => r.model)).toEqual([
      'graham_number',
      'graham_revised',
      'bazin_5y',
      'bazin_3y',
      'bazin_12m',
      'barsi',
      'gordon',
      'dcf',
    ]);
    expect(byModel.graham_number?.value).toBeCloseTo(11.9483, 4);
    expect(byModel.graham_revised?.value).toBeCloseTo((1.5 * 18.5 * 4.4) / 10.5, 12);
    expect(byModel.barsi?.value).toBeCloseTo(0.75 / 0.06, 12);
  });

  it('feeds Gordon with the last 12 months of dividends and the DCF with Selic', () => {
    expect(byModel.gordon?.inputs.dps_12m).toBeCloseTo(0.8, 12);
    expect(byModel.gordon?.value).toBeCloseTo((0.8 * 1.03) / 0.125, 12);
    expect(byModel.dcf?.inputs.wacc_pct).toBe(15.5); // no market cap / gross debt given: cost of equity
    expect(byModel.dcf?.value).not.toBeNull();
  });
});
