import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { JobStore } from '../../services/core/jobs/job-store';
import { unwrap, type JobType } from '../../services/core/jobs/job-types';
import type { WorkerOptions } from '../../services/core/jobs/workers-component';
import { openState } from '../../services/core/storage/state';
import { forkSpawner } from '../../services/core/workers/fork';
import { RESOURCES_DIR } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';

/** A worker whose tasks misbehave on purpose (exit mid-task, hang, ...). */
const TEST_WORKER = fileURLToPath(
  new URL('../../services/core/workers/test-workers/basic-worker.ts', import.meta.url),
);

/** A job type running one of the test worker's tasks, named by the job's query ("exit-once" exits on the first attempt only). */
const probeJob: JobType = {
  source: 'selftest',
  concurrency: 4,
  ratePerMinute: null,
  timeoutMs: 1_500,
  validate: () => undefined,
  async execute(row, env) {
    const q = row.query ?? 'ok';
    // "sleep-first": a long sleep on the first attempt only (another task's exit is meant to end it).
    const first = row.attempts === 1;
    const task =
      q === 'exit-once' ? (first ? 'exit' : 'ok') : q === 'sleep-first' ? (first ? 'sleep' : 'ok') : q;
    const payload = task === 'sleep' ? (q === 'sleep-first' ? 20_000 : 300) : { id: row.id };
    return { result: unwrap(await env.runInWorker(task, payload, this.timeoutMs)) };
  },
};

let dataDir: string;
let core: Core | undefined;

async function start(
  size = 1,
  type: JobType = probeJob,
  workers: Partial<WorkerOptions> = {},
): Promise<Core> {
  core = await startCore({
    dataDir,
    run: true,
    scheduler: false,
    pgTemplate: await pgTemplate(),
    jobTypes: [type],
    workers: { spawn: forkSpawner(TEST_WORKER), size, ...workers },
    shutdownGraceMs: 200,
  });
  return core;
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core!.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

const create = (query: string, extra: Record<string, unknown> = {}): Promise<{ job: Job }> =>
  call('jobs.create', { scraper_name: 'selftest', query, max_retries: 0, ...extra });

/** Wait for a job to reach one of `statuses` (driven by job.updated events, with a timeout). */
async function until(id: string, statuses: string[], ms = 15_000): Promise<Job> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { job } = await call<{ job: Job }>('jobs.get', { job_id: id });
    if (statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${job.status}, not ${statuses.join('/')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-runner-'));
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the job runner with real worker processes', { timeout: 60_000 }, () => {
  it('runs waiting jobs in strict priority order, FIFO within a priority', async () => {
    // Queue before the serving process starts, as `b3ai jobs create` does offline.
    const db = openState(dataDir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
    const store = new JobStore(db);
    const ids = (['low', 'normal', 'high', 'normal', 'high', 'low'] as const).map((priority, i) =>
      // 'sleep' (300 ms): one worker runs them one after another, with distinct start times.
      store.enqueue({ scraperName: 'selftest', query: 'sleep', priority, metadata: { i } }),
    );
    db.close();
    await start(1);
    for (const j of ids) await until(j.id, ['completed']);
    const { jobs } = await call<{ jobs: Job[] }>('jobs.list', { limit: 10 });
    const order = [...jobs]
      .sort((a, b) => Date.parse(a.started_at!) - Date.parse(b.started_at!))
      .map((j) => j.metadata.i);
    expect(order).toEqual([2, 4, 1, 3, 0, 5]);
  });

  it('fails only the attempt whose worker exits mid-job, then succeeds on a new worker', async () => {
    await start(1);
    const { job } = await create('exit-once', { max_retries: 2 });
    const done = await until(job.id, ['completed', 'failed'], 30_000);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    const q = await call<{
      workers: { processes: Array<{ restarts: number; last_exit: { reason: string } | null }> };
    }>('jobs.queueStatus', {});
    expect(q.workers.processes[0]).toMatchObject({
      restarts: 1,
      last_exit: { reason: expect.stringMatching(/crash|exit/) as unknown },
    });
  });

  it('a worker process that dies fails every job it was running, and each is retried', async () => {
    // Queued before the start, so the first tick hands all three to the one process at once.
    const db = openState(dataDir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
    const store = new JobStore(db);
    // The sleeps outlast any delay before the exit (a 300 ms one could end first on a loaded machine).
    const jobs = ['sleep-first', 'exit-once', 'sleep-first'].map((query) =>
      store.enqueue({ scraperName: 'selftest', query, maxRetries: 2 }),
    );
    db.close();
    await start(3, { ...probeJob, timeoutMs: 30_000 }, { processes: 1 });
    for (const j of jobs) {
      // The exit ended the attempts of the two sleeping jobs too: each ran twice.
      expect(await until(j.id, ['completed', 'failed'], 30_000)).toMatchObject({
        status: 'completed',
        attempts: 2,
      });
    }
    const q = await call<{ workers: { total: number; processes: Array<{ restarts: number }> } }>(
      'jobs.queueStatus',
      {},
    );
    expect(q.workers.total).toBe(1);
    expect(q.workers.processes[0]?.restarts).toBe(1);
  });

  it('starts no worker process before a job needs one; an idle pool is healthy', async () => {
    const c = await start(2, probeJob, { idleExitMs: 500 });
    type Status = { workers: { idle: number; processes: Array<{ pid: number | null; state: string }> } };
    const atRest = await call<Status>('jobs.queueStatus', {});
    expect(atRest.workers.processes.map((p) => [p.state, p.pid])).toEqual([
      ['off', null],
      ['off', null],
    ]);
    expect(atRest.workers.idle).toBe(2);
    await c.orchestrator.checkAll();
    expect(c.orchestrator.health('workers')).toMatchObject({ status: 'healthy', processes: 0 });

    const { job } = await create('ok');
    expect((await until(job.id, ['completed'])).status).toBe('completed');
    const busy = await call<Status>('jobs.queueStatus', {});
    expect(busy.workers.processes.filter((p) => p.pid !== null)).toHaveLength(1);
    await c.orchestrator.checkAll();
    expect(c.orchestrator.health('workers')).toMatchObject({ status: 'healthy', processes: 1 });

    // Idle for idleExitMs: the process exits, and the pool is still healthy.
    const deadline = Date.now() + 15_000;
    while ((await call<Status>('jobs.queueStatus', {})).workers.processes.some((p) => p.pid !== null)) {
      if (Date.now() > deadline) throw new Error('the idle worker process did not exit');
      await new Promise((r) => setTimeout(r, 100));
    }
    await c.orchestrator.checkAll();
    expect(c.orchestrator.health('workers')).toMatchObject({ status: 'healthy', processes: 0 });
  });

  it('fails a job whose worker hangs past its timeout, with TIMEOUT, and replaces the worker', async () => {
    await start(1);
    const { job } = await create('hang');
    const done = await until(job.id, ['failed'], 20_000);
    expect(done.error?.code).toBe('TIMEOUT');
    const next = await create('ok');
    expect((await until(next.job.id, ['completed'])).status).toBe('completed');
  });

  it('cancels a running job: the worker is told and the job ends cancelled', async () => {
    await start(1);
    const { job } = await create('cancellable');
    await until(job.id, ['running']);
    await new Promise((r) => setTimeout(r, 200));
    const cancelled = await call<{ job: Job }>('jobs.cancel', { job_id: job.id });
    expect(cancelled.job.status).toBe('running');
    expect((await until(job.id, ['cancelled'])).status).toBe('cancelled');
  });

  it('drains on shutdown: a job still running goes back to the queue, none is left running', async () => {
    const c = await start(1);
    const { job } = await create('cancellable');
    await until(job.id, ['running']);
    await c.close();
    core = undefined;
    const db = openState(dataDir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
    try {
      expect(db.prepare('SELECT status, attempts FROM jobs WHERE id = ?').get(job.id)).toEqual({
        status: 'pending',
        attempts: 0,
      });
    } finally {
      db.close();
    }
  });

  it('keeps a source within its concurrency even when workers are free', async () => {
    await start(2, { ...probeJob, concurrency: 1 });
    const a = await create('sleep');
    const b = await create('sleep');
    const [ja, jb] = [await until(a.job.id, ['completed']), await until(b.job.id, ['completed'])];
    expect(Date.parse(jb.started_at!)).toBeGreaterThanOrEqual(Date.parse(ja.completed_at!));
  });

  it('claims a lookahead source ahead of a free slot, and still runs only its concurrency at once', async () => {
    await start(2, { ...probeJob, concurrency: 1, lookahead: true });
    const jobs = await Promise.all([1, 2, 3].map(() => create('sleep')));
    const done = await Promise.all(jobs.map((j) => until(j.job.id, ['completed'])));
    // When each sleep really ran, as the worker saw it: one after another (300 ms each).
    const ran = done.map((j) => (j.result as { started: number }).started).sort((x, y) => x - y);
    expect(ran[1]! - ran[0]!).toBeGreaterThanOrEqual(295);
    expect(ran[2]! - ran[1]!).toBeGreaterThanOrEqual(295);
    // Claimed ahead: the later jobs were taken (started_at) while the first was still running.
    const byStart = [...done].sort((a, b) => Date.parse(a.started_at!) - Date.parse(b.started_at!));
    expect(Date.parse(byStart[1]!.started_at!)).toBeLessThan(Date.parse(byStart[0]!.completed_at!));
  });

  it('spaces the starts of a rate-limited source', async () => {
    await start(2, { ...probeJob, concurrency: 4, ratePerMinute: 300 }); // one start per 200 ms
    const jobs = await Promise.all([1, 2, 3].map(() => create('ok')));
    const done = await Promise.all(jobs.map((j) => until(j.job.id, ['completed'])));
    const starts = done.map((j) => Date.parse(j.started_at!)).sort((x, y) => x - y);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(190);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(190);
  });
});
