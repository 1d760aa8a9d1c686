import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { makeRaw } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode } from '../test-support';
import { COLUMNS } from './scanner';
import { recommendationOf } from './signals';
import { quoteFetcher, technicalSummaryFetcher } from './technical-summary.fetcher';

// OUR fixture, not a capture: fixtures/scan-PETR4.json follows the public shape of the scanner's
// answer ({totalCount, data:[{s, d}]}, `d` in the order of the requested columns), values made up.
const SEED = readFileSync(new URL('./fixtures/scan-PETR4.json', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const AT = '2026-12-07T18:00:00.000Z';
const raw = (body: string) =>
  makeRaw({ url: 'x', status: 200, contentType: 'application/json', fetchedAt: AT, body: Buffer.from(body) });
const seed = () => JSON.parse(SEED) as { totalCount: number; data: { s: string; d: unknown[] }[] };
const withValue = (column: string, v: unknown): string => {
  const j = seed();
  j.data[0]!.d[COLUMNS.indexOf(column)] = v;
  return JSON.stringify(j);
};

describe('tradingview technical summary', () => {
  it('POSTs the symbol and its columns to /brazil/scan', () => {
    const r = technicalSummaryFetcher.request(q, {
      baseUrl: 'https://scanner.example',
      credentials: {},
      now: new Date(),
    });
    expect(r).toMatchObject({ url: 'https://scanner.example/brazil/scan', method: 'POST' });
    const body = JSON.parse(r.body ?? '') as { symbols: { tickers: string[] }; columns: string[] };
    expect(body.symbols.tickers).toEqual(['BMFBOVESPA:PETR4']);
    expect(body.columns).toEqual(COLUMNS);
    expect(r.browser).toBeUndefined();
  });

  it('reads the recommendation and counts the oscillators and moving averages', async () => {
    const [item] = await runTransform('tradingview', technicalSummaryFetcher, raw(SEED), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      interval: '1d',
      as_of: AT,
      recommendation: 'BUY',
      score: 0.3151515,
      oscillators: { recommendation: 'NEUTRAL', score: 0.0909091, buy: 4, sell: 0, neutral: 7 },
      moving_averages: { recommendation: 'STRONG_BUY', score: 0.5393939, buy: 12, sell: 2, neutral: 1 },
      price: 38.05,
      change_pct: 1.2508,
      volume: 31254800,
    });
    MODEL_SCHEMAS['technical-summary'].parse(item);
  });

  it('maps scores to recommendations at the documented thresholds', () => {
    expect([-1, -0.5, -0.2, 0, 0.1, 0.49, 0.5].map(recommendationOf)).toEqual([
      'STRONG_SELL',
      'STRONG_SELL',
      'SELL',
      'NEUTRAL',
      'BUY',
      'BUY',
      'STRONG_BUY',
    ]);
  });

  it('an indicator without a value is left out of the counts, never counted neutral', async () => {
    const [item] = await runTransform(
      'tradingview',
      technicalSummaryFetcher,
      raw(withValue('SMA200', null)),
      q,
    );
    expect(item?.moving_averages).toMatchObject({ buy: 12, sell: 1, neutral: 1 });
  });

  it('LAYOUT_CHANGED on another symbol, a missing column, a text for a number, an out-of-range score', async () => {
    const t = (body: string) => errorCode(() => technicalSummaryFetcher.transform(raw(body), q));
    expect(await t(SEED.replace('BMFBOVESPA:PETR4', 'BMFBOVESPA:VALE3'))).toBe('LAYOUT_CHANGED');
    const short = seed();
    short.data[0]!.d.pop();
    expect(await t(JSON.stringify(short))).toBe('LAYOUT_CHANGED');
    expect(await t(withValue('RSI', '58,6'))).toBe('LAYOUT_CHANGED');
    expect(await t(withValue('Recommend.All', 3))).toBe('LAYOUT_CHANGED');
    expect(await t(withValue('Rec.WR', 0.5))).toBe('LAYOUT_CHANGED');
    expect(await t('<html>blocked</html>')).toBe('LAYOUT_CHANGED');
    expect(await t(SEED.replace('"data"', '"rows"'))).toBe('LAYOUT_CHANGED');
  });

  it('NOT_FOUND when the scanner lists no such symbol', async () => {
    expect(
      await errorCode(() =>
        technicalSummaryFetcher.transform(raw('{"totalCount":0,"data":[]}'), { ticker: 'XXXX4' }),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('tradingview quote', () => {
  it('reads the quote columns of the same scan', async () => {
    const [item] = await runTransform('tradingview', quoteFetcher, raw(SEED), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      price: 38.05,
      change: 0.47,
      change_pct: 1.2508,
      previous_close: null,
      open: 37.6,
      high: 38.19,
      low: 37.52,
      volume: 31254800,
      market_cap: 496315000000,
      currency: 'BRL',
      quoted_at: AT,
      name: 'PETROBRAS PN',
    });
  });

  it('LAYOUT_CHANGED without a currency rather than assuming one', async () => {
    expect(await errorCode(() => quoteFetcher.transform(raw(withValue('currency', null)), q))).toBe(
      'LAYOUT_CHANGED',
    );
  });
});
