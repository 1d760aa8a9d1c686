import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { dispatch } from '../dispatch';
import { handlers } from '../handlers';
import type { Output, ResolvedValue } from '../../contract';
import type { Ctx } from '../context';
import { EventBus } from '../events/bus';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import { dayChange } from './home';
import { breadthOf, mostTraded, namesOf, sparklines } from './market';
import { applyChange, createWatchlist, listWatchlists, updateWatchlist } from './store';

// Watchlists and the market figures of the home page over a real (PGlite) database with a few bars
// written by hand: two sessions, four tickers.
let pg: Pg;
let ctx: Ctx;

async function bar(ticker: string, date: string, close: number, volume: number): Promise<void> {
  await pg.query(
    `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
     VALUES ($1, $2, $3, $3, $3, $3, $3, $4, 1, 1, 'BR0000000000', '02', 1)`,
    [ticker, date, close, volume],
  );
}

beforeAll(async () => {
  pg = await freshPg();
  ctx = {
    dataDir: '/nonexistent',
    version: 't',
    pg,
    state: null as never,
    events: new EventBus(),
    log: createLogger('t'),
    caller: 'remote',
  };
  for (const [t, name] of [
    ['PETR4', 'PETROBRAS'],
    ['VALE3', 'VALE'],
    ['ITUB4', 'ITAUUNIBANCO'],
    ['WEGE3', 'WEG'],
  ] as const)
    await pg.query(
      `INSERT INTO securities (ticker, name, specification, isin, last_date) VALUES ($1, $2, 'PN', 'BR0000000000', '2021-06-25')`,
      [t, name],
    );
  await bar('PETR4', '2021-06-24', 28, 2e9);
  await bar('PETR4', '2021-06-25', 29.1, 2.5e9);
  await bar('VALE3', '2021-06-24', 110, 3e9);
  await bar('VALE3', '2021-06-25', 107.8, 2.8e9);
  await bar('ITUB4', '2021-06-24', 30, 1e9);
  await bar('ITUB4', '2021-06-25', 30, 1e9);
  await bar('WEGE3', '2021-06-25', 33.56, 5e8);
}, 120_000);
afterAll(async () => {
  await pg.close();
});

describe('watchlist store', () => {
  it('applies replace, add and remove in that order, once per ticker', () => {
    expect(applyChange(['A1B2', 'PETR4'], { add: ['VALE3', 'PETR4'], remove: ['A1B2'] })).toEqual([
      'PETR4',
      'VALE3',
    ]);
    expect(applyChange(['PETR4'], { tickers: ['WEGE3'], add: ['ITUB4'] })).toEqual(['WEGE3', 'ITUB4']);
  });

  it('creates, renames and edits; updated_at moves forward; unknown tickers and duplicate names are refused', async () => {
    const w = await createWatchlist(pg, 'Bancos', ['ITUB4']);
    expect(w.id).toMatch(/^[0-9a-f-]{36}$/);
    const u = await updateWatchlist(pg, w.id, {
      name: 'Favoritas',
      add: ['PETR4', 'VALE3'],
      remove: ['ITUB4'],
    });
    expect(u).toMatchObject({ name: 'Favoritas', tickers: ['PETR4', 'VALE3'] });
    expect(u.updated_at > w.updated_at).toBe(true);
    expect(u.created_at).toBe(w.created_at);
    await expect(createWatchlist(pg, 'favoritas', [])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateWatchlist(pg, w.id, { add: ['XPTO3'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { unknown: ['XPTO3'] },
    });
    expect((await listWatchlists(pg)).map((x) => x.name)).toEqual(['Favoritas']);
  });

  it('rejects hostile input through the dispatcher with typed errors, never INTERNAL', async () => {
    const bad: Array<[string, unknown, string]> = [
      ['watchlists.create', { name: '', tickers: [] }, 'INVALID_INPUT'],
      ['watchlists.create', { name: 'x'.repeat(61) }, 'INVALID_INPUT'],
      ['watchlists.create', { name: 'a\u0000b' }, 'INVALID_INPUT'],
      ['watchlists.create', { name: '<script>' }, 'INVALID_INPUT'],
      ['watchlists.create', { name: 'ok', tickers: ['../etc/passwd'] }, 'INVALID_INPUT'],
      [
        'watchlists.create',
        { name: 'ok', tickers: Array.from({ length: 51 }, (_, i) => `AAAA${i}`) },
        'INVALID_INPUT',
      ],
      ['watchlists.create', { name: 'ok', tickers: ['ZZZZ3'] }, 'INVALID_INPUT'],
      ['watchlists.update', { id: '../../x', name: 'y' }, 'INVALID_INPUT'],
      ['watchlists.update', { id: '00000000-0000-4000-8000-000000000000', name: 'y' }, 'NOT_FOUND'],
      ['watchlists.delete', { id: "1' OR '1'='1" }, 'INVALID_INPUT'],
      ['watchlists.delete', { id: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND'],
      ['home.get', { watchlist_id: 'nope' }, 'INVALID_INPUT'],
    ];
    for (const [method, input, code] of bad) {
      const r = await dispatch(handlers, method, input, ctx);
      expect(r.ok, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
      if (!r.ok) expect(r.error.code, method).toBe(code);
    }
  });
});

describe('home page figures', () => {
  it('breadth of the last session against the one before (tickers on both days)', async () => {
    const b = await breadthOf(pg);
    expect(b).toMatchObject({
      date: '2021-06-25',
      previous_date: '2021-06-24',
      advancers: 1,
      decliners: 1,
      unchanged: 1,
    });
    expect(b.gainers.map((m) => m.ticker)).toEqual(['PETR4']);
    expect(b.gainers[0]!.change_pct).toBeCloseTo(3.9286, 3);
    expect(b.losers.map((m) => m.ticker)).toEqual(['VALE3']);
    expect(b.most_traded[0]).toEqual({ ticker: 'VALE3', close: 107.8, volume: 2.8e9 });
  });

  it('default list by average volume; sparklines oldest first; names', async () => {
    expect(await mostTraded(pg, 3)).toEqual(['VALE3', 'PETR4', 'ITUB4']);
    const s = await sparklines(pg, ['PETR4', 'WEGE3']);
    expect(s.get('PETR4')).toEqual({ closes: [28, 29.1], dates: ['2021-06-24', '2021-06-25'] });
    expect(s.get('WEGE3')?.closes).toEqual([33.56]);
    expect((await namesOf(pg, ['PETR4'])).get('PETR4')).toBe('PETROBRAS');
  });

  it('day change only when the price is the last bar (else the site change of the same date)', () => {
    const spark = { closes: [28, 29.1], dates: ['2021-06-24', '2021-06-25'] };
    const price = (source: string, as_of: string): ResolvedValue => ({
      key: 'price',
      kind: 'price',
      value: 29.1,
      source,
      as_of,
      as_of_basis: 'source',
      age_days: 0,
      age_trading_days: 0,
      stale: false,
      spread: null,
      observations: [],
    });
    expect(dayChange(price('b3-cotahist', '2021-06-25'), spark, undefined)).toBeCloseTo(3.9286, 3);
    expect(dayChange(price('fundamentus', '2026-07-03'), spark, undefined)).toBeNull();
    expect(
      dayChange(price('fundamentus', '2026-07-03'), spark, {
        ...price('fundamentus', '2026-07-03'),
        value: -1.2,
      }),
    ).toBe(-1.2);
  });

  it('home.get shows the first watchlist with the resolver prices, and names what is missing', async () => {
    const r = await dispatch(handlers, 'home.get', {}, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const data = r.data as Output<'home.get'>;
    expect(data.watchlist_id).not.toBeNull();
    expect(data.items.map((i) => i.ticker)).toEqual(['PETR4', 'VALE3']);
    expect(data.items[0]!.price).toMatchObject({ value: 29.1, as_of: '2021-06-25', source: 'b3-cotahist' });
    expect(data.items[0]!.change_pct).toBeCloseTo(3.9286, 3);
    expect(data.macro.map((m) => m.key)).toEqual(['selic', 'ipca_12m', 'cdi_12m', 'usd_brl']);
    expect(data.attention.some((a) => a.kind === 'no_macro' && a.detail?.includes('432'))).toBe(true);
    expect(data.attention.some((a) => a.kind === 'stale_data' && a.since === '2021-06-25')).toBe(true);
  });
});
