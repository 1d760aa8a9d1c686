import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentValues, Output, ResolvedValue } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';

// Issue 15, item 1: one current value per number across every view. The contradictions the issue
// found, reproduced with the real captures (B3's daily file of 25/06/2021, Fundamentus' WEGE3 page of
// 03/07/2026, Status Invest's "busca avançada" CSV), and shown consistent: the same value, source and
// date in the asset's current values, its fundamentals and valuation, Compare and the screener.

let dataDir: string;
let core: Core;

type M =
  | 'ai.generate'
  | 'analysis.current'
  | 'analysis.compare'
  | 'analysis.screener'
  | 'analysis.fundamental'
  | 'analysis.valuation'
  | 'analysis.stock';
async function call<K extends M | 'sources.ingest' | 'import.cotahist'>(
  method: K,
  input: unknown,
): Promise<Output<K>> {
  const r = await core.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Output<K>;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-current-'));
  core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  await call('import.cotahist', { paths: [COTAHIST_DAILY()] });
  await call('sources.ingest', {
    source: 'fundamentus',
    model: 'fundamentals',
    file: fixture('fundamentus', 'wege3_details.html'),
    ticker: 'WEGE3',
  });
  await call('sources.ingest', {
    source: 'status-invest',
    model: 'screener',
    file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
  });
}, 180_000);

afterAll(async () => {
  await core?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const pick = (v: ResolvedValue | undefined) =>
  v && { value: v.value, source: v.source, as_of: v.as_of, as_of_basis: v.as_of_basis };

async function views(ticker: string): Promise<{
  current: CurrentValues;
  compare: Output<'analysis.compare'>['rows'][number];
  screener: Output<'analysis.screener'>['rows'][number] | undefined;
  fundamental: CurrentValues;
  valuation: Record<string, unknown> | null;
}> {
  const [current, compare, screener, fundamental, valuation] = await Promise.all([
    call('analysis.current', { ticker }),
    call('analysis.compare', { tickers: `${ticker},ITUB4` }),
    call('analysis.screener', { conditions: [], sort: { field: 'pl', dir: 'asc' }, limit: 1000 }),
    call('analysis.fundamental', { ticker }),
    call('analysis.valuation', { ticker }),
  ]);
  return {
    current: current.values,
    compare: compare.rows.find((r) => r.ticker === ticker)!,
    screener: screener.rows.find((r) => r.ticker === ticker),
    fundamental: (fundamental.fundamental?.['current'] ?? {}) as CurrentValues,
    valuation: valuation.valuation,
  };
}

describe('one current value per number (issue 15, item 1)', () => {
  it('WEGE3: the 2026 quote (46,48 of 03/07/2026) beats the 2021 close (33,56) in every view', async () => {
    const v = await views('WEGE3');
    const price = { value: 46.48, source: 'fundamentus', as_of: '2026-07-03', as_of_basis: 'source' };
    expect(pick(v.current['price'])).toEqual(price);
    // Before: the header read the last bar (33,56 of 25/06/2021); it is still there, weighed and beaten.
    expect(v.current['price']?.observations).toContainEqual({
      source: 'b3-cotahist',
      value: 33.56,
      as_of: '2021-06-25',
      as_of_basis: 'source',
    });
    expect([v.compare.price, v.compare.as_of]).toEqual([46.48, '2026-07-03']);
    expect(pick(v.compare.current['price'])).toEqual(price);
    expect(v.screener?.values['price']).toBe(46.48);
    expect(pick(v.screener?.current['price'])).toEqual(price);
    expect(pick(v.fundamental['price'])).toEqual(price);
    expect(v.valuation?.['price']).toBe(46.48);
    expect(v.valuation?.['as_of']).toBe('2026-07-03');
    // Stale against today (the B3 calendar counts the trading days): shown with a badge.
    expect(v.current['price']?.stale).toBe(true);
    expect(v.current['price']?.age_trading_days).toBeGreaterThan(3);
  });

  it('WEGE3: P/L 31,03 (Fundamentus, 03/07/2026) everywhere, not 35,27 (a median with an undated CSV); the CSV 39,50 is the spread', async () => {
    const v = await views('WEGE3');
    const pl = { value: 31.03, source: 'fundamentus', as_of: '2026-07-03', as_of_basis: 'source' };
    expect(pick(v.current['pl'])).toEqual(pl);
    expect(v.compare.metrics['pl']).toBe(31.03);
    expect(pick(v.compare.current['pl'])).toEqual(pl);
    expect(v.screener?.values['pl']).toBe(31.03);
    expect(pick(v.screener?.current['pl'])).toEqual(pl);
    expect(pick(v.fundamental['pl'])).toEqual(pl);
    const spread = v.current['pl']?.spread;
    expect(spread).toMatchObject({ min: 31.03, max: 39.5 });
    expect(spread?.pct).toBeCloseTo(((39.5 - 31.03) / 31.03) * 100, 6);
    expect(spread?.observations.map((o) => [o.source, o.as_of_basis])).toEqual([
      ['fundamentus', 'source'],
      ['status-invest', 'unknown'],
    ]);
  });

  it('PETR4: one price in the Compare row (no "Preço 29,10" next to "Cotação 33,63"), with its source and date', async () => {
    const v = await views('PETR4');
    // The CSV carries no date (a file the user loaded): its 33,63 ranks below B3's dated close.
    const price = { value: 29.1, source: 'b3-cotahist', as_of: '2021-06-25', as_of_basis: 'source' };
    expect(pick(v.current['price'])).toEqual(price);
    expect([v.compare.price, v.compare.as_of]).toEqual([29.1, '2021-06-25']);
    expect(Object.keys(v.compare.metrics)).not.toContain('price');
    expect(v.screener?.values['price']).toBe(29.1);
    expect(v.current['price']?.spread).toMatchObject({ min: 29.1, max: 33.63 });
  });

  it("PETR4: the asset's fundamentals show the CSV's P/L 2,72 and DY 49,56% as Compare and the screener do, dated as unknown", async () => {
    const v = await views('PETR4');
    const fund = await call('analysis.fundamental', { ticker: 'PETR4' });
    // Before: null ("Nenhum dado fundamentalista ainda") while Compare showed the CSV's values.
    expect(fund.fundamental).not.toBeNull();
    const metrics = fund.fundamental?.['metrics'] as Record<string, { value: number }>;
    expect(metrics['pl']?.value).toBe(2.72);
    for (const [key, value] of [
      ['pl', 2.72],
      ['dy', 49.56],
    ] as const) {
      const want = { value, source: 'status-invest', as_of_basis: 'unknown' };
      expect(pick(v.current[key])).toMatchObject(want);
      expect(pick(v.fundamental[key])).toMatchObject(want);
      expect(pick(v.compare.current[key])).toMatchObject(want);
      expect(pick(v.screener?.current[key])).toMatchObject(want);
      expect(v.compare.metrics[key]).toBe(value);
      expect(v.screener?.values[key]).toBe(value);
      expect(v.current[key]?.stale).toBe(true);
    }
  });

  it('the report reads the same current values (price and P/L with their source and date)', async () => {
    const s = await call('analysis.stock', { ticker: 'WEGE3' });
    const current = (s.fundamental?.['current'] ?? {}) as CurrentValues;
    expect(pick(current['pl'])).toMatchObject({ value: 31.03, as_of: '2026-07-03' });
    expect(s.valuation?.['price']).toBe(46.48);
  });

  it('the rule-based report of PETR4 reads the same current price, says how many factors it judged, and that its dates differ', async () => {
    const out = await call('ai.generate', { ticker: 'PETR4' });
    const r = out.reports[0]!;
    expect(r.input.price).toBe(29.1);
    expect(r.input.price_as_of).toBe('2021-06-25');
    // The CSV gives PETR4 fundamentals (the report was judged on 2 factors): 6 of 8 now.
    expect(r.report.summary).toContain('6 de 8 fatores avaliados');
    // Its ratios have no date while the price is of 25/06/2021: the summary says so.
    expect(r.report.summary).toContain(
      'atenção: cotação de 25/06/2021 e parte dos indicadores de outra data ou sem data',
    );
    const t = r.report.target_prices;
    expect(r.report.recommendation).toBe('COMPRA');
    expect(t && t.moderate >= 29.1).toBe(true);
    const pl = r.input.data_points.find((p) => p.id === 'fund.pl');
    expect(pl).toMatchObject({ value: 2.72, source: 'status-invest', as_of: null });
  });
});
