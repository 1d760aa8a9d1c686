import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../services/core/events/bus';
import type { JobType } from '../../services/core/jobs/job-types';
import { PgJobService, startBoss } from '../../services/core/jobs/pg-queue';
import { openRemotePg } from '../../services/core/storage/pg-remote';
import type { Pg } from '../../services/core/storage/pg';
import { startRealPg, type RealPg } from '../helpers/real-pg';

/**
 * Server mode's queue (pg-boss on a real PostgreSQL 15) with real worker processes on separate
 * data dirs (test/helpers/server-queue-worker.ts: the PgQueueRunner and leader election that
 * `b3ai worker --database` runs, with a test job type). Each execution is recorded in a table in
 * the transaction that completes its job; starts are recorded apart, as they happen.
 */
const WORKER = join(process.cwd(), 'test', 'helpers', 'server-queue-worker.ts');
const typeStub: JobType = {
  source: 'selftest',
  concurrency: 4,
  ratePerMinute: null,
  timeoutMs: 5000,
  validate() {},
  execute: () => Promise.reject(new Error('not run here')),
};

let server: RealPg;
let url: string;
let db: Pg;
let jobs: PgJobService;
let tmp: string;
const children = new Set<ChildProcess>();

function startWorker(name: string, extra: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      ...process.env,
      B3AI_PG_URL: url,
      B3AI_DATA_DIR: join(tmp, name),
      WORKER_NAME: name,
      B3AI_LOG_LEVEL: 'error',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes(`ready ${name}`)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}) before ready`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

beforeAll(async () => {
  server = await startRealPg();
  url = await server.createDb('b3ai_queue');
  tmp = mkdtempSync(join(tmpdir(), 'b3ai-server-queue-'));
  db = await openRemotePg({ url, migrationsDir: join(process.cwd(), 'resources', 'migrations', 'pg') });
  await db.exec(`
    CREATE TABLE test_executions (job_id uuid NOT NULL, worker text NOT NULL, pid int NOT NULL, attempt int NOT NULL);
    CREATE TABLE test_starts (job_id uuid NOT NULL, worker text NOT NULL, pid int NOT NULL, at timestamptz DEFAULT clock_timestamp());
    CREATE TABLE test_leaders (worker text NOT NULL, pid int NOT NULL, at timestamptz DEFAULT clock_timestamp());`);
  const boss = await startBoss(url, [typeStub], { supervise: false });
  jobs = new PgJobService(boss, db, [typeStub], new EventBus());
}, 120_000);

afterAll(async () => {
  await Promise.all([...children].map(stopWorker));
  await db?.close();
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('server mode queue on PostgreSQL (pg-boss)', () => {
  it('two worker processes on separate data dirs run 1,000 jobs exactly once', async () => {
    // Both ready before the jobs come, so both share them.
    const [a, b] = await Promise.all([startWorker('a'), startWorker('b')]);
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      scraper_name: 'selftest',
      ticker: null,
      query: null,
      priority: (['high', 'normal', 'low'] as const)[i % 3]!,
      max_retries: 2,
      metadata: { n: i },
    }));
    const created = await jobs.createBatch(batch);
    expect(created).toHaveLength(1000);
    expect(new Set(created.map((j) => j.id)).size).toBe(1000);
    expect((await jobs.list({ limit: 1, offset: 0 })).total).toBe(1000);

    await until(
      'all jobs completed',
      async () => ((await jobs.queueStatus()).by_status.completed === 1000 ? true : undefined),
      90_000,
    );
    // Every job executed once: no job lost, none done twice.
    expect(await count('SELECT count(*)::int AS n FROM test_executions')).toBe(1000);
    expect(await count('SELECT count(DISTINCT job_id)::int AS n FROM test_executions')).toBe(1000);
    const ids = created.map((j) => j.id);
    expect(
      await count('SELECT count(*)::int AS n FROM test_executions WHERE job_id = ANY($1::uuid[])', [ids]),
    ).toBe(1000);
    // Both processes took part.
    const byWorker = await db.query<{ worker: string; n: number }>(
      'SELECT worker, count(*)::int AS n FROM test_executions GROUP BY worker ORDER BY worker',
    );
    expect(byWorker.rows.map((r) => r.worker)).toEqual(['a', 'b']);
    for (const r of byWorker.rows) expect(r.n).toBeGreaterThan(0);
    // The API's shapes: a completed job, the stats.
    const one = await jobs.get(ids[0]!);
    expect(one).toMatchObject({
      status: 'completed',
      scraper_name: 'selftest',
      attempts: 1,
      priority: 'high',
    });
    expect((await jobs.statsSummary('1h')).successful_jobs).toBe(1000);
    await Promise.all([stopWorker(a), stopWorker(b)]);
    await db.exec('TRUNCATE test_executions, test_starts');
  }, 120_000);

  it('a worker killed (kill -9) mid-job: the job is retried on the other', async () => {
    await Promise.all([...children].map(stopWorker));
    const a = await startWorker('killed');
    const job = await jobs.create({
      scraper_name: 'selftest',
      priority: 'normal',
      max_retries: 2,
      metadata: { ms: 3000 },
    });
    await until(
      'the job started on the first worker',
      async () =>
        (await count('SELECT count(*)::int AS n FROM test_starts WHERE job_id = $1', [job.id])) === 1
          ? true
          : undefined,
      20_000,
    );
    expect((await jobs.get(job.id)).status).toBe('running');
    a.kill('SIGKILL');
    const b = await startWorker('survivor');
    const done = await until(
      'the job completed on the other worker',
      async () => {
        const j = await jobs.get(job.id);
        return j.status === 'completed' ? j : undefined;
      },
      60_000,
    );
    expect(done.attempts).toBe(2);
    expect(done.result).toEqual({ worker: 'survivor' });
    const execs = await db.query<{ worker: string }>('SELECT worker FROM test_executions WHERE job_id = $1', [
      job.id,
    ]);
    expect(execs.rows).toEqual([{ worker: 'survivor' }]);
    await stopWorker(b);
  }, 90_000);

  it('the scheduler leader killed (kill -9): the other takes over within a bounded time', async () => {
    await Promise.all([...children].map(stopWorker));
    const a = await startWorker('lead-a', { LEADER: '1', NO_JOBS: '1' });
    const b = await startWorker('lead-b', { LEADER: '1', NO_JOBS: '1' });
    const first = await until(
      'a leader',
      async () =>
        (await db.query<{ worker: string; pid: number }>('SELECT worker, pid FROM test_leaders')).rows[0],
      10_000,
    );
    // Only one leads while both live.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count('SELECT count(*)::int AS n FROM test_leaders')).toBe(1);
    const holder = first.worker === 'lead-a' ? a : b;
    const killedAt = Date.now();
    holder.kill('SIGKILL');
    const second = await until(
      'a new leader',
      async () =>
        (
          await db.query<{ worker: string }>('SELECT worker FROM test_leaders WHERE worker <> $1', [
            first.worker,
          ])
        ).rows[0],
      10_000,
    );
    const tookMs = Date.now() - killedAt;
    expect(second.worker).toBe(first.worker === 'lead-a' ? 'lead-b' : 'lead-a');
    expect(tookMs).toBeLessThan(5000);
    await stopWorker(holder === a ? b : a);
  }, 60_000);
});
