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
  it('answers exactly what the SQL answers (prefix first, then names, by length and ticker; empty by volume)', async () => {
    const index = new TickerIndex(pg);
    expect(await index.search('PE', 5)).toEqual([]);
    await importCotahist(pg, [COTAHIST_DAILY()]);
    index.invalidate();
    const compared = await expectSameAsSql(index);
    expect(compared).toBeGreaterThan(500);
    const pe = await index.search('PE', 20);
    expect(pe[0]?.ticker.startsWith('PE')).toBe(true);
    expect(pe.map((s) => s.ticker)).toContain('PETR4');
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
