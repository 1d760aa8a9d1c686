import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, COTAHIST_EXCERPT, DAILY_IMPORT_SUMMARY } from '../helpers/fixtures';
import { json, send, type ErrorBody } from './helpers';
import {
  PKG_VERSION,
  startTestServer,
  type HealthBody,
  type QuotesBody,
  type TestServer,
} from './server-harness';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

describe('health and access control', () => {
  it('GET /health answers without a token, in the platform shape', async () => {
    const res = await send(t.port, { path: '/health' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const h = json<HealthBody>(res);
    expect(h.version).toBe(PKG_VERSION);
    expect(Number.isNaN(Date.parse(h.timestamp))).toBe(false);
    expect(h.components.database.status).toBe('healthy');
    // This core does not run jobs (no `run`): the queue is open, no worker processes exist.
    expect(h.components.queue.status).toBe('healthy');
    expect(h.components.scrapers.status).toBe('not_started');
    expect(h.status).toBe('healthy');
    expect(h.components.database.dailyBars).toBe(0);
  });

  it('refuses /api/ without the right bearer token', async () => {
    const none = await send(t.port, { path: '/api/tickers/search' });
    expect(none.status).toBe(401);
    expect(json<ErrorBody>(none)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await send(t.port, {
      path: '/api/tickers/search',
      headers: { authorization: `Bearer ${'x'.repeat(t.token.length)}` },
    });
    expect(wrong.status).toBe(401);
    expect(json<ErrorBody>(wrong).error.code).toBe('UNAUTHORIZED');
    const ok = await t.api({ path: '/api/tickers/search' });
    expect(ok.status).toBe(200);
    expect(json(ok)).toEqual({ items: [] });
  });

  it('refuses a foreign Host header (DNS rebinding), even on /health', async () => {
    for (const path of ['/api/tickers/search', '/health', '/']) {
      const res = await send(t.port, { path, headers: { ...t.auth(), host: 'evil.example' } });
      expect(res.status, path).toBe(403);
      expect(json<ErrorBody>(res).error.code).toBe('FORBIDDEN');
    }
    const local = await send(t.port, { path: '/health', headers: { host: `localhost:${t.port}` } });
    expect(local.status).toBe(200);
    const rebinding = await send(t.port, {
      path: '/health',
      headers: { host: `localhost.evil.example:${t.port}` },
    });
    expect(rebinding.status).toBe(403);
  });
});

describe('input validation and routing', () => {
  it.each([
    ['/api/quotes/PETR4?from=2021-13-40', 'from'],
    ['/api/quotes/PETR4?from=2021-06-30&to=2021-06-01', 'from'],
    ['/api/quotes/PE', 'ticker'],
    ['/api/tickers/search?limit=0', 'limit'],
    ['/api/tickers/search?limit=abc', 'limit'],
  ])('GET %s → 400 naming "%s"', async (path, field) => {
    const res = await t.api({ path });
    expect(res.status).toBe(400);
    const body = json<ErrorBody>(res);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain(field);
    expect(body.error.details?.fields).toContain(field);
  });

  it('POST /api/import/cotahist with {} → 400 naming "paths"', async () => {
    const res = await t.postJson('/api/import/cotahist', {});
    expect(res.status).toBe(400);
    const body = json<ErrorBody>(res);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain('paths');
    expect(body.error.details?.fields).toEqual(['paths']);
  });

  it('an upload name with a directory is refused', async () => {
    const res = await t.postJson('/api/import/cotahist', {
      uploads: [{ name: '../x.TXT', dataBase64: 'AA==' }],
    });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.message).toContain('uploads.0.name');
  });

  it('a body that is not JSON → 400 INVALID_INPUT', async () => {
    const res = await t.api({
      method: 'POST',
      path: '/api/import/cotahist',
      headers: { 'content-type': 'application/json' },
      body: '{"paths": [',
    });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.code).toBe('INVALID_INPUT');
  });

  it('unknown /api route → 404; wrong verb → 405', async () => {
    const unknown = await t.api({ path: '/api/nope' });
    expect(unknown.status).toBe(404);
    expect(json<ErrorBody>(unknown).ok).toBe(false);
    const wrongVerb = await t.api({ path: '/api/import/cotahist' });
    expect(wrongVerb.status).toBe(405);
    expect(json<ErrorBody>(wrongVerb).error.message).toContain('POST');
    const postOnGet = await t.api({ method: 'POST', path: '/api/tickers/search', body: '{}' });
    expect(postOnGet.status).toBe(405);
  });
});

describe('importing and reading quotes', () => {
  it('a bad file is refused whole with 422 TRAILER_MISMATCH naming the file and line 13', async () => {
    const res = await t.upload('COTAHIST_EXAMPLE_20260417.TXT', COTAHIST_EXCERPT());
    expect(res.status).toBe(422);
    const body = json<ErrorBody>(res);
    expect(body.error.code).toBe('TRAILER_MISMATCH');
    expect(body.error.message).toContain('COTAHIST_EXAMPLE_20260417.TXT');
    expect(body.error.message).toContain('line 13');
    expect(body.error.details).toMatchObject({ line: 13, declared: 23021 });
    expect(await t.dailyBars()).toBe(0);
    expect((await t.api({ path: '/api/quotes/PETR4' })).status).toBe(404);
  });

  it('an uploaded daily file is imported and its bars read back', async () => {
    const res = await t.upload('COTAHIST_D25062021.TXT', COTAHIST_DAILY());
    expect(res.status).toBe(200);
    expect(json(res)).toEqual(DAILY_IMPORT_SUMMARY);
    expect(await t.dailyBars()).toBe(989);

    const q = await t.api({ path: '/api/quotes/PETR4' });
    expect(q.status).toBe(200);
    const quotes = json<QuotesBody>(q);
    expect(quotes.ticker).toBe('PETR4');
    expect(quotes.bars).toHaveLength(1);
    expect(quotes.bars[0]).toMatchObject({
      date: '2021-06-25',
      open: 29.69,
      close: 29.1,
      volume: 2498432530,
    });

    const lower = await t.api({ path: '/api/quotes/petr4?from=2021-06-25&to=2021-06-25' });
    expect(json<QuotesBody>(lower).bars).toHaveLength(1);
    const outside = await t.api({ path: '/api/quotes/PETR4?from=2021-06-26' });
    expect(json<QuotesBody>(outside).bars).toEqual([]);
  });

  it('an unknown ticker → 404 NOT_FOUND', async () => {
    const res = await t.api({ path: '/api/quotes/ZZZZ9' });
    expect(res.status).toBe(404);
    const body = json<ErrorBody>(res);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('ZZZZ9');
  });

  it('ticker search finds PETR4 among the first PETR tickers', async () => {
    const res = await t.api({ path: '/api/tickers/search?q=PETR&limit=5' });
    expect(res.status).toBe(200);
    const items = json<{ items: Array<{ ticker: string; name: string }> }>(res).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.slice(0, 3).map((i) => i.ticker)).toContain('PETR4');
    for (const i of items)
      expect(i.ticker.startsWith('PETR') || i.name.toUpperCase().includes('PETR'), i.ticker).toBe(true);
  });

  it('the failed file after a good import leaves the data as it was', async () => {
    const res = await t.upload('COTAHIST_EXAMPLE_20260417.TXT', COTAHIST_EXCERPT());
    expect(res.status).toBe(422);
    expect(await t.dailyBars()).toBe(989);
  });
});
