import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../../../test/helpers/fixtures';
import { freshPg } from '../../../test/helpers/pg-template';
import { importCotahist } from '../cotahist/importer';
import type { Pg } from '../storage/pg';
import { searchSecurities } from './repository';
import { TickerIndex } from './ticker-index';

let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
}, 120_000);
afterAll(() => pg?.close());

const QUERIES = [
  '',
  'PE',
  'PETR',
  'petr4',
  'VALE3',
  'BANCO',
  'ITAU',
  'BRASIL',
  'A',
  '3',
  'ON',
  'S.A',
  '%',
  '_',
  '\\',
  'ZZZZ',
  'É',
];

async function expectSameAsSql(index: TickerIndex): Promise<number> {
  let compared = 0;
  for (const q of QUERIES) {
    for (const limit of [1, 5, 20, 200]) {
      const sql = await searchSecurities(pg, q, limit);
      expect(await index.search(q, limit), `q=${JSON.stringify(q)} limit=${limit}`).toEqual(sql);
      compared += sql.length;
    }
  }
  return compared;
}

describe('the in-memory ticker list', () => {
  it('answers exactly what the load-and-rank path answers', async () => {
    const index = new TickerIndex(pg);
    expect(await index.search('PE', 5)).toEqual([]);
    await importCotahist(pg, [COTAHIST_DAILY()]);
    index.invalidate();
    const compared = await expectSameAsSql(index);
    expect(compared).toBeGreaterThan(500);
    const pe = await index.search('PE', 20);
    expect(pe.map((s) => s.ticker)).toContain('PETR4');
  });

  // Issue 15, item 3, on B3's real daily file of 2021-06-25 (traded value: PETR4 R$ 2,50 bi, ITUB4
  // 1,21 bi, ITSA4 0,59 bi, PETR3 0,54 bi, BRDT3 "PETROBRAS BR" 0,25 bi).
  it('finds what people mean: the exact ticker first, then names and tickers by liquidity, accents and case ignored', async () => {
    const index = new TickerIndex(pg);
    const tickers = async (q: string, limit = 10) => (await index.search(q, limit)).map((s) => s.ticker);
    // Before: "petrobras" opened BRDT3 (the shortest ticker first) and "itau" listed ITSA before ITUB4.
    const petrobras = await tickers('petrobras');
    expect(petrobras.slice(0, 2)).toEqual(['PETR4', 'PETR3']);
    expect(petrobras.indexOf('BRDT3')).toBeGreaterThan(1);
    const itau = await tickers('itau');
    expect(itau[0]).toBe('ITUB4');
    expect(itau.indexOf('ITSA4')).toBeGreaterThan(0);
    expect(await tickers('Itaú')).toEqual(itau);
    expect(await tickers('  ITAU  ')).toEqual(itau);
    // The exact ticker beats a more liquid match: "PETR3" is PETR3 first, though PETR4 trades more.
    expect((await tickers('petr3'))[0]).toBe('PETR3');
    // Several words: each must be in the ticker or the name.
    expect(await tickers('itau unibanco')).toEqual(expect.arrayContaining(['ITUB4', 'ITUB3']));
    expect(await tickers('itau unibanco')).not.toContain('ITSA4');
    // The empty query lists the most liquid first (VALE3, R$ 2,95 bi that day).
    expect(await tickers('', 2)).toEqual(['VALE3', 'PETR4']);
    expect(await tickers('zzzz')).toEqual([]);
  });

  it('reloads after invalidate (a new import), and not before', async () => {
    const index = new TickerIndex(pg);
    const before = await index.search('', 200);
    expect(index.knows(['PETR4'])).toBe(true);
    expect(index.knows(['NOPE11'])).toBe(false);
    await pg.query(`DELETE FROM securities WHERE ticker = 'PETR4'`);
    expect(await index.search('', 200)).toEqual(before); // still the list it loaded
    index.invalidate();
    expect((await index.search('PETR4', 5)).map((s) => s.ticker)).not.toContain('PETR4');
    await importCotahist(pg, [COTAHIST_DAILY()]);
    index.invalidate();
    await expectSameAsSql(index);
  });

  it('one load for concurrent searches; an invalidation during a load is not lost', async () => {
    const index = new TickerIndex(pg);
    let loads = 0;
    const query = pg.query.bind(pg);
    const spy = new Proxy(pg, {
      get: (target, key) =>
        key === 'query'
          ? (...args: Parameters<Pg['query']>) => {
              loads++;
              return query(...args);
            }
          : (Reflect.get(target, key) as unknown),
    });
    const counted = new TickerIndex(spy);
    await Promise.all(Array.from({ length: 20 }, () => counted.search('PE', 5)));
    expect(loads).toBe(1);
    counted.invalidate();
    const pending = counted.search('VALE', 5); // starts a load
    counted.invalidate(); // while it runs: its answer is not kept
    expect(await pending).toEqual(await searchSecurities(pg, 'VALE', 5));
    expect(loads).toBe(3); // the first load, the discarded one, its replacement
    expect(await index.search('VALE', 5)).toEqual(await searchSecurities(pg, 'VALE', 5));
  });
});
