import { describe, expect, it } from 'vitest';
import type { NewsEntry } from '../../contract';
import { ReportInput } from '../../contract';
import { buildReportInput, type LedgerLike, type ReportSourcesInput } from './report-input';

/**
 * Blocks shaped like `analysis.stock` and `analysis.dividends` for WEGE3 from the real Fundamentus
 * captures (values copied, structure trimmed to what buildReportInput reads), plus a technical block
 * and news of our own: the captures have no bars or news.
 */

const site = (value: number, snapshot = '1') => ({
  value,
  confidence: 0.68,
  source_count: 1,
  sources: [{ source: 'fundamentus', value, fetched_at: '2026-11-29T04:00:16.191Z', snapshot_id: snapshot }],
});

const fundamental = {
  metrics: {
    price: site(46.48),
    pl: site(31.03),
    dy: site(4.7),
    roe: site(35.4),
    net_debt_to_equity: site(-0.19),
    asset_turnover: site(0.93), // not a report fundamental: left out
    pvp: {
      value: 11.0,
      sources: [
        { source: 'fundamentus', value: 10.99, snapshot_id: '1' },
        { source: 'statusinvest', value: 11.01, snapshot_id: '4' },
      ],
    },
    psr: { value: null, sources: [] },
  },
  profile: {
    company_name: 'WEG SA ON N1',
    price_date: '2026-07-03',
    sector: 'Máquinas e Equipamentos',
  },
  computed: { ttm_end: '2026-03-31', balance_date: '2026-03-31', values: { roe: 34.8, roic: null } },
};

const valuation = {
  price: 46.48,
  as_of: '2026-07-03',
  models: [
    { model: 'graham_number', value: 11.948326242616579, upside_pct: -74.29361823877672 },
    { model: 'graham_revised', value: null, upside_pct: null, note: 'LPA, growth or Selic missing' },
    { model: 'bazin_12m', value: 36.29333333333334, upside_pct: -21.916236374067687 },
  ],
  magic_formula: { rank: 1, of: 1 },
};

const technical = {
  price_source: 'cotahist',
  as_of: '2026-07-02',
  last_close_raw: 46.1,
  trend: { direction: 'UP', reason: 'long UP; short UP' },
  indicators: {
    sma_20: 45.2,
    sma_50: 44,
    sma_200: null,
    rsi_14: 61.5,
    atr_14: 1.1,
    macd: { histogram: 0.12 },
  },
  signals: { overall: { signal: 'BUY', reason: '2 BUY vs 0 SELL' } },
  support_resistance: { support: [44.5, 41], resistance: [49.9] },
};

const macro = {
  context: {
    selic_target: null,
    ipca_12m: { value: 4.831295791859591, date: '2024-12-01', series: '433/12', unit: '%' },
  },
};

// The tail of the WEGE3 ledger in analysis.dividends (2021–2026), oldest first.
const L = (date: string, kind: string, cash: number): LedgerLike => ({
  date,
  kind,
  cash_per_share: cash,
  sources: ['fundamentus'],
});
const ledger: LedgerLike[] = [
  L('2021-03-01', 'dividend', 0.3494),
  L('2022-02-21', 'dividend', 0.2052),
  L('2023-02-20', 'dividend', 0.2263),
  L('2024-12-23', 'jcp', 0.0798),
  L('2025-06-23', 'jcp', 0.0941), // before the 12-month window (2025-07-03, 2026-07-03]
  L('2025-07-28', 'dividend', 0.1715),
  L('2025-09-29', 'jcp', 0.1102),
  L('2025-12-04', 'dividend', 0.3417),
  L('2025-12-04', 'jcp', 0.1113),
  L('2025-12-22', 'dividend', 0.4128),
  L('2025-12-22', 'dividend', 0.4128),
  L('2025-12-22', 'dividend', 0.4128),
  L('2026-03-23', 'jcp', 0.1001),
  L('2026-06-22', 'jcp', 0.1044),
  L('2026-08-01', 'dividend', 0.5), // after the report's day: ignored
];

const news = (i: number, score: number, published: string): NewsEntry => ({
  id: `n${i}`,
  title: `Manchete ${i}`,
  url: `https://example.com/${i}`,
  publisher: i === 2 ? null : 'InfoMoney',
  published_at: published,
  description: null,
  tickers: ['WEGE3'],
  sentiment: { score, label: score > 0.15 ? 'positive' : score < -0.15 ? 'negative' : 'neutral' },
  sources: ['google-news'],
  first_seen_at: published,
  snapshot_id: `s${i}`,
});

function sources(over: Partial<ReportSourcesInput> = {}): ReportSourcesInput {
  return {
    ticker: 'WEGE3',
    fundamental,
    technical,
    valuation,
    macro,
    missing: [{ what: 'statements' }, { what: 'macro_series' }, { what: 'statements' }],
    ledger,
    news: [
      news(1, 0.5, '2026-07-02T10:00:00Z'),
      news(2, -0.2, '2026-07-01T09:00:00Z'),
      news(3, 0, '2026-06-30'),
    ],
    labels: {
      price: { label: 'Cotação', unit: 'BRL' },
      pl: { label: 'P/L', unit: 'ratio' },
      pvp: { label: 'P/VP', unit: 'ratio' },
      dy: { label: 'Dividend yield', unit: 'pct' },
      roe: { label: 'ROE', unit: 'pct' },
      net_debt_to_equity: { label: 'Dívida líquida/Patrimônio', unit: 'ratio' },
    },
    asOf: '2026-07-03',
    ...over,
  };
}

const byId = (input: ReportInput) => new Map(input.data_points.map((p) => [p.id, p]));

describe('buildReportInput', () => {
  it('lists the data points with their ids, in a stable order, valid for the contract', () => {
    const input = buildReportInput(sources());
    expect(ReportInput.parse(input)).toEqual(input);
    expect(input.data_points.map((p) => p.id)).toEqual([
      'price.last',
      'fund.pl',
      'fund.pvp',
      'fund.dy',
      'fund.roe',
      'fund.net_debt_to_equity',
      'comp.roe',
      'val.graham_number',
      'val.bazin_12m',
      'val.magic_formula_rank',
      'tech.trend',
      'tech.sma_20',
      'tech.sma_50',
      'tech.rsi_14',
      'tech.atr_14',
      'tech.macd_histogram',
      'tech.signal',
      'tech.support',
      'tech.resistance',
      'tech.close',
      'div.dps_12m',
      'div.years_paid_5y',
      'div.yield_12m',
      'div.last',
      'macro.ipca_12m',
      'news.1',
      'news.2',
      'news.3',
      'news.average',
    ]);
    expect(input).toMatchObject({
      ticker: 'WEGE3',
      company: 'WEG SA ON N1',
      sector: 'Máquinas e Equipamentos',
      price: 46.48,
      price_as_of: '2026-07-03',
      missing: ['statements', 'macro_series'],
    });
  });

  it('keeps the provenance: source, snapshot id, date and consensus note', () => {
    const m = byId(buildReportInput(sources()));
    expect(m.get('fund.pl')).toMatchObject({
      group: 'fundamental',
      label: 'P/L',
      value: 31.03,
      unit: 'ratio',
      source: 'fundamentus',
      snapshot_id: '1',
      as_of: '2026-07-03',
      detail: null,
    });
    expect(m.get('fund.pvp')).toMatchObject({
      value: 11,
      source: 'fundamentus, statusinvest',
      snapshot_id: '1',
      detail: 'consenso de 2 fontes',
    });
    expect(m.get('price.last')).toMatchObject({
      group: 'price',
      key: 'price',
      value: 46.48,
      snapshot_id: '1',
    });
    expect(m.get('comp.roe')).toMatchObject({ source: 'computed', as_of: '2026-03-31', label: 'ROE (CVM)' });
    expect(m.get('val.graham_number')).toMatchObject({
      value: 11.948326242616579,
      unit: 'BRL',
      source: 'computed',
      detail: 'potencial -74,3%',
    });
    expect(m.get('val.magic_formula_rank')).toMatchObject({
      value: 1,
      unit: 'count',
      detail: 'entre 1 ação(ões) ranqueadas',
    });
    expect(m.get('tech.trend')).toMatchObject({
      value: 'UP',
      source: 'cotahist',
      as_of: '2026-07-02',
      detail: 'long UP; short UP',
    });
    expect(m.get('tech.support')?.value).toBe(44.5);
    expect(m.get('tech.close')?.value).toBe(46.1);
    expect(m.get('macro.ipca_12m')).toMatchObject({
      value: 4.831295791859591,
      as_of: '2024-12-01',
      source: 'bcb',
      detail: 'SGS 433/12',
    });
    expect(m.has('fund.psr')).toBe(false);
    expect(m.has('fund.asset_turnover')).toBe(false);
    expect(m.has('val.graham_revised')).toBe(false);
    expect(m.has('comp.roic')).toBe(false);
    expect(m.has('tech.sma_200')).toBe(false);
  });

  it('sums the dividends of the last 12 months and counts the complete years paid', () => {
    const m = byId(buildReportInput(sources()));
    // 0.1715 + 0.1102 + 0.3417 + 0.1113 + 3 × 0.4128 + 0.1001 + 0.1044 (the value in the real capture).
    expect(m.get('div.dps_12m')?.value).toBeCloseTo(2.1776, 10);
    expect(m.get('div.dps_12m')).toMatchObject({
      unit: 'BRL',
      source: 'fundamentus',
      detail: '9 pagamentos',
    });
    // 2021, 2022, 2023, 2024, 2025 (2026 is not a complete year).
    expect(m.get('div.years_paid_5y')).toMatchObject({ value: 5, label: 'Anos com proventos (2021–2025)' });
    expect(m.get('div.yield_12m')?.value).toBeCloseTo((2.1776 / 46.48) * 100, 10);
    expect(m.get('div.last')).toMatchObject({
      value: 0.1044,
      as_of: '2026-06-22',
      label: 'Último provento (jcp)',
    });
  });

  it('gives each news item its sentiment and provenance, and their average', () => {
    const m = byId(buildReportInput(sources()));
    expect(m.get('news.1')).toMatchObject({
      key: 'n1',
      label: 'Manchete 1',
      value: 0.5,
      source: 'InfoMoney',
      snapshot_id: 's1',
      as_of: '2026-07-02T10:00:00Z',
      detail: 'https://example.com/1',
    });
    expect(m.get('news.2')?.source).toBe('google-news');
    expect(m.get('news.average')?.value).toBeCloseTo(0.1, 12);
    expect(m.get('news.average')?.label).toBe('Sentimento médio de 3 notícias');
    const two = byId(buildReportInput(sources({ maxNews: 2 })));
    expect(two.has('news.3')).toBe(false);
    expect(two.get('news.average')?.value).toBeCloseTo(0.15, 12);
  });

  it('falls back to the last close without fundamentals, and omits empty groups', () => {
    const input = buildReportInput(
      sources({ fundamental: null, valuation: null, macro: null, ledger: [], news: [], missing: [] }),
    );
    expect(input.price).toBe(46.1);
    expect(input.price_as_of).toBe('2026-07-02');
    expect(input.company).toBeNull();
    expect(new Set(input.data_points.map((p) => p.group))).toEqual(new Set(['technical']));
    const none = buildReportInput(sources({ fundamental: null, technical: null }));
    expect(none.price).toBeNull();
    expect(none.data_points.some((p) => p.id === 'div.yield_12m')).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildReportInput(sources()))).toBe(JSON.stringify(buildReportInput(sources())));
  });
});
