import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output, Watchlist } from '../../services/contract';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { runCli } from './cli-runner';
import { json, tempDir, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

// /api/watchlists and /api/home against a real core with the real daily COTAHIST (25/06/2021), then
// `b3ai watchlist` on its own data dir.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  expect((await t.postJson('/api/import/cotahist', { paths: [COTAHIST_DAILY()] })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('/api/watchlists', () => {
  it('creates, edits, lists and deletes; the home page shows the list with the same price as analysis.current', async () => {
    const created = await t.postJson('/api/watchlists', { name: 'Minha lista', tickers: ['petr4', 'VALE3'] });
    expect(created.status).toBe(200);
    const w = json<Watchlist>(created);
    expect(w.tickers).toEqual(['PETR4', 'VALE3']);
    const edited = await t.postJson(`/api/watchlists/${w.id}`, { add: ['ITUB4'], remove: ['VALE3'] });
    expect(json<Watchlist>(edited).tickers).toEqual(['PETR4', 'ITUB4']);
    const list = json<{ items: Watchlist[] }>(await t.api({ path: '/api/watchlists' }));
    expect(list.items.map((x) => x.name)).toEqual(['Minha lista']);

    const home = json<Output<'home.get'>>(await t.api({ path: `/api/home?watchlist_id=${w.id}` }));
    const cur = json<Output<'analysis.current'>>(await t.api({ path: '/api/analysis/stock/PETR4/current' }));
    const petr = home.items.find((i) => i.ticker === 'PETR4');
    expect(petr?.price?.value).toBe(cur.values['price']?.value);
    expect(petr?.price?.as_of).toBe('2021-06-25');
    expect(petr?.price?.source).toBe(cur.values['price']?.source);
    expect(home.breadth.date).toBe('2021-06-25');
    // One session only: no breadth against a previous day, but the day's most traded.
    expect(home.breadth.previous_date).toBeNull();
    expect(home.breadth.most_traded.length).toBeGreaterThan(0);
    expect(home.default_tickers).toContain('PETR4');

    expect((await t.api({ method: 'DELETE', path: `/api/watchlists/${w.id}` })).status).toBe(200);
    expect((await t.api({ method: 'DELETE', path: `/api/watchlists/${w.id}` })).status).toBe(404);
  });

  it('bad input: typed errors naming the field, never echoing a path', async () => {
    const unknown = await t.postJson('/api/watchlists', { name: 'X', tickers: ['ZZZZ9'] });
    expect(unknown.status).toBe(400);
    expect(json<ErrorBody>(unknown).error.code).toBe('INVALID_INPUT');
    expect(json<ErrorBody>(unknown).error.message).toContain('ZZZZ9');
    for (const body of [
      { name: '' },
      { name: 'a'.repeat(61) },
      { name: 'ok', tickers: ['../../etc/passwd'] },
      { name: 'ok', tickers: 'PETR4' },
      { name: { $ne: 1 } },
    ]) {
      const r = await t.postJson('/api/watchlists', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(json<ErrorBody>(r).error.code).toBe('INVALID_INPUT');
    }
    const proto = await t.api({
      method: 'POST',
      path: '/api/watchlists',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"p","__proto__":{"x":1}}',
    });
    expect(proto.status).toBe(400);
    expect((await t.postJson('/api/watchlists/..%2F..%2Fetc', { name: 'x' })).status).toBe(400);
    const first = await t.postJson('/api/watchlists', { name: 'Dup', tickers: [] });
    expect(first.status).toBe(200);
    const dup = await t.postJson('/api/watchlists', { name: 'dup' });
    expect(dup.status).toBe(409);
    expect(json<ErrorBody>(dup).error.code).toBe('CONFLICT');
  });
});

describe('b3ai watchlist', () => {
  it('create, add, remove, list --json and a refused ticker (exit code and message)', async () => {
    const dir = tempDir();
    const cli = (...args: string[]) => runCli([...args, '--data-dir', dir]);
    expect((await cli('import', 'cotahist', COTAHIST_DAILY())).code).toBe(0);
    const c = await cli('watchlist', 'create', 'Bancos', 'ITUB4', '--json');
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ name: 'Bancos', tickers: ['ITUB4'] });
    expect((await cli('watchlist', 'add', 'bancos', 'BBDC4', 'BBAS3')).stdout).toContain('ITUB4 BBDC4 BBAS3');
    expect((await cli('watchlist', 'remove', 'Bancos', 'BBDC4')).code).toBe(0);
    const l = await cli('watchlist', 'list', '--json');
    expect((JSON.parse(l.stdout) as { items: Watchlist[] }).items[0]!.tickers).toEqual(['ITUB4', 'BBAS3']);
    const bad = await cli('watchlist', 'add', 'Bancos', 'NOPE3');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('NOPE3');
    const missing = await cli('watchlist', 'add', 'Outra', 'PETR4');
    expect(missing.code).toBe(2);
  }, 180_000);
});
