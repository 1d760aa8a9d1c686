import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type ErrorBody, type HttpAnswer } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

interface JobBody {
  job: { id: string; scraper_name: string; status: string; priority: string; ticker: string | null };
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

/** A 400 whose error names `field`. */
function expectBadField(res: HttpAnswer, field: string): void {
  expect(res.status).toBe(400);
  const body = json<ErrorBody & { error: { details?: { fields?: string[] } } }>(res);
  expect(body.error.code).toBe('INVALID_INPUT');
  expect(body.error.message).toContain(field);
  expect(body.error.details?.fields ?? []).toContain(field);
}

describe('jobs over HTTP: the original platform paths and shapes', () => {
  it('creates a job with an original platform name and answers {job: {...}}; gets, lists, cancels and retries it', async () => {
    const created = await t.postJson('/api/jobs/create', {
      scraper_name: 'SELFTEST',
      query: 'noop',
      priority: 'high',
      ticker: 'petr4',
    });
    expect(created.status).toBe(200);
    const { job } = json<JobBody>(created);
    expect(job).toMatchObject({
      scraper_name: 'selftest',
      status: 'pending',
      priority: 'high',
      ticker: 'PETR4',
    });
    const got = await t.api({ path: `/api/jobs/${job.id}` });
    expect(json<JobBody>(got).job.id).toBe(job.id);
    const list = json<{ jobs: JobBody['job'][]; total: number }>(
      await t.api({ path: '/api/jobs/list?status=pending&scraper=SELFTEST' }),
    );
    expect(list.total).toBe(1);
    // This test server does not run jobs, so the job waits: cancel ends it at once.
    const cancelled = await t.api({ method: 'DELETE', path: `/api/jobs/${job.id}` });
    expect(json<JobBody>(cancelled).job.status).toBe('cancelled');
    const again = await t.api({ method: 'DELETE', path: `/api/jobs/${job.id}` });
    expect(again.status).toBe(409);
    const retried = await t.postJson(`/api/jobs/${job.id}/retry`, {});
    expect(json<JobBody>(retried).job.status).toBe('pending');
  });

  it('answers queue status and statistics in the original shapes', async () => {
    const q = json<Record<string, unknown>>(await t.api({ path: '/api/jobs/queue/status' }));
    expect(q).toMatchObject({
      queue_lengths: { high: 1, normal: 0, low: 0 },
      total_pending: 1,
      running: 0,
      workers: { total: 0 },
    });
    const s = json<Record<string, unknown>>(await t.api({ path: '/api/jobs/stats/summary?period=7d' }));
    expect(s).toMatchObject({
      period: '7d',
      total_jobs: 1,
      successful_jobs: 0,
      failed_jobs: 0,
      success_rate: 0,
    });
    const by = json<{ scrapers: Array<{ scraper_name: string; total_jobs: number }> }>(
      await t.api({ path: '/api/jobs/stats/by-scraper' }),
    );
    expect(by.scrapers).toEqual([expect.objectContaining({ scraper_name: 'selftest', total_jobs: 1 })]);
  });

  it('names the field of every bad input with 400', async () => {
    expectBadField(await t.postJson('/api/jobs/create', {}), 'scraper_name');
    expectBadField(
      await t.postJson('/api/jobs/create', { scraper_name: 'selftest', priority: 'urgent' }),
      'priority',
    );
    expectBadField(
      await t.postJson('/api/jobs/create', { scraper_name: 'selftest', max_retries: -1 }),
      'max_retries',
    );
    expectBadField(await t.postJson('/api/jobs/create', { scraper_name: 'selftest', ticker: 'x' }), 'ticker');
    expectBadField(await t.postJson('/api/jobs/create', { scraper_name: 'NOPE' }), 'scraper_name');
    expectBadField(
      await t.postJson('/api/jobs/create', { scraper_name: 'selftest', query: 'dance' }),
      'query',
    );
    expectBadField(await t.api({ path: '/api/jobs/list?status=sleeping' }), 'status');
    expectBadField(await t.api({ path: '/api/jobs/list?limit=0' }), 'limit');
    expectBadField(await t.api({ path: '/api/jobs/list?offset=-1' }), 'offset');
    expectBadField(await t.api({ path: '/api/jobs/stats/summary?period=1y' }), 'period');
    expectBadField(await t.api({ path: '/api/jobs/stats/by-scraper?period=1y' }), 'period');
    expectBadField(await t.postJson('/api/schedules/bcb-daily', { enabled: 'yes' }), 'enabled');
    expectBadField(await t.postJson('/api/schedules/bcb-daily', { tickers: ['petr4', 'x'] }), 'tickers.1');
    expectBadField(await t.postJson('/api/schedules/bcb-daily', { priority: 'urgent' }), 'priority');
  });

  it('queues a batch in one go, or none of it when one job is refused (naming which)', async () => {
    const before = json<{ total: number }>(await t.api({ path: '/api/jobs/list' })).total;
    const ok = await t.postJson('/api/jobs/create-batch', {
      jobs: [{ scraper_name: 'selftest' }, { scraper_name: 'SELFTEST', query: 'write-row', priority: 'low' }],
    });
    expect(ok.status).toBe(200);
    expect(json<{ jobs: Array<{ priority: string }> }>(ok).jobs.map((j) => j.priority)).toEqual([
      'normal',
      'low',
    ]);
    const refused = await t.postJson('/api/jobs/create-batch', {
      jobs: [{ scraper_name: 'selftest' }, { scraper_name: 'MARKET_SCAN' }],
    });
    expectBadField(refused, 'jobs.1.scraper_name');
    expect(json<{ total: number }>(await t.api({ path: '/api/jobs/list' })).total).toBe(before + 2);
    expectBadField(await t.postJson('/api/jobs/create-batch', { jobs: [] }), 'jobs');
    expectBadField(
      await t.postJson('/api/jobs/create-batch', { jobs: [{ scraper_name: 'selftest', priority: 'x' }] }),
      'jobs.0.priority',
    );
  });

  it('says a known source is not available yet, naming it', async () => {
    const res = await t.postJson('/api/jobs/create', { scraper_name: 'MARKET_SCAN', ticker: 'PETR4' });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.message).toContain('"market-scan" is known but not available');
  });

  it("checks a source job's query against the source before queuing it", async () => {
    // FUNDAMENTUS (the original name) is a source of this build; it has no macro-series model.
    const res = await t.postJson('/api/jobs/create', {
      scraper_name: 'FUNDAMENTUS',
      query: 'macro-series:432',
    });
    expectBadField(res, 'query');
    expect(json<ErrorBody>(res).error.message).toContain(
      'fundamentus serves fundamentals, dividends, screener',
    );
  });

  it('answers 404 for an unknown job id on every job route', async () => {
    for (const [method, path] of [
      ['GET', '/api/jobs/00000000-0000-0000-0000-000000000000'],
      ['DELETE', '/api/jobs/00000000-0000-0000-0000-000000000000'],
      ['POST', '/api/jobs/00000000-0000-0000-0000-000000000000/retry'],
    ] as const) {
      const res = method === 'POST' ? await t.postJson(path, {}) : await t.api({ method, path });
      expect(res.status).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 503 for schedules where the scheduler does not run, and lists the orchestrator components', async () => {
    expect((await t.api({ path: '/api/schedules' })).status).toBe(503);
    const o = json<{ components: Array<{ name: string; state: string }> }>(
      await t.api({ path: '/api/orchestrator/status' }),
    );
    expect(o.components.map((c) => [c.name, c.state])).toEqual([
      ['storage', 'running'],
      ['queue', 'running'],
    ]);
  });
});
