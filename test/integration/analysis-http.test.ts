import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

// The analysis endpoints at the original platform's paths, over HTTP.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const r = await t.postJson('/api/import/cotahist', { paths: [COTAHIST_DAILY()] });
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('analysis over HTTP', () => {
  it('GET /api/analysis/stock/{ticker}: the original shape; an unknown ticker is a 404 with a message', async () => {
    const res = await t.api({ path: '/api/analysis/stock/petr4' });
    expect(res.status).toBe(200);
    const body = json<Record<string, unknown>>(res);
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        'ticker',
        'success',
        'fundamental',
        'technical',
        'valuation',
        'macro',
        'sources',
        'confidence',
        'timestamp',
      ]),
    );
    expect(body['ticker']).toBe('PETR4');
    expect(body['sources']).toEqual({ count: 1, names: ['b3-cotahist'] });
    const technical = body['technical'] as { bars: number; indicators: { sma_20: number | null } };
    expect(technical.bars).toBe(1);
    expect(technical.indicators.sma_20).toBeNull();
    const missing = await t.api({ path: '/api/analysis/stock/ZZZZ3' });
    expect(missing.status).toBe(404);
    expect(json<ErrorBody>(missing).error.message).toContain('ZZZZ3');
  });

  it('sub-routes and compare by query string', async () => {
    for (const sub of ['fundamental', 'technical', 'valuation', 'dividends']) {
      const r = await t.api({ path: `/api/analysis/stock/PETR4/${sub}` });
      expect(r.status, sub).toBe(200);
      expect(json<Record<string, unknown>>(r)).toHaveProperty(sub);
    }
    const c = await t.api({ path: '/api/analysis/compare?tickers=PETR4,VALE3' });
    expect(c.status).toBe(200);
    expect(json<{ rows: { ticker: string; price: number }[] }>(c).rows.map((r) => r.ticker)).toEqual([
      'PETR4',
      'VALE3',
    ]);
    const bad = await t.api({ path: '/api/analysis/stock/PETR4/technical?prices=weekly' });
    expect(bad.status).toBe(400);
    expect(json<ErrorBody>(bad).error.message).toContain('prices');
  });
});
