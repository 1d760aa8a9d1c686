/**
 * A server-mode worker process for the tests and bench/server-queue: the same PgQueueRunner and
 * leader election `b3ai worker --database` runs, with a test job type in place of the fetches
 * (`selftest`: sleeps metadata.ms, records its start at once and its execution in the same
 * transaction that completes the job). Ours, not a capture: no network.
 *
 * env: B3AI_PG_URL, B3AI_DATA_DIR (its own), WORKER_NAME, CAPACITY (default 4), TIMEOUT_MS
 * (default 5000), LEADER=1 (take part in the scheduler's leader election), NO_JOBS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../services/contract';
import type { JobType } from '../../services/core/jobs/job-types';
import { startBoss } from '../../services/core/jobs/pg-queue';
import { PgQueueRunner } from '../../services/core/jobs/pg-runner';
import { createLogger } from '../../services/core/logging/logger';
import { startLeaderElection } from '../../services/core/scheduler/leader';
import { openRemotePg } from '../../services/core/storage/pg-remote';
import { openState } from '../../services/core/storage/state';

const env = process.env;
const url = env.B3AI_PG_URL!;
const dataDir = env.B3AI_DATA_DIR!;
const name = env.WORKER_NAME ?? `w${process.pid}`;
const capacity = Number(env.CAPACITY ?? 4);
const log = createLogger('test-worker');

const testJob: JobType = {
  source: 'selftest',
  concurrency: capacity,
  ratePerMinute: null,
  timeoutMs: Number(env.TIMEOUT_MS ?? 5000),
  validate() {},
  async execute(row, e) {
    const ms = Number((JSON.parse(row.metadata) as { ms?: number }).ms ?? 0);
    if (ms > 0) {
      await e.pg.query('INSERT INTO test_starts (job_id, worker, pid) VALUES ($1, $2, $3)', [
        row.id,
        name,
        process.pid,
      ]);
      await new Promise((r) => setTimeout(r, ms));
    }
    if (e.signal.aborted) throw new AppError('CANCELLED', 'stopped');
    return {
      result: { worker: name },
      pgEffect: async (tx, r) => {
        await tx.query('INSERT INTO test_executions (job_id, worker, pid, attempt) VALUES ($1, $2, $3, $4)', [
          r.id,
          name,
          process.pid,
          r.attempts,
        ]);
      },
    };
  },
};

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const state = openState(dataDir, join(process.cwd(), 'resources', 'migrations', 'sqlite'));
  const pg = await openRemotePg({ url, max: capacity + 2 });
  const stops: Array<() => Promise<void>> = [];
  if (env.NO_JOBS !== '1') {
    const boss = await startBoss(url, [testJob], { maintenanceIntervalSeconds: 1, supervise: true });
    const runner = new PgQueueRunner({
      boss,
      pg,
      types: [testJob],
      log,
      state,
      dataDir,
      capacity,
      pollMs: Number(env.POLL_MS ?? 200),
    });
    runner.start();
    stops.push(async () => {
      await runner.stop(2000);
      await boss.stop({ graceful: false, wait: true });
    });
  }
  if (env.LEADER === '1') {
    const leader = startLeaderElection({
      url,
      pollMs: 250,
      log,
      onLead: async () => {
        await pg.query('INSERT INTO test_leaders (worker, pid) VALUES ($1, $2)', [name, process.pid]);
      },
      onLose: () => Promise.resolve(),
    });
    stops.push(() => leader.stop());
  }
  console.log(`ready ${name}`);
  const stop = async (): Promise<void> => {
    for (const s of stops) await s();
    await pg.close();
    state.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
