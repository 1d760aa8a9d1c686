import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import type { Pg } from '../storage/pg';
import { AnalysisService } from './analysis-service';

let pg: Pg;

/** `n` weekday-ish bars from 2020-01-01 for the ticker, closes 10, 10.1, 10.2… */
async function addBars(ticker: string, from: number, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const p = (10 + i / 10).toFixed(2);
    return `('${ticker}', DATE '2020-01-01' + ${i}, ${p}, ${p}, ${p}, ${p}, ${p}, 0, 1, ${1000 + i}, 'BRX', '02', 1)`;
  });
  await pg.exec(
    `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
     VALUES ${rows.join(', ')}`,
  );
}

const barsOf = (a: { technical: unknown }): number => (a.technical as { bars: number }).bars;

beforeAll(async () => {
  pg = await freshPg();
  await addBars('AAAA3', 0, 60);
  await addBars('BBBB3', 0, 30);
  await addBars('CCCC3', 0, 30);
}, 120_000);

afterAll(async () => {
  await pg?.close();
});

describe('AnalysisService caches', () => {
  it('concurrent askers of one answer share one computation; a repeat is the cached answer', async () => {
    const svc = new AnalysisService(pg);
    const [a, b] = await Promise.all([
      svc.technical('AAAA3', { series: false }),
      svc.technical('AAAA3', { series: false }),
    ]);
    expect(a).toBe(b);
    expect(await svc.technical('AAAA3', { series: false })).toBe(a);
    expect(barsOf(a)).toBe(60);
    // The other shapes reuse the ticker's loaded data (one entry).
    await svc.stock('AAAA3', { series: false });
    expect(svc.cacheStats().tickers.entries).toBe(1);
    expect(svc.cacheStats().answers.entries).toBe(2);
  });

  it('a load running when its ticker is invalidated is not kept: the next ask reads the new bars', async () => {
    const svc = new AnalysisService(pg);
    const running = svc.technical('BBBB3', { series: false }); // its queries are queued first
    svc.invalidate(['BBBB3']);
    await addBars('BBBB3', 30, 1);
    expect(barsOf(await running)).toBe(30);
    expect(barsOf(await svc.technical('BBBB3', { series: false }))).toBe(31);
    expect(barsOf(await svc.stock('BBBB3', { series: false }))).toBe(31);
  });

  it('invalidating one ticker drops its entries only; null drops everything', async () => {
    const svc = new AnalysisService(pg);
    const a = await svc.technical('AAAA3', { series: false });
    const c = await svc.technical('CCCC3', { series: false });
    svc.invalidate(['cccc3']);
    expect(await svc.technical('AAAA3', { series: false })).toBe(a);
    expect(await svc.technical('CCCC3', { series: false })).not.toBe(c);
    svc.invalidate(null);
    expect(svc.cacheStats()).toEqual({
      answers: { entries: 0, bytes: 0 },
      tickers: { entries: 0, bytes: 0 },
    });
  });

  it('both caches stay within their limits (least recently used out)', async () => {
    const svc = new AnalysisService(pg, {
      answers: { maxEntries: 2, maxBytes: 2 ** 30 },
      tickers: { maxEntries: 1, maxBytes: 2 ** 30 },
    });
    for (const t of ['AAAA3', 'BBBB3', 'CCCC3']) await svc.technical(t, { series: false });
    const stats = svc.cacheStats();
    expect(stats.answers.entries).toBe(2);
    expect(stats.tickers.entries).toBe(1);
    expect(stats.tickers.bytes).toBeGreaterThan(30 * 40);
    // A series answer weighs its bars: with a 64 KiB budget it is not kept, the plain one is.
    const small = new AnalysisService(pg, {
      answers: { maxEntries: 10, maxBytes: 64 * 1024 },
      tickers: { maxEntries: 10, maxBytes: 2 ** 30 },
    });
    await small.technical('AAAA3', { series: false });
    await small.technical('AAAA3', { series: true });
    expect(small.cacheStats().answers.entries).toBe(1);
  });

  it('an unknown ticker is NOT_FOUND and nothing is cached for it', async () => {
    const svc = new AnalysisService(pg);
    await expect(svc.stock('ZZZZ3', { series: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(svc.cacheStats().tickers.entries).toBe(0);
  });
});
