import { AppError, isAppError, type ErrorCode, type Job } from '../../contract';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import type { WorkerSupervisor } from '../workers/types';
import { toJob, type JobRow, type JobStore } from './job-store';
import type { JobOutcome, JobType } from './job-types';

export interface RunnerOptions {
  store: JobStore;
  types: readonly JobType[];
  supervisor: WorkerSupervisor;
  events: EventBus;
  log: Logger;
  pg: Pg;
  state: StateDb;
  dataDir: string;
  /** Lease owner id: unique per process start. */
  owner: string;
  /** Jobs running at once, over all sources. */
  capacity: number;
  now?: () => number;
}

interface Running {
  row: JobRow;
  abort: AbortController;
  /** Resolves once the attempt's end is committed. */
  done: Promise<void>;
}

/** An attempt that has ended, waiting for the next tick to commit it. */
type Finished =
  | { row: JobRow; ok: true; outcome: JobOutcome; settle: () => void }
  | { row: JobRow; ok: false; code: ErrorCode; message: string; shutdown: boolean; settle: () => void };

/**
 * Takes jobs from the store in priority order while there is capacity, respecting each source's
 * concurrency and rate, runs them (through worker processes) and records how each attempt ended.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly finished: Finished[] = [];
  private readonly lastStart = new Map<string, number>();
  private readonly types: Map<string, JobType>;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private stopping = false;
  private started = false;
  private readonly now: () => number;

  constructor(private readonly o: RunnerOptions) {
    this.types = new Map(o.types.map((t) => [t.source, t]));
    this.now = o.now ?? Date.now;
  }

  typeOf(source: string): JobType | undefined {
    return this.types.get(source);
  }

  get busy(): number {
    return this.running.size;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.o.store.reclaim(this.o.owner)) {
      this.o.log.warn('job attempt reclaimed', { jobId: job.id, status: job.status, attempts: job.attempts });
      this.emit(job);
    }
    this.wake();
  }

  /** Look for work now (after an enqueue, a finish, or a timer). */
  wake(): void {
    if (!this.started || this.immediate) return;
    if (this.stopping && this.finished.length === 0) return;
    clearTimeout(this.timer);
    // setImmediate, not setTimeout(0): a timer waits at least 1 ms, which would cap a busy queue.
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.tick();
    });
  }

  private excluded(
    now: number,
    claimed: readonly JobRow[],
    ending: readonly Finished[],
  ): { exclude: string[]; reopenAt: number | null } {
    const counts = new Map<string, number>();
    const gone = new Set(ending.map((f) => f.row.id));
    const rows = [...[...this.running.values()].map((x) => x.row).filter((r) => !gone.has(r.id)), ...claimed];
    for (const r of rows) counts.set(r.scraper_name, (counts.get(r.scraper_name) ?? 0) + 1);
    const exclude: string[] = [];
    let reopenAt: number | null = null;
    for (const t of this.types.values()) {
      if ((counts.get(t.source) ?? 0) >= t.concurrency) exclude.push(t.source);
      else if (t.ratePerMinute !== null) {
        const next = (this.lastStart.get(t.source) ?? -Infinity) + 60_000 / t.ratePerMinute;
        if (next > now) {
          exclude.push(t.source);
          reopenAt = reopenAt === null ? next : Math.min(reopenAt, next);
        }
      }
    }
    return { exclude, reopenAt };
  }

  /**
   * One transaction per tick (a group commit): record every attempt that ended since the last tick,
   * then claim jobs for the free capacity. Events go out and attempts start after the commit.
   */
  private tick(): void {
    let reopenAt: number | null = null;
    const ended: Job[] = [];
    const settled: Array<() => void> = [];
    const claimed: JobRow[] = [];
    const batch = this.finished.splice(0);
    try {
      this.o.store.transaction(() => {
        for (const f of batch) {
          ended.push(this.record(f));
          settled.push(f.settle);
        }
        if (this.stopping) return;
        while (this.running.size - batch.length + claimed.length < this.o.capacity) {
          const now = this.now();
          const ex = this.excluded(now, claimed, batch);
          reopenAt = ex.reopenAt;
          const row = this.o.store.claim({
            owner: this.o.owner,
            leaseMs: this.leaseMs(),
            excludeSources: ex.exclude,
          });
          if (!row) break;
          this.lastStart.set(row.scraper_name, now);
          claimed.push(row);
        }
      });
    } catch (error) {
      // Nothing was committed: keep the ended attempts for the next try.
      this.finished.unshift(...batch);
      this.o.log.error('dispatcher tick failed; retrying in 1 s', { error });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.tick(), 1_000);
      return;
    }
    for (const f of batch) this.running.delete(f.row.id);
    for (const job of ended) this.emit(job);
    for (const settle of settled) settle();
    for (const row of claimed) this.launch(row);
    if (this.stopping) return;
    const due = this.o.store.nextDueAt();
    const next = [due, reopenAt].filter((t): t is number => t !== null);
    if (next.length > 0 && this.running.size < this.o.capacity) {
      const wait = Math.max(10, Math.min(...next) - this.now());
      this.timer = setTimeout(() => this.tick(), Math.min(wait, 60_000));
    }
  }

  /** Commit how one attempt ended (inside the tick's transaction). */
  private record(f: Finished): Job {
    const log = this.o.log.child({ jobId: f.row.id, sourceId: f.row.scraper_name });
    if (f.ok) {
      try {
        const job = this.o.store.complete(f.row.id, this.o.owner, f.outcome.result, f.outcome.effect);
        log.info('job finished', { status: job.status, attempts: job.attempts, seconds: job.response_time });
        return job;
      } catch (e) {
        // The effect failed: its savepoint rolled back, the attempt fails like any other error.
        return this.recordFailure(
          f.row,
          isAppError(e) ? e.code : 'INTERNAL',
          e instanceof Error ? e.message : String(e),
          false,
        );
      }
    }
    return this.recordFailure(f.row, f.code, f.message, f.shutdown);
  }

  private recordFailure(row: JobRow, code: ErrorCode, message: string, shutdown: boolean): Job {
    const log = this.o.log.child({ jobId: row.id, sourceId: row.scraper_name });
    if (shutdown && !this.o.store.find(row.id)?.cancel_requested) {
      const job = this.o.store.release(row.id, this.o.owner);
      log.info('job released at shutdown', { attempts: job.attempts });
      return job;
    }
    const job = this.o.store.fail(row.id, this.o.owner, { code, message });
    log.warn('job attempt failed', { code, message, status: job.status, attempts: job.attempts });
    return job;
  }

  private leaseMs(): number {
    let max = 60_000;
    for (const t of this.types.values()) max = Math.max(max, t.timeoutMs);
    return max + 60_000;
  }

  private launch(row: JobRow): void {
    const abort = new AbortController();
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.running.set(row.id, { row, abort, done });
    this.emit(toJob(row));
    void this.execute(row, abort, settle);
  }

  /** Run one attempt; how it ended is queued for the next tick to commit. Never rejects. */
  private async execute(row: JobRow, abort: AbortController, settle: () => void): Promise<void> {
    const type = this.types.get(row.scraper_name);
    try {
      if (!type)
        throw new AppError('INVALID_INPUT', `source "${row.scraper_name}" is not available in this build`);
      const outcome = await type.execute(row, {
        runInWorker: (task, payload, timeoutMs) =>
          this.o.supervisor.run({ jobId: row.id, task, payload, timeoutMs }),
        signal: abort.signal,
        pg: this.o.pg,
        state: this.o.state,
        dataDir: this.o.dataDir,
      });
      this.finished.push({ row, ok: true, outcome, settle });
    } catch (e) {
      const code: ErrorCode = isAppError(e) ? e.code : 'INTERNAL';
      const message = e instanceof Error ? e.message : String(e);
      const shutdown =
        this.stopping && isAppError(e) && (e.details?.reason === 'shutdown' || code === 'CANCELLED');
      this.finished.push({ row, ok: false, code, message, shutdown, settle });
    }
    this.wake();
  }

  /** Cancel a job: a waiting one at once; a running one is told to stop and ends cancelled. */
  cancel(id: string): Job {
    const { job, wasRunning } = this.o.store.cancel(id);
    if (wasRunning) {
      this.running.get(id)?.abort.abort();
      this.o.supervisor.cancel(id);
    }
    this.emit(job);
    return job;
  }

  /** Stop taking jobs; wait for running ones up to `graceMs`, then stop the workers (their jobs go back to the queue). */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
    clearTimeout(timeout);
    await this.o.supervisor.stop(Math.min(graceMs, 2_000));
    await all;
  }

  private emit(job: Job): void {
    this.o.events.emit('job.updated', { job });
  }
}
