import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import type { Pg } from '../storage/pg';
import { loadBarColumns, loadBars, loadDividends } from './loaders';

let pg: Pg;

beforeAll(async () => {
  pg = await freshPg();
  const bar = (ticker: string, date: string, p: string, q: string): string =>
    `('${ticker}', '${date}', ${p}, ${p}, ${p}, ${p}, ${p}, 0, 1, ${q}, 'BRX', '02', 1)`;
  const prices = ['28.51', '0.000012345', '123456789.123456789', '12345678901234567.89', '0.1', '1.005'];
  await pg.exec(`
    INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
    VALUES ${prices.map((p, i) => bar('TEST3', `2020-01-0${9 - i}`, p, String(9007199254740993n + BigInt(i)))).join(', ')};
    INSERT INTO source_bars (source, ticker, date, open, high, low, close, volume, currency, snapshot_id) VALUES
      ('yahoo', 'YHOO', '1999-12-31', 1.25, 1.5, 1, 1.3, NULL, 'BRL', 1),
      ('yahoo', 'YHOO', '2000-01-03', 1.3, 1.4, 1.2, 1.35, 1000, 'BRL', 1),
      ('brapi', 'YHOO', '2000-01-03', 9, 9, 9, 9, 9, 'BRL', 2);
    INSERT INTO dividends (source, ticker, type, source_type, ex_date, payment_date, value, per_shares, instalment, snapshot_id) VALUES
      ('fundamentus', 'TEST3', 'DIVIDENDO', 'Dividendo', '2025-12-19', '2027-08-11', 0.4128, 1, 2, 1),
      ('fundamentus', 'TEST3', 'JCP', 'JRS CAP PROPRIO', '2025-12-19', NULL, 0.0324, 1, 1, 1),
      ('fundamentus', 'TEST3', 'DIVIDENDO', 'Dividendo', '2025-12-19', '2026-08-12', 0.4128, 1, 1, 1),
      ('a-site', 'TEST3', 'DIVIDENDO', 'x', '2024-01-02', NULL, 1.5, 100, 1, 3),
      ('fundamentus', 'OTHER3', 'DIVIDENDO', 'Dividendo', '2025-12-19', NULL, 7, 1, 1, 1);
  `);
}, 120_000);

afterAll(async () => {
  await pg?.close();
});

describe('loadBarColumns', () => {
  it('the same dates and doubles as to_char and ::float8 (the loader before columns), oldest first', async () => {
    const old = await pg.query<Record<string, string | number>>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, open::float8 AS open, high::float8 AS high, low::float8 AS low,
              close::float8 AS close, quantity::float8 AS volume
       FROM daily_bars WHERE ticker = 'TEST3' ORDER BY date`,
    );
    const p = await loadBarColumns(pg, 'TEST3');
    expect(p.source).toBe('b3-cotahist');
    expect((await loadBars(pg, 'TEST3')).bars).toEqual(old.rows);
    expect(p.columns.dates).toEqual(old.rows.map((r) => r['date']));
    const same = old.rows.every(
      (r, i) => Object.is(r['close'], p.columns.close[i]) && Object.is(r['volume'], p.columns.volume[i]),
    );
    expect(same).toBe(true);
  });

  it('without B3 bars: the source with the most bars, a missing volume read as 0', async () => {
    const p = await loadBars(pg, 'YHOO');
    expect(p.source).toBe('yahoo');
    expect(p.bars).toEqual([
      { date: '1999-12-31', open: 1.25, high: 1.5, low: 1, close: 1.3, volume: 0 },
      { date: '2000-01-03', open: 1.3, high: 1.4, low: 1.2, close: 1.35, volume: 1000 },
    ]);
  });

  it('no bars anywhere: source none, no bars', async () => {
    const p = await loadBarColumns(pg, 'NONE3');
    expect(p).toMatchObject({ source: 'none' });
    expect(p.columns.dates).toEqual([]);
  });
});

describe('loadDividends', () => {
  it("one ticker's rows of every source, by ex-date then source, instalments in order", async () => {
    const rows = await loadDividends(pg, 'TEST3');
    expect(rows.map((r) => [r.source, r.type, r.ex_date, r.payment_date, r.value, r.per_shares])).toEqual([
      ['a-site', 'DIVIDENDO', '2024-01-02', null, 1.5, 100],
      ['fundamentus', 'DIVIDENDO', '2025-12-19', '2026-08-12', 0.4128, 1],
      ['fundamentus', 'DIVIDENDO', '2025-12-19', '2027-08-11', 0.4128, 1],
      ['fundamentus', 'JCP', '2025-12-19', null, 0.0324, 1],
    ]);
    expect(await loadDividends(pg, 'NONE3')).toEqual([]);
  });
});
