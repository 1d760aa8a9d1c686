import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

// Portfolio and alerts over HTTP against a real core. The movimentação file is real (shared
// fixtures, inside the configured import folder); the negociação file is OURS (built from B3's
// sheet name and header row) and goes up through /api/uploads like the browser UI sends it.
const NEG = fileURLToPath(
  new URL('../../services/core/portfolio/fixtures/negociacao-ours.xlsx', import.meta.url),
);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('portfolio over HTTP', () => {
  it('imports by path (import folder) and by upload; re-import adds nothing; positions and a DARF', async () => {
    const mov = fixture('b3-investidor', 'movimentacao-2022-06-14-14-22-17.xlsx');
    const a = await t.postJson('/api/portfolios/import', { paths: [mov] });
    expect(a.status).toBe(200);
    expect(json<{ files: { added: number }[] }>(a).files[0]!.added).toBe(14);
    const again = await t.postJson('/api/portfolios/import', { paths: [mov] });
    expect(json<{ files: { added: number; duplicates: number }[] }>(again).files[0]).toMatchObject({
      added: 0,
      duplicates: 14,
    });

    const sent = await t.api({
      method: 'POST',
      path: '/api/uploads?name=negociacao.xlsx',
      headers: { 'content-type': 'application/octet-stream' },
      body: readFileSync(NEG),
    });
    const { upload_id } = json<{ upload_id: string }>(sent);
    const b = await t.postJson('/api/portfolios/import', { upload_ids: [upload_id] });
    expect(b.status).toBe(200);
    expect(json<{ files: { file: string; added: number }[] }>(b).files[0]).toMatchObject({
      file: 'negociacao.xlsx',
      added: 8,
    });

    const pos = json<{ positions: { ticker: string; quantity: number }[] }>(
      await t.api({ path: '/api/portfolios/positions?date=2024-12-31' }),
    );
    expect(pos.positions.find((p) => p.ticker === 'ITSA4')?.quantity).toBe(1500);
    const tax = json<{ darf: { amount: number; due_date: string; code: string } }>(
      await t.api({ path: '/api/portfolios/tax?month=2024-03' }),
    );
    expect(tax.darf).toEqual({ code: '6015', amount: 74.25, due_date: '2024-04-30', rolled_over: false });
  });

  it('hostile input: a path outside the import folders, a bad month, an unknown id, an unknown portfolio', async () => {
    const outside = await t.postJson('/api/portfolios/import', { paths: ['/etc/passwd'] });
    expect(outside.status).toBe(403);
    const traversal = await t.postJson('/api/portfolios/import', {
      paths: [`${fixture('b3-investidor')}/../../../../etc/passwd`],
    });
    expect([403, 422]).toContain(traversal.status);
    expect(JSON.stringify(json(traversal))).not.toContain('root:');
    const month = await t.api({ path: '/api/portfolios/tax?month=2024-13' });
    expect(month.status).toBe(400);
    expect(json<ErrorBody>(month).error.message).toContain('month');
    expect((await t.api({ method: 'DELETE', path: '/api/portfolios/transactions/999999' })).status).toBe(404);
    expect((await t.api({ path: '/api/portfolios/positions?portfolio_id=999' })).status).toBe(404);
    const badName = await t.postJson('/api/portfolios/import', {
      uploads: [{ name: '../x.csv', dataBase64: 'YQ==' }],
    });
    expect(badName.status).toBe(400);
  });

  it('an alert fires after a COTAHIST import moves a price, once', async () => {
    const rule = await t.postJson('/api/alerts/rules', {
      kind: 'price_above',
      ticker: 'PETR4',
      threshold: 1,
    });
    expect(rule.status).toBe(200);
    expect((await t.postJson('/api/import/cotahist', { paths: [COTAHIST_DAILY()] })).status).toBe(200);
    await expect
      .poll(async () =>
        json<{ items: { ticker: string }[] }>(await t.api({ path: '/api/alerts' })).items.map(
          (e) => e.ticker,
        ),
      )
      .toEqual(['PETR4']);
    await t.postJson('/api/import/cotahist', { paths: [COTAHIST_DAILY()] });
    const ev = json<{ fired: unknown[] }>(await t.postJson('/api/alerts/evaluate', {}));
    expect(ev.fired).toEqual([]);
    const items = json<{ items: { data: { source: string }[] }[] }>(
      await t.api({ path: '/api/alerts' }),
    ).items;
    expect(items).toHaveLength(1);
    expect(items[0]!.data[0]!.source).toBe('COTAHIST daily_bars PETR4 2021-06-25');
  });

  it('OpenAPI lists the routes', async () => {
    const doc = json<{ paths: Record<string, unknown> }>(await t.api({ path: '/openapi.json' }));
    for (const p of [
      '/api/portfolios',
      '/api/portfolios/import',
      '/api/portfolios/tax',
      '/api/alerts',
      '/api/alerts/rules',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
