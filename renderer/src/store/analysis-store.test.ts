import { describe, expect, it } from 'vitest';
import type { MethodName, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createAnalysisStore } from './analysis-store';
import { fakeTransport, type FakeHandler } from './test-support';

// Shapes as `b3ai serve` answers them for WEGE3 after ingesting the Fundamentus capture and the
// 2021-06-25 COTAHIST file (one bar: the indicators are still null).
const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const TS = '2026-11-29T02:36:09.537Z';
const AT = '2026-11-29T02:36:08.696Z';
const neutral = { signal: 'NEUTRAL', reason: 'not enough bars', inputs: {} };
const col = [null];

const technical = (prices: string) => ({
  price_source: 'b3-cotahist',
  prices,
  adjustments: { applied: 0, warnings: [] },
  last_close_raw: 33.56,
  bars: 1,
  as_of: '2021-06-25',
  indicators: {
    sma_20: null,
    sma_50: null,
    sma_200: null,
    ema_9: null,
    ema_21: null,
    rsi_14: null,
    macd: null,
    stochastic: null,
    bollinger: null,
    atr_14: null,
    obv: 5979000,
    volume_sma_20: null,
    pivots: null,
  },
  trend: { direction: 'SIDEWAYS', strength: 0, reason: 'no SMA50 yet', inputs: {} },
  signals: { overall: neutral, trend: neutral, momentum: neutral, volatility: neutral },
  patterns: [],
  support_resistance: { support: [], resistance: [] },
  series: {
    dates: ['2021-06-25'],
    sma_20: col,
    sma_50: col,
    sma_200: col,
    ema_9: col,
    ema_21: col,
    rsi_14: col,
    macd: { macd: col, signal: col, histogram: col },
    stochastic: { k: col, d: col },
    bollinger: { upper: col, middle: col, lower: col, bandwidth: col },
    atr_14: col,
    obv: [5979000],
    volume_sma_20: col,
    pivots: { p: col, r1: col, r2: col, r3: col, s1: col, s2: col, s3: col },
  },
});

const pl = {
  value: 31.03,
  confidence: 0.68,
  source_count: 1,
  agreement: 1,
  sources: [{ source: 'fundamentus', value: 31.03, fetched_at: AT, snapshot_id: '1' }],
  stats: { mean: 31.03, median: 31.03, min: 31.03, max: 31.03, count: 1, stdev: 0, cv: 0 },
  discrepancies: [],
};
const fundamental = {
  metrics: { pl },
  discrepancies: [],
  profile: { company_name: 'WEG SA ON N1' },
  sources: ['fundamentus'],
  cvm_code: null,
  computed: null,
};
const missingStatements = {
  what: 'statements',
  message: 'which CVM company is WEGE3 is unknown: fetch its B3 company profile',
  job: { scraper_name: 'b3', ticker: 'WEGE3', query: 'company-profile:' },
};
const valuation = {
  price: 33.56,
  as_of: '2021-06-25',
  selic: null,
  net_income_12m: 6287370000,
  models: [
    {
      model: 'graham_number',
      value: 11.948326242616579,
      upside_pct: -64.39712085036777,
      inputs: { lpa: 1.5, vpa: 4.23, price: 33.56 },
    },
    {
      model: 'graham_revised',
      value: null,
      upside_pct: null,
      inputs: { lpa: 1.5, growth_pct: 12.6, selic_pct: null },
      note: 'LPA, growth or Selic missing',
    },
  ],
};
const dividends = {
  ledger: [
    {
      date: '2026-06-22',
      kind: 'jcp',
      factor: 1,
      cash_per_share: 0.1044,
      payment_date: '2027-03-10',
      sources: ['fundamentus'],
      reports: [
        {
          source: 'fundamentus',
          reported_date: '2026-06-19',
          date_basis: 'data_com',
          type: 'JCP',
          value: 0.1044,
          per_shares: 1,
          payment_date: '2027-03-10',
        },
      ],
    },
  ],
  reports: 1,
};

function handlers(over: Partial<Record<MethodName, FakeHandler>> = {}) {
  const base: Partial<Record<MethodName, FakeHandler>> = {
    'analysis.technical': (input) =>
      ok({
        ticker: 'WEGE3',
        technical: technical((input as { prices: string }).prices),
        missing: [],
        timestamp: TS,
      }),
    'analysis.fundamental': () =>
      ok({ ticker: 'WEGE3', fundamental, missing: [missingStatements], timestamp: TS }),
    'analysis.valuation': () => ok({ ticker: 'WEGE3', valuation, missing: [], timestamp: TS }),
    'analysis.dividends': () => ok({ ticker: 'WEGE3', dividends, missing: [], timestamp: TS }),
  };
  const fake = fakeTransport({ ...base, ...over });
  return { store: createAnalysisStore(createClient(fake.transport)), calls: fake.calls };
}

describe('analysis store', () => {
  it('loads every block of a ticker, the technical one with its series on adjusted prices', async () => {
    const { store, calls } = handlers();
    const loading = store.getState().load('wege3');
    expect(store.getState().ticker).toBe('WEGE3');
    expect(store.getState().technical.phase).toBe('loading');
    await loading;
    const s = store.getState();
    expect(calls.find((c) => c.method === 'analysis.technical')?.input).toEqual({
      ticker: 'WEGE3',
      series: true,
      prices: 'total_return',
    });
    expect(s.technical.phase).toBe('ready');
    expect(s.technical.data?.prices).toBe('total_return');
    expect(s.technical.data?.series?.dates).toEqual(['2021-06-25']);
    expect(s.technical.data?.trend.direction).toBe('SIDEWAYS');
    expect(s.fundamental.data?.metrics['pl']).toMatchObject({ value: 31.03, source_count: 1 });
    expect(s.fundamental.missing.map((m) => m.what)).toEqual(['statements']);
    expect(s.valuation.data?.models.map((m) => [m.model, m.value])).toEqual([
      ['graham_number', 11.948326242616579],
      ['graham_revised', null],
    ]);
    expect(s.dividends.data?.ledger[0]).toMatchObject({ kind: 'jcp', cash_per_share: 0.1044 });
  });

  it('switches the price mode and reloads only the technical block', async () => {
    const { store, calls } = handlers();
    await store.getState().load('WEGE3');
    const before = calls.length;
    await store.getState().setPriceMode('raw');
    expect(calls.slice(before).map((c) => [c.method, (c.input as { prices?: string }).prices])).toEqual([
      ['analysis.technical', 'raw'],
    ]);
    expect(store.getState().technical.data?.prices).toBe('raw');
    await store.getState().setPriceMode('raw');
    expect(calls.length).toBe(before + 1);
  });

  it('keeps a block null when the engine has nothing for it (no bars)', async () => {
    const { store } = handlers({
      'analysis.technical': () =>
        ok({
          ticker: 'WEGE3',
          technical: null,
          missing: [{ what: 'daily_bars', message: 'no daily bars', job: null }],
          timestamp: TS,
        }),
    });
    await store.getState().load('WEGE3');
    expect(store.getState().technical).toMatchObject({ phase: 'ready', data: null });
    expect(store.getState().technical.missing[0]?.what).toBe('daily_bars');
  });

  it('reports a block of the wrong shape as an error of that block only', async () => {
    const { store } = handlers({
      'analysis.valuation': () =>
        ok({ ticker: 'WEGE3', valuation: { price: 'x', models: [] }, missing: [], timestamp: TS }),
    });
    await store.getState().load('WEGE3');
    expect(store.getState().valuation.phase).toBe('failed');
    expect(store.getState().valuation.error?.code).toBe('INTERNAL');
    expect(store.getState().valuation.error?.message).toMatch(/^valuation: .*price/);
    expect(store.getState().dividends.phase).toBe('ready');
  });

  it('says NOT_FOUND for a ticker with no data at all', async () => {
    const nf: FakeHandler = () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no data for ZZZZ3' } });
    const { store } = handlers({
      'analysis.technical': nf,
      'analysis.fundamental': nf,
      'analysis.valuation': nf,
      'analysis.dividends': nf,
    });
    await store.getState().load('ZZZZ3');
    expect(store.getState().fundamental).toMatchObject({ phase: 'failed', error: { code: 'NOT_FOUND' } });
  });

  it('keeps only the answer of the last ticker asked', async () => {
    const gates: Record<string, () => void> = {};
    const { store } = handlers({
      'analysis.dividends': (input) => {
        const t = (input as { ticker: string }).ticker;
        return new Promise((resolve) => {
          gates[t] = () =>
            resolve(
              ok({
                ticker: t,
                dividends: { ...dividends, reports: t === 'PETR4' ? 2 : 1 },
                missing: [],
                timestamp: TS,
              }),
            );
        });
      },
    });
    const first = store.getState().load('WEGE3');
    const second = store.getState().load('PETR4');
    gates['PETR4']?.();
    gates['WEGE3']?.();
    await Promise.all([first, second]);
    expect(store.getState().ticker).toBe('PETR4');
    expect(store.getState().dividends.data?.reports).toBe(2);
  });

  it('turns chart layers on and off, keeping the others', () => {
    const { store } = handlers();
    expect(store.getState().layers.rsi).toBe(true);
    expect(store.getState().layers.bollinger).toBe(false);
    store.getState().setLayer('bollinger', true);
    store.getState().setLayer('rsi', false);
    expect(store.getState().layers).toMatchObject({ bollinger: true, rsi: false, sma_20: true });
  });
});
