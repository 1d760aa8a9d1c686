import { describe, expect, it } from 'vitest';
import { computeFundamentals, type ComputeInput } from './computed';
import { DELIVERIES, DFP_2018, LINES } from './test-support';

const DIVIDENDS = [
  { ex_date: '2022-12-31', value: 1, per_shares: 1, type: 'DIVIDENDO' }, // exactly 12 months before: out
  { ex_date: '2023-04-28', value: 0.05, per_shares: 1, type: 'DIVIDENDO' },
  { ex_date: '2023-06-01', value: 0.5, per_shares: 1, type: 'OUTRO' }, // not cash: out
  { ex_date: '2023-11-20', value: 3, per_shares: 100, type: 'JCP' }, // 0.03 a share
];

const base: ComputeInput = {
  statements: LINES,
  deliveries: DELIVERIES,
  asOf: '2023-12-31',
  price: 2,
  shares: 500,
  dividends: DIVIDENDS,
};

const run = (over: Partial<ComputeInput> = {}) => computeFundamentals({ ...base, ...over });
const metric = (r: ReturnType<typeof run>, key: string) => r.metrics.find((m) => m.key === key);

describe('computeFundamentals: point in time', () => {
  it('uses version 1 of the Q3 ITR before version 2 was delivered, version 2 after', () => {
    const before = run({ asOf: '2024-01-19' });
    const after = run({ asOf: '2024-01-20' });
    expect(before.filings.find((f) => f.ref_date === '2023-09-30')?.version).toBe(1);
    expect(after.filings.find((f) => f.ref_date === '2023-09-30')?.version).toBe(2);
    // Q4'22 130 + Q1 140 + Q2 150 + Q3 (160 in v1, 170 in v2)
    expect(before.values.revenue_12m).toBe(580);
    expect(after.values.revenue_12m).toBe(590);
    expect(before.values.revenue_3m).toBe(160);
    expect(after.values.revenue_3m).toBe(170);
    // net income 13 + 14 + 15 + (16 | 12)
    expect(before.values.net_income_12m).toBe(58);
    expect(after.values.net_income_12m).toBe(54);
    expect(after.values.net_margin).toBeCloseTo((54 / 590) * 100, 12);
  });

  it('does not see a filing before its delivery day', () => {
    const r = run({ asOf: '2023-11-09' });
    expect(r.ttm_end).toBe('2023-06-30');
    expect(r.balance_date).toBe('2023-06-30');
    // Q3'22 120 + Q4'22 130 + Q1 140 + Q2 150
    expect(r.values.revenue_12m).toBe(540);
    expect(r.filings.map((f) => `${f.document} ${f.ref_date}`)).toEqual([
      'DFP 2021-12-31',
      'DFP 2022-12-31',
      'ITR 2023-03-31',
      'ITR 2023-06-30',
    ]);
  });

  it('assumes the legal deadline when a delivery date is unknown, and says so', () => {
    const r = run({ deliveries: DELIVERIES.filter((d) => d.ref_date !== '2021-12-31'), asOf: '2022-03-30' });
    expect(r.filings).toEqual([]);
    const later = run({
      deliveries: DELIVERIES.filter((d) => d.ref_date !== '2021-12-31'),
      asOf: '2022-03-31',
    });
    expect(later.filings[0]).toMatchObject({
      ref_date: '2021-12-31',
      delivered_at: '2022-03-31',
      delivery_estimated: true,
    });
    expect(later.values.revenue_12m).toBe(400);
  });

  it('prefers the consolidated statements over the individual ones', () => {
    const r = run({ asOf: '2023-04-01' });
    expect(r.filings.find((f) => f.ref_date === '2022-12-31')?.basis.DRE).toBe('consolidated');
    expect(r.values.revenue_12m).toBe(460);
  });

  it('falls back to the individual statements when a filing has no consolidated ones', () => {
    const individual = LINES.filter((l) => l.document === 'DFP' && l.ref_date === '2021-12-31').map((l) => ({
      ...l,
      consolidated: false,
    }));
    const r = run({ statements: individual, asOf: '2022-12-31' });
    expect(r.filings[0]?.basis).toEqual({
      DRE: 'individual',
      DFC_MI: 'individual',
      BPA: 'individual',
      BPP: 'individual',
    });
    expect(r.values.revenue_12m).toBe(400);
  });
});

describe('computeFundamentals: trailing twelve months', () => {
  it('derives Q4 from the year minus the nine months, and sums four quarters', () => {
    const r = run({ asOf: '2023-12-31' });
    expect(r.ttm_end).toBe('2023-09-30');
    expect(r.values.ebit_12m).toBe(26 + 28 + 30 + 32);
    // D&A: DFCs are year-to-date; Q4'22 = 20 − 15, 2023 YTD 18; transaction-cost amortization excluded
    expect(r.dcf_inputs.da_12m).toBe(5 + 18);
    expect(r.dcf_inputs.capex_12m).toBe(8 + 27);
  });

  it('uses year-to-date + last year − last year to date when earlier quarters are not filed', () => {
    const r = run({ asOf: '2023-08-01' });
    expect(r.ttm_end).toBe('2023-03-31');
    // FY22 460 + Q1'23 140 − Q1'22 100 (Q2 and Q3 of 2022 were never filed here)
    expect(r.values.revenue_12m).toBe(500);
    expect(r.dcf_inputs.da_12m).toBe(20 + 6 - 5);
  });

  it('measures the change in working capital over twelve months', () => {
    const r = run({ asOf: '2023-04-01' });
    expect(r.balance_date).toBe('2022-12-31');
    // (350 − 45 − 25 − (180 − 55)) − (300 − 40 − 20 − (150 − 50)) = 155 − 140
    expect(r.dcf_inputs.delta_nwc_12m).toBe(15);
    expect(run().dcf_inputs.delta_nwc_12m).toBeNull(); // no 2022-09-30 balance sheet
  });
});

describe('computeFundamentals: metrics on 2023-12-31', () => {
  const r = run();
  // TTM: revenue 580, gross 232, EBIT 116, D&A 23, net income 58, to controllers 54.
  // Balance 2023-09-30: assets 1000, CA 400, CL 200, cash 50 + 30, debt 60 + 240, equity 500, minorities 20.
  // Market cap 2 × 500 = 1000; net debt 300 − 80 = 220; EV 1220; dividends 0.05 + 0.03 = 0.08 a share.
  const expected: Record<string, number> = {
    lpa: 54 / 500,
    vpa: 480 / 500,
    pl: 2 / (54 / 500),
    pvp: 2 / (480 / 500),
    psr: 1000 / 580,
    ev_ebit: 1220 / 116,
    ev_ebitda: 1220 / 139,
    roe: (54 / 480) * 100,
    roa: (58 / 1000) * 100,
    roic: ((116 * 0.66) / 720) * 100,
    gross_margin: 40,
    ebit_margin: 20,
    ebitda_margin: (139 / 580) * 100,
    net_margin: 10,
    net_debt_to_equity: 0.44,
    net_debt_to_ebitda: 220 / 139,
    current_ratio: 2,
    dy: 4,
    payout: (0.08 / (54 / 500)) * 100,
    market_cap: 1000,
    firm_value: 1220,
    net_debt: 220,
    gross_debt: 300,
    cash: 80,
    equity: 500,
  };
  for (const [key, value] of Object.entries(expected)) {
    it(`${key} = ${value}`, () => {
      expect(metric(r, key)?.value).toBeCloseTo(value, 10);
      expect(metric(r, key)?.definition).toMatch(/\w/);
    });
  }

  it('names the inputs of each metric', () => {
    expect(metric(r, 'roic')?.inputs).toMatchObject({
      ebit_12m: 116,
      tax_rate_pct: 34,
      equity: 500,
      net_debt: 220,
    });
    expect(metric(r, 'ev_ebitda')?.inputs).toEqual({
      firm_value: 1220,
      ebitda_12m: 139,
      ebit_12m: 116,
      da_12m: 23,
    });
  });

  it('returns null with a reason when an input is missing or a denominator is ≤ 0', () => {
    expect(metric(r, 'revenue_cagr_5y')).toMatchObject({ value: null, reason: 'missing: revenue_fy_5y_ago' });
    const noPrice = run({ price: null });
    expect(metric(noPrice, 'pl')).toMatchObject({ value: null, reason: 'missing: price' });
    expect(metric(noPrice, 'lpa')?.value).toBeCloseTo(0.108, 12);
    const loss = run({
      statements: LINES.map((l) =>
        l.account_code.startsWith('3.11') ? { ...l, value: -Math.abs(l.value) } : l,
      ),
    });
    expect(metric(loss, 'pl')).toMatchObject({ value: null, reason: 'lpa ≤ 0' });
    expect(metric(loss, 'payout')).toMatchObject({ value: null, reason: 'lpa ≤ 0' });
    expect(metric(loss, 'net_margin')?.value).toBeCloseTo(-10, 10);
    expect(run({ dividends: undefined }).values.dy).toBeNull();
  });

  it('computes the five-year growth from the fiscal years filed', () => {
    const g = run({ statements: [...LINES, ...DFP_2018] });
    expect(g.fiscal_year_end).toBe('2022-12-31');
    // 2022 revenue 460 against 2017's 250 (the PENÚLTIMO of the 2018 DFP); earnings 42 against 20
    expect(g.values.revenue_cagr_5y).toBeCloseTo(((460 / 250) ** 0.2 - 1) * 100, 10);
    expect(g.values.revenue_cagr_5y).toBeCloseTo(12.9701, 3);
    expect(g.values.earnings_cagr_5y).toBeCloseTo(((42 / 20) ** 0.2 - 1) * 100, 10);
  });

  it('rejects lines of more than one company', () => {
    expect(() => run({ statements: [...LINES, { ...LINES[0]!, cvm_code: '1' }] })).toThrow(/2 companies/);
  });
});
