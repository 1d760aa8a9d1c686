import { AppError, isAppError, type ErrorCode, type Job } from '../../contract';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import type { WorkerSupervisor } from '../workers/types';
import { toJob, type JobRow, type JobStore } from './job-store';
import type { JobType } from './job-types';

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
  done: Promise<void>;
}

/**
 * Takes jobs from the store in priority order while there is capacity, respecting each source's
 * concurrency and rate, runs them (through worker processes) and records how each attempt ended.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
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
    if (!this.started || this.stopping || this.immediate) return;
    clearTimeout(this.timer);
    // setImmediate, not setTimeout(0): a timer waits at least 1 ms, which would cap a busy queue.
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.tick();
    });
  }

  private excluded(now: number): { exclude: string[]; reopenAt: number | null } {
    const counts = new Map<string, number>();
    for (const r of this.running.values())
      counts.set(r.row.scraper_name, (counts.get(r.row.scraper_name) ?? 0) + 1);
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

  private tick(): void {
    if (this.stopping) return;
    let reopenAt: number | null = null;
    while (this.running.size < this.o.capacity) {
      const now = this.now();
      const ex = this.excluded(now);
      reopenAt = ex.reopenAt;
      const row = this.o.store.claim({
        owner: this.o.owner,
        leaseMs: this.leaseMs(),
        excludeSources: ex.exclude,
      });
      if (!row) break;
      this.lastStart.set(row.scraper_name, now);
      this.launch(row);
    }
    const due = this.o.store.nextDueAt();
    const next = [due, reopenAt].filter((t): t is number => t !== null);
    if (next.length > 0 && this.running.size < this.o.capacity) {
      const wait = Math.max(10, Math.min(...next) - this.now());
      this.timer = setTimeout(() => this.tick(), Math.min(wait, 60_000));
    }
  }

  private leaseMs(): number {
    let max = 60_000;
    for (const t of this.types.values()) max = Math.max(max, t.timeoutMs);
    return max + 60_000;
  }

  private launch(row: JobRow): void {
    const abort = new AbortController();
    const entry: Running = { row, abort, done: Promise.resolve() };
    this.running.set(row.id, entry);
    this.emit(toJob(row));
    entry.done = this.execute(row, abort).finally(() => {
      this.running.delete(row.id);
      this.wake();
    });
  }

  private async execute(row: JobRow, abort: AbortController): Promise<void> {
    const type = this.types.get(row.scraper_name);
    const log = this.o.log.child({ jobId: row.id, sourceId: row.scraper_name });
    let job: Job;
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
      job = this.o.store.complete(row.id, this.o.owner, outcome.result, outcome.effect);
      log.info('job finished', { status: job.status, attempts: job.attempts, seconds: job.response_time });
    } catch (e) {
      const code: ErrorCode = isAppError(e) ? e.code : 'INTERNAL';
      const message = e instanceof Error ? e.message : String(e);
      if (
        this.stopping &&
        isAppError(e) &&
        (e.details?.reason === 'shutdown' || code === 'CANCELLED') &&
        !this.o.store.find(row.id)?.cancel_requested
      ) {
        job = this.o.store.release(row.id, this.o.owner);
        log.info('job released at shutdown', { attempts: job.attempts });
      } else {
        job = this.o.store.fail(row.id, this.o.owner, { code, message });
        log.warn('job attempt failed', { code, message, status: job.status, attempts: job.attempts });
      }
    }
    this.emit(job);
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
    if (this.immediate) clearImmediate(this.immediate);
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
