import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../events/bus';
import { configureLogging, createLogger } from '../logging/logger';
import { openState, type StateDb } from '../storage/state';
import type { Pg } from '../storage/pg';
import type { WorkerOutcome, WorkerSupervisor, WorkerTask } from '../workers/types';
import { unwrap, type JobType } from './job-types';
import { JobStore } from './job-store';
import { JobRunner } from './runner';

/** An in-process stand-in for the worker pool: each task answers when the test says so. */
function fakeSupervisor() {
  const runs: Array<{ task: WorkerTask; resolve: (o: WorkerOutcome) => void; cancelled: boolean }> = [];
  const sup: WorkerSupervisor = {
    capacity: 1,
    start: () => Promise.resolve(),
    run: (task) => new Promise<WorkerOutcome>((resolve) => runs.push({ task, resolve, cancelled: false })),
    cancel(jobId) {
      const r = runs.find((x) => x.task.jobId === jobId && !x.cancelled);
      if (!r) return;
      r.cancelled = true;
      r.resolve({
        ok: false,
        reason: 'cancelled',
        code: 'CANCELLED',
        message: 'cancelled',
        pid: null,
        ms: 0,
      });
    },
    workers: () => [],
    flush: () => undefined,
    stop: () => Promise.resolve(),
  };
  return { sup, runs };
}

const type: JobType = {
  source: 'selftest',
  concurrency: 1,
  ratePerMinute: null,
  timeoutMs: 5_000,
  validate: () => undefined,
  async execute(row, env) {
    return { result: unwrap(await env.runInWorker('ok', { id: row.id }, this.timeoutMs)) };
  },
};

let dir: string;
let db: StateDb;
beforeEach(() => {
  configureLogging({ level: 'error', sink: { write: () => undefined } });
  dir = mkdtempSync(join(tmpdir(), 'b3ai-runner-'));
  db = openState(dir, join(process.cwd(), 'resources', 'migrations', 'sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (cond: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('JobRunner', () => {
  it('hands a claimed job to the workers before the commit, and voids it when that transaction fails', async () => {
    const store = new JobStore(db);
    const { sup, runs } = fakeSupervisor();
    const job = store.enqueue({ scraperName: 'selftest' });
    // The transaction in which the job is handed to a worker fails after its work (as a failed
    // COMMIT would): everything in it rolls back.
    const tx = store.transaction.bind(store);
    let failed = false;
    store.transaction = <T>(fn: () => T): T =>
      tx(() => {
        const before = runs.length;
        const r = fn();
        if (!failed && runs.length > before) {
          failed = true;
          throw new Error('disk I/O error');
        }
        return r;
      });
    const runner = new JobRunner({
      store,
      types: [type],
      supervisor: sup,
      events: new EventBus(),
      log: createLogger('jobs'),
      pg: {} as Pg,
      state: db,
      dataDir: dir,
      owner: 'test-owner',
      capacity: 1,
    });
    runner.start();
    await until(() => runs.length === 1 && runs[0]!.cancelled);
    // The worker had it inside the transaction, before the commit.
    expect(failed).toBe(true);
    // The claim rolled back: the job waits again, its attempt count untouched.
    expect(store.get(job.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // The next tick (1 s later) claims it again; that attempt completes it, once.
    await until(() => runs.length === 2, 5_000);
    runs[1]!.resolve({ ok: true, result: { done: 1 }, pid: 1, ms: 1 });
    await until(() => store.get(job.id).status === 'completed');
    expect(store.get(job.id)).toMatchObject({ status: 'completed', attempts: 1, result: { done: 1 } });
    await runner.stop(100);
  });
});
