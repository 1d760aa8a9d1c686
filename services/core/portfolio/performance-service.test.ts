import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { TransactionInput } from '../../contract/portfolio';
import type { Pg } from '../storage/pg';
import { performanceOf } from './performance-service';
import { addManual, createPortfolio } from './store';

let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
}, 120_000);
afterAll(async () => {
  await pg.close();
});

describe('performance from local data', () => {
  it('values months at local closes and compounds CDI and IPCA over the same window', async () => {
    const p = await createPortfolio(pg, 'Perf');
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: '2024-01-02', kind: 'buy', ticker: 'WEGE3', quantity: 100, price: 10 }),
    );
    for (const [date, close] of [
      ['2024-01-31', 11],
      ['2024-02-29', 12.1],
    ] as const)
      await pg.query(
        `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
         VALUES ('WEGE3',$1,$2,$2,$2,$2,$2,0,1,1,'BR0000000000','02',1)`,
        [date, close],
      );
    // CDI: two days at 0.05% a day → 1.0005² − 1; IPCA: 0.4% and 0.8% → 1.004 × 1.008 − 1.
    for (const [series, date, value] of [
      [12, '2024-01-02', 0.05],
      [12, '2024-02-01', 0.05],
      [433, '2024-01-01', 0.4],
      [433, '2024-02-01', 0.8],
    ] as const)
      await pg.query(
        `INSERT INTO macro_series (source, series, date, value, snapshot_id) VALUES ('bcb',$1,$2,$3,1)`,
        [series, date, value],
      );
    const r = await performanceOf(pg, p.id, '2024-01', '2024-02');
    expect(r.months.map((m) => m.value)).toEqual([1100, 1210]);
    // Jan (1 100 − 1 000)/500 = 20%; Feb 10% → TWR 32%.
    expect(r.twr).toBeCloseTo(0.32, 12);
    expect(r.benchmarks.find((b) => b.name === 'CDI')!.return).toBeCloseTo(1.0005 ** 2 - 1, 12);
    expect(r.benchmarks.find((b) => b.name === 'IPCA')!.return).toBeCloseTo(1.004 * 1.008 - 1, 12);
    expect(r.benchmarks.find((b) => b.name === 'IBOV')).toEqual({
      name: 'IBOV',
      return: null,
      source: 'no local IBOV bars',
    });
  });
});
