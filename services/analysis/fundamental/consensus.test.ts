import { describe, expect, it } from 'vitest';
import { compareComputed } from './compare';
import {
  agreementFromCv,
  consensusFundamentals,
  consensusMetric,
  type SourceFundamentals,
  type SourceValue,
} from './consensus';

const at = '2024-05-02T10:00:00Z';
const sv = (source: string, value: number, fetched_at = at): SourceValue => ({
  source,
  value,
  fetched_at,
  snapshot_id: `snap-${source}`,
});

describe('consensusMetric', () => {
  it('takes the median, population stdev, cv-based agreement and the confidence rule', () => {
    const m = consensusMetric([sv('a', 10), sv('b', 10.2), sv('c', 9.8), sv('d', 11), sv('e', 10)]);
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m.value).toBe(10);
    expect(m.source_count).toBe(5);
    expect(m.stats.mean).toBeCloseTo(10.2, 12);
    // deviations −0.2, 0, −0.4, 0.8, −0.2 → Σ² = 0.88 → /5 = 0.176
    expect(m.stats.stdev).toBeCloseTo(Math.sqrt(0.176), 12);
    expect(m.stats.cv).toBeCloseTo(Math.sqrt(0.176) / 10.2, 12);
    expect(m.stats).toMatchObject({ min: 9.8, max: 11, count: 5, median: 10 });
    expect(m.agreement).toBe(1);
    expect(m.confidence).toBeCloseTo(1, 12);
    // only 11 is more than 5% from the median 10 (10%); 10.2 is 2%
    expect(m.discrepancies.map((d) => [d.source, d.value, d.median])).toEqual([['d', 11, 10]]);
    expect(m.discrepancies[0]?.deviation_pct).toBeCloseTo(10, 9);
    expect(m.sources.map((s) => s.snapshot_id)).toEqual(['snap-a', 'snap-b', 'snap-c', 'snap-d', 'snap-e']);
  });

  it('uses the population stdev: 10 and 12 give cv 1/11 (0.9), not the sample 1.414/11 (0.7)', () => {
    const m = consensusMetric([sv('a', 10), sv('b', 12)]);
    expect(m?.stats.stdev).toBe(1);
    expect(m?.stats.cv).toBeCloseTo(1 / 11, 12);
    expect(m?.agreement).toBe(0.9);
    expect(m?.confidence).toBeCloseTo(0.4 * 0.4 + 0.6 * 0.9, 12); // 0.70
    expect(m?.value).toBe(11);
    expect(m?.discrepancies.map((d) => d.source)).toEqual(['a', 'b']); // 9.09% each
  });

  it('gives one source agreement 1.0 and confidence 0.68', () => {
    const m = consensusMetric([sv('only', 5)]);
    expect(m?.agreement).toBe(1);
    expect(m?.confidence).toBeCloseTo(0.68, 12);
    expect(m?.stats.stdev).toBe(0);
    expect(m?.discrepancies).toEqual([]);
  });

  it('does not count exactly 5% as a discrepancy', () => {
    const m = consensusMetric([sv('a', 100), sv('b', 105), sv('c', 95)]);
    expect(m?.discrepancies).toEqual([]);
  });

  it('defines mean 0 and median 0', () => {
    const zeros = consensusMetric([sv('a', 0), sv('b', 0)]);
    expect(zeros?.stats.cv).toBe(0);
    expect(zeros?.agreement).toBe(1);
    const spread = consensusMetric([sv('a', 0), sv('b', 1), sv('c', -1)]);
    expect(spread?.stats.cv).toBeNull();
    expect(spread?.agreement).toBe(0.3);
    expect(spread?.confidence).toBeCloseTo(0.4 * 0.6 + 0.6 * 0.3, 12);
    expect(spread?.discrepancies).toEqual([
      { source: 'b', value: 1, median: 0, deviation_pct: null },
      { source: 'c', value: -1, median: 0, deviation_pct: null },
    ]);
  });

  it('keeps one value per source (the latest fetch) and ignores non-finite numbers', () => {
    const m = consensusMetric([
      sv('a', 1, '2024-01-01T00:00:00Z'),
      sv('a', 2, '2024-03-01T00:00:00Z'),
      sv('a', 3, '2024-02-01T00:00:00Z'),
      sv('b', Number.NaN),
    ]);
    expect(m?.source_count).toBe(1);
    expect(m?.value).toBe(2);
    expect(consensusMetric([sv('x', Number.POSITIVE_INFINITY)])).toBeNull();
    expect(consensusMetric([])).toBeNull();
  });
});

describe('agreementFromCv', () => {
  it('maps the cv bands with strict upper bounds', () => {
    expect([0, 0.0499, 0.05, 0.0999, 0.1, 0.1999, 0.2, 0.4999, 0.5, 3, null].map(agreementFromCv)).toEqual([
      1, 1, 0.9, 0.9, 0.7, 0.7, 0.5, 0.5, 0.3, 0.3, 0.3,
    ]);
  });
});

describe('consensusFundamentals', () => {
  const sites: SourceFundamentals[] = [
    {
      source: 'fundamentus',
      fetched_at: at,
      snapshot_id: 's1',
      values: { pl: 8, roe: 20, sector: 'Bancos' },
    },
    { source: 'status-invest', fetched_at: at, snapshot_id: 's2', values: { pl: 8.2, roe: 21, dy: null } },
    { source: 'investidor10', fetched_at: at, snapshot_id: 's3', values: { pl: 9, roe: 20.5 } },
  ];

  it('builds one metric per numeric key and lists discrepancies by key', () => {
    const c = consensusFundamentals(sites);
    expect(Object.keys(c.metrics)).toEqual(['pl', 'roe']);
    expect(c.metrics.pl?.value).toBe(8.2);
    expect(c.metrics.roe?.value).toBe(20.5);
    // 9 is 9.76% above the median 8.2; 8 is 2.4% below; ROE values are within 2.5%
    expect(c.discrepancies.map((d) => [d.key, d.source, d.value, d.median])).toEqual([
      ['pl', 'investidor10', 9, 8.2],
    ]);
    expect(c.discrepancies[0]?.deviation_pct).toBeCloseTo(((9 - 8.2) / 8.2) * 100, 10);
  });

  it('puts the computed value next to each site with the difference', () => {
    const rows = compareComputed(
      [
        { key: 'pl', value: 8.5 },
        { key: 'roic', value: 12 },
      ],
      consensusFundamentals(sites),
    );
    expect(rows[0]?.consensus).toBe(8.2);
    expect(rows[0]?.diff).toBeCloseTo(0.3, 12);
    expect(rows[0]?.sites.find((s) => s.source === 'fundamentus')?.diff_pct).toBeCloseTo(6.25, 12);
    expect(rows[1]).toEqual({
      key: 'roic',
      computed: 12,
      consensus: null,
      diff: null,
      diff_pct: null,
      sites: [],
    });
  });
});
