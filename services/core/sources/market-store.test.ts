import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import griffin from '../../sources/griffin';
import opcoesNet from '../../sources/opcoes-net';
import { runTransform } from '../../sources/run-transform';
import { interceptedRaw } from '../../sources/shared/browser-payload';
import type { Pg } from '../storage/pg';
import { storeItems } from './source-store';

// The browser sources' items (parsed from their own fixtures, as a browser fetch would keep them)
// stored by migration 0004's tables: one row per natural key, each with its snapshot.
const own = (path: string) => readFileSync(new URL(`../../sources/${path}`, import.meta.url), 'utf8');
let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
});
afterAll(async () => {
  await pg?.close();
});

const count = async (sql: string): Promise<number> =>
  (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n ?? -1;

describe('insider trades and option chains in PGlite', () => {
  it('insider trades: equal trades of a day kept apart by seq; a re-store updates in place', async () => {
    const raw = interceptedRaw('p', [
      { url: '/api/insiders/PETR4', body: own('griffin/fixtures/api-insiders-PETR4.json') },
    ]);
    const items = await runTransform('griffin', griffin.fetchers['insider-trades']!, raw, {
      ticker: 'PETR4',
    });
    await storeItems(pg, 'insider-trades', items, {
      source: 'griffin',
      snapshotId: 7,
      fetchedAt: '2026-12-07T18:00:00Z',
    });
    expect(await count("insider_trades WHERE ticker = 'PETR4'")).toBe(4);
    expect(await count("insider_trades WHERE date = '2024-11-12' AND seq = 2")).toBe(1);
    await storeItems(pg, 'insider-trades', items, {
      source: 'griffin',
      snapshotId: 8,
      fetchedAt: '2026-12-08T18:00:00Z',
    });
    expect(await count("insider_trades WHERE ticker = 'PETR4'")).toBe(4);
    expect(await count('insider_trades WHERE snapshot_id = 8')).toBe(4);
    const sell = await pg.query<{ operation: string; price: number }>(
      "SELECT operation, price::float8 AS price FROM insider_trades WHERE source_operation = 'Venda à vista'",
    );
    expect(sell.rows).toEqual([{ operation: 'SELL', price: 36.8 }]);
  });

  it('option chain: one row per series and day, Greeks null where not shown', async () => {
    const raw = interceptedRaw('p', [
      { url: '/listaopcoes/completa', body: own('opcoes-net/fixtures/listaopcoes-completa-PETR4.json') },
    ]);
    const items = await runTransform('opcoes-net', opcoesNet.fetchers['option-chain']!, raw, {
      ticker: 'PETR4',
    });
    await storeItems(pg, 'option-chain', items, {
      source: 'opcoes-net',
      snapshotId: 9,
      fetchedAt: '2026-12-07T18:00:00Z',
    });
    expect(await count("option_chain WHERE underlying = 'PETR4' AND as_of = '2024-12-06'")).toBe(4);
    const r = await pg.query<{ delta: number | null; iv: number | null }>(
      "SELECT delta::float8 AS delta, implied_volatility::float8 AS iv FROM option_chain WHERE ticker IN ('PETRA380', 'PETRB380') ORDER BY ticker",
    );
    expect(r.rows).toEqual([
      { delta: 0.54, iv: 31.2 },
      { delta: null, iv: null },
    ]);
  });
});
