/**
 * Server mode's queue: N no-op jobs end to end (first enqueue → last completion) through pg-boss
 * on a throwaway PostgreSQL 15 (test/helpers/real-pg), run by 2 worker processes on separate data
 * dirs (test/helpers/server-queue-worker.ts: the PgQueueRunner `b3ai worker` runs, 4 jobs at once
 * each, every completion one PostgreSQL transaction), next to our SQLite queue measured in the same
 * run by bench/queue's probe (`ours-ipc`, at the same total concurrency, 8).
 *
 *   node bin/run-ts.mjs bench/server-queue/index.ts [JOBS=2000]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../services/core/events/bus';
import type { JobType } from '../../services/core/jobs/job-types';
import { PgJobService, startBoss } from '../../services/core/jobs/pg-queue';
import { openRemotePg } from '../../services/core/storage/pg-remote';
import { REPO_ROOT } from '../../test/helpers/fixtures';
import { startRealPg } from '../../test/helpers/real-pg';

const N = Number(process.argv[2] ?? 2000);
const WORKERS = 2;
const PER_WORKER = 4;
const RUNNER = join(REPO_ROOT, 'bin', 'run-ts.mjs');
const PROBE = join(REPO_ROOT, 'bench', 'queue', 'probe.ts');
const WORKER = join(REPO_ROOT, 'test', 'helpers', 'server-queue-worker.ts');

function sqliteQueue(): number {
  const out = execFileSync(
    process.execPath,
    [RUNNER, PROBE, 'ours-ipc', String(WORKERS * PER_WORKER), String(N)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, B3AI_LOG_LEVEL: 'warn' },
    },
  );
  const p = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; jobs: number; completed: number };
  if (p.completed !== N) throw new Error(`SQLite queue: ${p.completed} of ${N} completed`);
  return (p.jobs / p.ms) * 1000;
}

async function serverQueue(): Promise<{ rate: number; byWorker: Record<string, number> }> {
  const server = await startRealPg({ settings: { max_connections: '100' } });
  const tmp = mkdtempSync(join(tmpdir(), 'b3ai-bench-server-queue-'));
  const children: ChildProcess[] = [];
  try {
    const url = await server.createDb('b3ai_bench');
    const db = await openRemotePg({ url, migrationsDir: join(REPO_ROOT, 'resources', 'migrations', 'pg') });
    await db.exec(`CREATE TABLE test_executions (job_id uuid NOT NULL, worker text, pid int, attempt int);
      CREATE TABLE test_starts (job_id uuid, worker text, pid int, at timestamptz);`);
    const stub: JobType = {
      source: 'selftest',
      concurrency: PER_WORKER,
      ratePerMinute: null,
      timeoutMs: 30_000,
      validate() {},
      execute: () => Promise.reject(new Error('not here')),
    };
    const boss = await startBoss(url, [stub], { supervise: false });
    const jobs = new PgJobService(boss, db, [stub], new EventBus());
    await Promise.all(
      Array.from({ length: WORKERS }, (_, i) => {
        const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
          env: {
            ...process.env,
            B3AI_PG_URL: url,
            B3AI_DATA_DIR: join(tmp, `w${i}`),
            WORKER_NAME: `w${i}`,
            CAPACITY: String(PER_WORKER),
            POLL_MS: '50',
            TIMEOUT_MS: '30000',
            B3AI_LOG_LEVEL: 'error',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
          child.on('exit', (c) => reject(new Error(`worker exited ${c}`)));
        });
      }),
    );
    const start = performance.now();
    for (let i = 0; i < N; i += 500)
      await jobs.createBatch(
        Array.from({ length: Math.min(500, N - i) }, () => ({
          scraper_name: 'selftest',
          priority: 'normal' as const,
          max_retries: 1,
          metadata: {},
        })),
      );
    let done = 0;
    while (done < N) {
      if (performance.now() - start > 300_000) throw new Error(`only ${done} of ${N} done in 300 s`);
      await new Promise((r) => setTimeout(r, 20));
      done = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM test_executions')).rows[0]!.n;
    }
    const ms = performance.now() - start;
    const distinct = (
      await db.query<{ n: number }>('SELECT count(DISTINCT job_id)::int AS n FROM test_executions')
    ).rows[0]!.n;
    if (distinct !== N || done !== N) throw new Error(`executions ${done}, distinct ${distinct}, jobs ${N}`);
    const by = await db.query<{ worker: string; n: number }>(
      'SELECT worker, count(*)::int AS n FROM test_executions GROUP BY 1 ORDER BY 1',
    );
    await boss.stop({ graceful: false, wait: true });
    await db.close();
    return { rate: (N / ms) * 1000, byWorker: Object.fromEntries(by.rows.map((r) => [r.worker, r.n])) };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function runServerQueueBench(): Promise<void> {
  console.log(
    `Queue throughput, ${N} no-op jobs, first enqueue → last completion, total concurrency ${WORKERS * PER_WORKER}`,
  );
  const server = await serverQueue();
  const sqlite = sqliteQueue();
  console.log(
    `  server mode (pg-boss on PostgreSQL 15, ${WORKERS} worker processes × ${PER_WORKER}): ${server.rate.toFixed(0)} jobs/s` +
      ` (per worker: ${Object.entries(server.byWorker)
        .map(([w, n]) => `${w} ${n}`)
        .join(', ')}; each job executed exactly once)`,
  );
  console.log(
    `  SQLite queue (bench/queue ours-ipc, one process + worker pool, C=${WORKERS * PER_WORKER}): ${sqlite.toFixed(0)} jobs/s`,
  );
  console.log(`  server ÷ SQLite: ${(server.rate / sqlite).toFixed(2)}×`);
}

if (process.argv[1] && /server-queue[\\/]index\.ts$/.test(process.argv[1])) {
  runServerQueueBench().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
