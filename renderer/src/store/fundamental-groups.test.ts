import { describe, expect, it } from 'vitest';
import type { ConsensusMetric, FundamentalBlock } from './analysis-blocks';
import type { ConsensusRow } from './consensus-rows';
import { groupRows, historyYears, tableColumns, type History } from './fundamental-groups';
import type { Fundamentals } from './fundamentals-store';
import { sparklinePath, sparklinePoints } from './sparkline-path';

const consensus = (count: number, value = 1): ConsensusMetric => ({
  value,
  confidence: 0.5,
  source_count: count,
  agreement: 1,
  sources: [],
  stats: { min: value, max: value, mean: value, stdev: 0, cv: 0 },
  discrepancies: [],
});

const row = (key: string, sources = 1): ConsensusRow => ({
  key,
  label: key,
  unit: 'ratio',
  metric: null,
  consensus: consensus(sources),
  computed: null,
  comparison: null,
});

const fund: Fundamentals = {
  ticker: 'WEGE3',
  metrics: [],
  sources: [{ source: 'fundamentus', fetched_at: '2026-07-03T10:00:00.000Z', snapshot_id: 7 }],
};

describe('groupRows', () => {
  it('groups as Status Invest does, each group in its own order, unknown keys under "other"', () => {
    const groups = groupRows(
      ['roe', 'extra:Foo', 'pl', 'dy', 'net_margin', 'net_debt_to_ebitda', 'sector', 'price', 'equity'].map(
        (k) => row(k),
      ),
    );
    expect(groups.map((g) => [g.id, g.rows.map((r) => r.key)])).toEqual([
      ['valuation', ['dy', 'pl']],
      ['debt', ['net_debt_to_ebitda']],
      ['efficiency', ['net_margin']],
      ['profitability', ['roe']],
      ['market', ['price']],
      ['balance', ['equity']],
      ['other', ['extra:Foo']],
    ]);
  });

  it('leaves empty groups and the header keys (name, sector) out', () => {
    expect(groupRows([row('sector'), row('company_name')])).toEqual([]);
    expect(groupRows([row('revenue_cagr_5y')]).map((g) => g.id)).toEqual(['growth']);
  });
});

describe('tableColumns', () => {
  const history = (years: Record<string, number[]>): History => ({
    ticker: 'WEGE3',
    metrics: Object.entries(years).map(([key, ys]) => ({
      key,
      undated: 0,
      years: ys.map((year) => ({
        year,
        value: year / 1000,
        source: 'fundamentus',
        as_of: `${year}-06-30`,
        as_of_basis: 'source' as const,
        sources: 1,
      })),
    })),
  });

  it('hides the consensus and per-source columns when every value has a single source', () => {
    const c = tableColumns([row('pl'), row('pvp')], fund, null, null);
    expect(c).toEqual({ consensus: false, sources: [], computed: false, history: false });
  });

  it('shows them when some value has two sources', () => {
    const c = tableColumns([row('pl', 2), row('pvp')], fund, null, null);
    expect(c.consensus).toBe(true);
    expect(c.sources).toEqual(['fundamentus']);
  });

  it('counts the sites’ own values for rows with no consensus (texts, dates)', () => {
    const r: ConsensusRow = {
      ...row('price_date'),
      consensus: null,
      metric: {
        key: 'price_date',
        label: 'Data',
        unit: 'date',
        values: [
          { source: 'a', value: '2026-07-03', as_of: null, fetched_at: 'x', snapshot_id: 1 },
          { source: 'b', value: '2026-07-03', as_of: null, fetched_at: 'x', snapshot_id: 2 },
        ],
      },
    };
    expect(tableColumns([r], fund, null, null).consensus).toBe(true);
  });

  it('hides the computed (CVM) column unless some value was computed from the filings', () => {
    const block = (value: number | null): FundamentalBlock => ({
      metrics: {},
      sources: [],
      cvm_code: '5410',
      computed: {
        as_of: '2026-07-03',
        ttm_end: null,
        balance_date: null,
        filings: [],
        metrics: [{ key: 'pl', value, inputs: {}, definition: 'P/L' }],
        comparison: [],
      },
    });
    expect(tableColumns([row('pl')], fund, block(null), null).computed).toBe(false);
    expect(tableColumns([row('pl')], fund, block(30.2), null).computed).toBe(true);
    expect(tableColumns([row('pl')], fund, { ...block(1), computed: null }, null).computed).toBe(false);
  });

  it('shows the history column only when one of the rows has two years or more', () => {
    expect(tableColumns([row('pl')], fund, null, history({ pl: [2026] })).history).toBe(false);
    expect(tableColumns([row('pl')], fund, null, history({ roe: [2024, 2026] })).history).toBe(false);
    expect(tableColumns([row('pl')], fund, null, history({ pl: [2024, 2026] })).history).toBe(true);
    expect(historyYears(history({ pl: [2026, 2024], roe: [2025] }))).toEqual([2024, 2025, 2026]);
  });
});

describe('sparklinePoints', () => {
  it('spreads the years on x (gaps kept) and scales the values on y, highest on top', () => {
    const p = sparklinePoints(
      [
        { year: 2020, value: 10 },
        { year: 2021, value: 20 },
        { year: 2024, value: 15 },
      ],
      84,
      24,
    );
    expect(p.map((x) => [x.x, x.y])).toEqual([
      [2, 22],
      [22, 2],
      [82, 12],
    ]);
    expect(sparklinePath(p)).toBe('M2 22 L22 2 L82 12');
  });

  it('draws one year or equal values in the middle', () => {
    expect(sparklinePoints([{ year: 2026, value: 3 }], 84, 24)).toEqual([
      { year: 2026, value: 3, x: 42, y: 12 },
    ]);
    expect(sparklinePoints([], 84, 24)).toEqual([]);
  });
});
