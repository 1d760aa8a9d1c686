import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { readMigrations } from '../../services/core/storage/migrations';
import { startRealPg, type RealPg } from '../helpers/real-pg';

/**
 * `b3ai serve --database postgres://…`: the core on a real PostgreSQL 15 applies the same
 * migrations as PGlite, answers the API from it, and runs the queue (pg-boss) in process.
 */
let server: RealPg;
let core: Core;
let dataDir: string;

beforeAll(async () => {
  server = await startRealPg();
  const url = await server.createDb('b3ai_server');
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-server-mode-'));
  core = await startCore({
    dataDir,
    database: url,
    run: true,
    schedulesPaused: true,
    watchConfig: false,
    // Jobs run in worker processes elsewhere (test/integration/server-queue.test.ts): here the API only.
    runJobs: false,
    healthIntervalMs: 3_600_000,
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

describe('server mode on PostgreSQL', () => {
  it('applies the same migrations as PGlite to the remote database', async () => {
    const { pg } = core.stores();
    const applied = (await pg.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1'))
      .rows;
    const shipped = readMigrations(join(process.cwd(), 'resources', 'migrations', 'pg')).map(
      (m) => m.version,
    );
    expect(applied.map((r) => r.version)).toEqual(shipped);
    const server = (await pg.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!
      .v;
    expect(server).toMatch(/^15\./);
  });

  it("answers the job API from PostgreSQL (pg-boss) with the SQLite queue's shapes", async () => {
    const created = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'selftest',
      query: 'noop',
      priority: 'high',
    });
    expect(created.job).toMatchObject({ priority: 'high', scraper_name: 'selftest', max_retries: 3 });
    expect(created.job.status).toBe('pending');
    const got = (await call<{ job: Job }>('jobs.get', { job_id: created.job.id })).job;
    expect(got).toEqual(created.job);
    const list = await call<{ jobs: Job[]; total: number }>('jobs.list', { status: 'pending' });
    expect(list.jobs.map((j) => j.id)).toContain(created.job.id);
    const q = await call<{ queue_lengths: Record<string, number>; total_pending: number }>(
      'jobs.queueStatus',
      {},
    );
    expect(q.queue_lengths.high).toBe(1);
    expect(q.total_pending).toBe(1);
    const stats = await call<{ scrapers: Array<{ scraper_name: string; total_jobs: number }> }>(
      'jobs.statsByScraper',
      { period: '1h' },
    );
    expect(stats.scrapers.find((s) => s.scraper_name === 'selftest')?.total_jobs).toBe(1);
    // Cancel a waiting job: the same answer as the SQLite queue; a second cancel is a CONFLICT.
    const slow = await call<{ job: Job }>('jobs.create', {
      scraper_name: 'selftest',
      query: 'noop',
      priority: 'low',
      metadata: { delay_ms: 5000 },
    });
    const cancelled = await call<{ job: Job }>('jobs.cancel', { job_id: slow.job.id });
    expect(cancelled.job.status).toBe('cancelled');
    const again = await core.call('jobs.cancel', { job_id: slow.job.id });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const missing = await core.call('jobs.get', { job_id: 'not-a-job' });
    expect(missing.ok ? null : missing.error.code).toBe('NOT_FOUND');
  });

  it('reads market data from PostgreSQL through the analysis API', async () => {
    const { pg } = core.stores();
    const r = await call<{ items: unknown[] }>('tickers.search', { q: 'PETR' });
    expect(r.items).toEqual([]);
    const n = (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_bars')).rows[0]!.n;
    expect(n).toBe(0);
  });
});
