import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiReport, Output } from '../../services/contract';
import { fixture } from '../helpers/fixtures';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

// The news and AI routes over HTTP (token-protected API), over the real Fundamentus WEGE3 capture.

let t: TestServer;
const KEY = 'sk-http-Yt5Qw8Er2Ty6Ui9O';

beforeAll(async () => {
  t = await startTestServer();
  const r = await t.postJson('/api/sources/fundamentus/ingest', {
    model: 'fundamentals',
    file: fixture('fundamentus', 'wege3_details.html'),
    ticker: 'WEGE3',
  });
  expect(r.status, r.text).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('AI and news over HTTP', () => {
  it('POST /api/analysis/ai/{ticker} writes a report; latest, by id, history, diff and export follow', async () => {
    const gen = await t.postJson('/api/analysis/ai/wege3', { model: 'rules' });
    expect(gen.status, gen.text).toBe(200);
    const first = json<Output<'ai.generate'>>(gen).reports[0] as AiReport;
    expect(first.ticker).toBe('WEGE3');
    const second = json<Output<'ai.generate'>>(await t.postJson('/api/analysis/ai/WEGE3', {}))
      .reports[0] as AiReport;
    const latest = await t.api({ path: '/api/analysis/ai/WEGE3/latest' });
    expect(json<AiReport>(latest).id).toBe(second.id);
    const byId = await t.api({ path: `/api/analysis/ai/reports/${first.id}` });
    expect(json<AiReport>(byId).report).toEqual(first.report);
    const history = json<Output<'ai.history'>>(
      await t.api({ path: '/api/analysis/ai/WEGE3/reports?limit=1' }),
    );
    expect(history.reports.map((r) => r.id)).toEqual([second.id]);
    const diff = json<Output<'ai.diff'>>(
      await t.api({ path: `/api/analysis/ai/reports/${first.id}/diff/${second.id}` }),
    );
    expect(diff.same_input).toBe(true);
    const md = json<Output<'ai.export'>>(
      await t.api({ path: `/api/analysis/ai/reports/${first.id}/export?format=md` }),
    );
    expect(md.content_type).toBe('text/markdown; charset=utf-8');
    const consensus = json<Output<'ai.consensus'>>(await t.api({ path: '/api/analysis/ai/consensus/WEGE3' }));
    expect(consensus.reports.map((r) => r.id)).toEqual([second.id]);
    // One report (the latest of the one model) is no consensus: it says so and how many (issue 15).
    expect(consensus.strength).toBe('insufficient');
    expect(consensus.count).toBe(1);
    expect(consensus.recommendation).toBeNull();
  });

  it('errors: unknown report 404, bad format 400 naming the field, bad ticker 400', async () => {
    const missing = await t.api({ path: '/api/analysis/ai/reports/999999' });
    expect(missing.status).toBe(404);
    const bad = await t.api({ path: '/api/analysis/ai/reports/1/export?format=docx' });
    expect(bad.status).toBe(400);
    expect(json<ErrorBody>(bad).error.message).toContain('format');
    const ticker = await t.postJson('/api/analysis/ai/not%20a%20ticker', {});
    expect(ticker.status).toBe(400);
  });

  it('model settings: the key goes in, never comes out', async () => {
    const save = await t.postJson('/api/analysis/ai/models/ollama', {
      provider: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
      model: 'llama3.1:8b',
      api_key: KEY,
    });
    expect(save.status, save.text).toBe(200);
    expect(save.text).not.toContain(KEY);
    const models = await t.api({ path: '/api/analysis/ai/models' });
    expect(models.text).not.toContain(KEY);
    expect(json<Output<'ai.models'>>(models).models.find((m) => m.id === 'ollama')).toMatchObject({
      has_key: true,
      model: 'llama3.1:8b',
    });
    // Nobody listens on port 9: the test says so instead of failing the request.
    const test = json<Output<'ai.providers.test'>>(
      await t.postJson('/api/analysis/ai/models/ollama/test', {}),
    );
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/^UNAVAILABLE/);
    expect(JSON.stringify(test)).not.toContain(KEY);
    const invalid = await t.postJson('/api/analysis/ai/models/x', {
      provider: 'gemini',
      base_url: 'ftp://x',
      model: '',
    });
    expect(invalid.status).toBe(400);
    // A key in the URL would be echoed in params and logs: refused, naming the field.
    const inUrl = await t.postJson('/api/analysis/ai/models/x', {
      provider: 'openai',
      base_url: `http://user:${KEY}@127.0.0.1:9/v1`,
      model: 'm',
    });
    expect(inUrl.status).toBe(400);
    expect(json<ErrorBody>(inUrl).error.message).toContain('base_url');
    expect(inUrl.text).not.toContain(KEY);
    const del = await t.api({ method: 'DELETE', path: '/api/analysis/ai/models/ollama' });
    expect(json<Output<'ai.providers.delete'>>(del)).toEqual({ id: 'ollama', deleted: true });
  });

  it('GET /api/analysis/stock/{ticker}/news answers the summary even without news', async () => {
    const res = await t.api({ path: '/api/analysis/stock/WEGE3/news?limit=20' });
    expect(res.status).toBe(200);
    const body = json<Output<'analysis.news'>>(res);
    expect(body).toMatchObject({
      ticker: 'WEGE3',
      news: [],
      sentiment: { count: 0, average: null, label: null },
    });
  });

  it('the OpenAPI document lists the new routes', async () => {
    const doc = json<{ paths: Record<string, unknown> }>(await t.api({ path: '/openapi.json' }));
    for (const p of [
      '/api/analysis/stock/{ticker}/news',
      '/api/analysis/ai/{ticker}',
      '/api/analysis/ai/{ticker}/latest',
      '/api/analysis/ai/consensus/{ticker}',
      '/api/analysis/ai/models',
      '/api/analysis/ai/reports/{id}',
      '/api/analysis/ai/reports/{id}/diff/{other}',
    ])
      expect(Object.keys(doc.paths), p).toContain(p);
  });
});
