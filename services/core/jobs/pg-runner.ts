import type PgBoss from 'pg-boss';
import { AppError, isAppError, type ErrorCode } from '../../contract';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import type { WorkerOutcome } from '../workers/types';
import type { JobType } from './job-types';
import { BOSS_SCHEMA, queueName, rowOfBoss, type BossRow, type JobData } from './pg-queue';

export interface PgRunnerOptions {
  boss: PgBoss;
  pg: Pg;
  types: readonly JobType[];
  log: Logger;
  /** This process's local state (a worker's own data dir). */
  state: StateDb;
  dataDir: string;
  /** Jobs running at once in this process, over all sources. */
  capacity: number;
  /** How a task runs in a worker process (the worker pool); absent, a job's `runInWorker` fails. */
  runInWorker?: (
    jobId: string,
    task: string,
    payload: unknown,
    timeoutMs: number,
    source: string,
  ) => Promise<WorkerOutcome>;
  /** How often an idle loop asks for work, and running jobs are checked for a cancel (default 500 ms). */
  pollMs?: number;
}

interface Running {
  abort: AbortController;
  name: string;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Runs jobs from the PostgreSQL queue in this process: per source, up to its concurrency of fetch
 * loops (pg-boss's `fetch`: `FOR UPDATE SKIP LOCKED`, priority first), within `capacity` over all.
 * An attempt's end is committed with a check that the attempt is still this one (state `active`,
 * same retry count): one that outlived its expiry and was handed to another worker commits nothing,
 * and a job type's `pgEffect` commits in that same transaction, so effects happen exactly once.
 */
export class PgQueueRunner {
  private readonly running = new Map<string, Running>();
  private readonly loops: Array<Promise<void>> = [];
  private readonly stopping = new AbortController();
  private free: number;
  private cancelTimer: NodeJS.Timeout | undefined;
  private readonly pollMs: number;
  /** Attempts this process finished (tests and the bench read it). */
  completed = 0;

  constructor(private readonly o: PgRunnerOptions) {
    this.free = Math.max(1, o.capacity);
    this.pollMs = o.pollMs ?? 500;
  }

  get busy(): number {
    return this.running.size;
  }

  wake(): void {
    /* the loops poll; pg-boss 10 has no notify across processes */
  }

  start(): void {
    for (const t of this.o.types)
      for (let i = 0; i < Math.max(1, t.concurrency); i++) this.loops.push(this.loop(t));
    this.cancelTimer = setInterval(() => void this.checkCancels(), this.pollMs);
    this.cancelTimer.unref();
  }

  /** Stop taking jobs; wait `graceMs` for running ones, then abort them (their jobs expire and are retried). */
  async stop(graceMs: number): Promise<void> {
    this.stopping.abort();
    clearInterval(this.cancelTimer);
    const all = Promise.all(this.loops);
    const timer = sleep(graceMs).then(() => {
      for (const r of this.running.values()) r.abort.abort();
    });
    await Promise.race([all, timer]);
    await all;
  }

  private async loop(type: JobType): Promise<void> {
    const name = queueName(type.source);
    const stop = this.stopping.signal;
    while (!stop.aborted) {
      if (this.free <= 0) {
        await sleep(20, stop);
        continue;
      }
      this.free--;
      let idle = true;
      try {
        const [job] = await this.o.boss.fetch<JobData>(name, {
          batchSize: 1,
          includeMetadata: true,
        });
        if (job) {
          idle = false;
          await this.attempt(type, name, job);
        }
      } catch (error) {
        this.o.log.warn('queue loop error', { source: type.source, error: (error as Error).message });
      } finally {
        this.free++;
      }
      if (idle) await sleep(this.pollMs, stop);
    }
  }

  private async attempt(type: JobType, name: string, j: PgBoss.JobWithMetadata<JobData>): Promise<void> {
    const boss: BossRow = {
      id: j.id,
      name,
      priority: j.priority,
      data: j.data,
      state: 'active',
      retry_limit: j.retryLimit,
      retry_count: j.retryCount,
      start_after: j.startAfter,
      started_on: j.startedOn,
      created_on: j.createdOn,
      completed_on: null,
      output: null,
    };
    const row = rowOfBoss(boss);
    const abort = new AbortController();
    this.running.set(j.id, { abort, name });
    const timeout = setTimeout(() => abort.abort(), type.timeoutMs);
    try {
      const runInWorker = this.o.runInWorker;
      const outcome = await type.execute(row, {
        runInWorker: (task, payload, timeoutMs) => {
          if (!runInWorker) throw new AppError('UNAVAILABLE', 'no worker processes in this process');
          return runInWorker(j.id, task, payload, timeoutMs, type.source);
        },
        signal: abort.signal,
        pg: this.o.pg,
        state: this.o.state,
        dataDir: this.o.dataDir,
      });
      if (abort.signal.aborted) throw new AppError('CANCELLED', `job ${j.id} was stopped`);
      const done = await this.o.pg.transaction(async (tx) => {
        if (outcome.pgEffect) await outcome.pgEffect(tx, row);
        const r = await tx.query(
          `UPDATE ${BOSS_SCHEMA}.job SET state = 'completed', completed_on = now(), output = $4::jsonb
             WHERE name = $1 AND id = $2::uuid AND state = 'active' AND retry_count = $3`,
          [name, j.id, j.retryCount, JSON.stringify({ result: outcome.result ?? null })],
        );
        if (r.affectedRows !== 1) await tx.rollback();
        return r.affectedRows === 1;
      });
      // Local effects (the SQLite ones) only once the completion is committed.
      if (done) {
        outcome.effect?.(row);
        this.completed++;
      } else
        this.o.log.warn('attempt no longer ours (cancelled or expired): nothing committed', { jobId: j.id });
    } catch (e) {
      const code: ErrorCode = isAppError(e) ? e.code : 'INTERNAL';
      const message = (e as Error).message.slice(0, 500);
      await this.failIfOurs(name, j, { code, message });
    } finally {
      clearTimeout(timeout);
      this.running.delete(j.id);
    }
  }

  /** pg-boss's fail (retry with backoff, or failed), only while the attempt is still this one. */
  private async failIfOurs(
    name: string,
    j: PgBoss.JobWithMetadata<JobData>,
    error: { code: ErrorCode; message: string },
  ) {
    await this.o.pg.transaction(async (tx) => {
      const r = await tx.query(
        `SELECT 1 FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid AND state = 'active' AND retry_count = $3 FOR UPDATE`,
        [name, j.id, j.retryCount],
      );
      if (r.rows.length === 0) return;
      const db: PgBoss.Db = {
        executeSql: async (text, values) => ({ rows: (await tx.query(text, values)).rows }),
      };
      await this.o.boss.fail(name, j.id, { error }, { db });
    });
  }

  /** Running jobs cancelled through the API (by any process): stop their attempts. */
  private async checkCancels(): Promise<void> {
    if (this.running.size === 0) return;
    try {
      const r = await this.o.pg.query<{ id: string }>(
        `SELECT id::text AS id FROM ${BOSS_SCHEMA}.job WHERE id = ANY($1::uuid[]) AND state = 'cancelled'`,
        [[...this.running.keys()]],
      );
      for (const { id } of r.rows) this.running.get(id)?.abort.abort();
    } catch {
      /* next time */
    }
  }
}
