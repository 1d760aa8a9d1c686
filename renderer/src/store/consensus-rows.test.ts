import { describe, expect, it } from 'vitest';
import { FundamentalBlock } from './analysis-blocks';
import { consensusRows, disagreeing, discrepancyOf } from './consensus-rows';
import type { Fundamentals } from './fundamentals-store';
import { newestFirst, yearlyTotals } from './dividend-years';
import type { LedgerEntry } from './analysis-blocks';

const AT = '2026-11-29T00:05:04.358Z';

const fund: Fundamentals = {
  ticker: 'WEGE3',
  metrics: [
    {
      key: 'price',
      label: 'Cotação',
      unit: 'BRL',
      values: [
        { source: 'fundamentus', value: 46.48, as_of: '2026-07-03', fetched_at: AT, snapshot_id: 4 },
        { source: 'status-invest', value: 49.9, as_of: null, fetched_at: AT, snapshot_id: 9 },
      ],
    },
    {
      key: 'company_name',
      label: 'Empresa',
      unit: 'text',
      values: [{ source: 'fundamentus', value: 'WEG SA ON N1', as_of: null, fetched_at: AT, snapshot_id: 4 }],
    },
  ],
  sources: [
    { source: 'fundamentus', fetched_at: AT, snapshot_id: 4 },
    { source: 'status-invest', fetched_at: AT, snapshot_id: 9 },
  ],
};

const stats = { mean: 48.19, median: 48.19, min: 46.48, max: 49.9, count: 2, stdev: 1.71, cv: 0.0355 };
const block = FundamentalBlock.parse({
  metrics: {
    price: {
      value: 48.19,
      confidence: 0.76,
      source_count: 2,
      agreement: 1,
      sources: [
        { source: 'fundamentus', value: 46.48, fetched_at: AT, snapshot_id: '4' },
        { source: 'status-invest', value: 49.9, fetched_at: AT, snapshot_id: '9' },
      ],
      stats,
      discrepancies: [],
    },
    pl: {
      value: 31.03,
      confidence: 0.68,
      source_count: 1,
      agreement: 1,
      sources: [{ source: 'fundamentus', value: 31.03, fetched_at: AT, snapshot_id: '4' }],
      stats: { ...stats, cv: 0 },
      discrepancies: [{ source: 'other', value: 40, median: 31.03, deviation_pct: 28.9 }],
    },
  },
  discrepancies: [],
  profile: {},
  sources: ['fundamentus', 'status-invest'],
  cvm_code: '5410',
  computed: {
    as_of: '2026-07-03',
    ttm_end: '2026-03-31',
    balance_date: '2026-03-31',
    fiscal_year_end: '2025-12-31',
    filings: [],
    metrics: [
      { key: 'pl', value: 30.5, inputs: { price: 46.48, lpa: 1.524 }, definition: 'P/L = price ÷ LPA' },
      {
        key: 'roic',
        value: null,
        inputs: { ebit_12m: null },
        definition: 'ROIC = NOPAT ÷ invested capital',
        reason: 'missing: ebit_12m',
      },
    ],
    values: { pl: 30.5, roic: null },
    comparison: [{ key: 'pl', computed: 30.5, consensus: 31.03, diff: -0.53, diff_pct: -1.7, sites: [] }],
    dcf_inputs: {},
  },
});

describe('consensus rows', () => {
  it('puts the sources, the consensus and the computed value of each key on one row', () => {
    const rows = consensusRows(fund, block);
    expect(rows.map((r) => [r.key, r.label, r.unit])).toEqual([
      ['price', 'Cotação', 'BRL'],
      ['company_name', 'Empresa', 'text'],
      ['pl', 'pl', null],
      ['roic', 'roic', null],
    ]);
    const [price, name, pl, roic] = rows;
    expect(price?.consensus?.value).toBe(48.19);
    expect(price?.metric?.values).toHaveLength(2);
    expect(name?.consensus).toBeNull();
    expect(pl?.computed?.value).toBe(30.5);
    expect(pl?.comparison?.diff_pct).toBe(-1.7);
    expect(roic?.computed?.reason).toBe('missing: ebit_12m');
  });

  it('flags the sources more than 5% from the median', () => {
    const rows = consensusRows(fund, block);
    expect(disagreeing(rows)).toEqual(['pl']);
    const pl = rows.find((r) => r.key === 'pl');
    if (!pl) throw new Error('pl row');
    expect(discrepancyOf(pl, 'other')).toEqual({ deviation_pct: 28.9, median: 31.03 });
    expect(discrepancyOf(pl, 'fundamentus')).toBeNull();
  });

  it('works with only one of the two answers', () => {
    expect(consensusRows(fund, null).map((r) => r.key)).toEqual(['price', 'company_name']);
    expect(consensusRows(null, block).map((r) => r.key)).toEqual(['price', 'pl', 'roic']);
    expect(consensusRows(null, null)).toEqual([]);
  });
});

const entry = (date: string, kind: string, cash: number, payment: string | null = null): LedgerEntry => ({
  date,
  kind,
  factor: kind === 'split' ? 2 : 1,
  cash_per_share: cash,
  payment_date: payment,
  sources: ['fundamentus'],
  reports: [],
});

describe('dividend years', () => {
  // WEGE3's last two JCP of the Fundamentus capture, a 2025 dividend and a split.
  const ledger = [
    entry('2025-12-22', 'dividend', 0.2),
    entry('2026-03-23', 'jcp', 0.1001, '2027-03-10'),
    entry('2026-06-22', 'jcp', 0.1044, '2027-03-10'),
    entry('2025-04-01', 'split', 0),
  ];

  it('adds the cash per share by ex-date year, newest year first, leaving share events out', () => {
    const years = yearlyTotals(ledger);
    expect(years.map((y) => [y.year, y.events])).toEqual([
      ['2026', 2],
      ['2025', 1],
    ]);
    expect(years[0]?.total).toBeCloseTo(0.2045, 10);
  });

  it('orders the ledger newest first', () => {
    expect(newestFirst(ledger).map((e) => e.date)).toEqual([
      '2026-06-22',
      '2026-03-23',
      '2025-12-22',
      '2025-04-01',
    ]);
  });
});
