import { AppError, isAppError, type ErrorCode, type Job } from '../../contract';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import { LazyAbort } from '../workers/lazy-abort';
import type { WorkerSupervisor } from '../workers/types';
import { toJob, type JobRow, type JobStore } from './job-store';
import type { JobOutcome, JobType } from './job-types';
import { networkFailureCode } from '../sources/network-codes';

/** What the runner needs of the offline detector (services/core/sources/network-monitor.ts). */
export interface NetworkGate {
  readonly offline: boolean;
  /** Epoch ms of the next probe while offline. */
  readonly nextProbe: number | null;
}

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
  /** Jobs running at once, over all sources (the worker pool's capacity). */
  capacity: number;
  /**
   * Jobs of `lookahead` types claimed beyond `capacity` (and beyond each such source's concurrency),
   * waiting in the worker pool's queue, which keeps the limits: the next
   * attempt starts the moment one ends, and the ends and claims of several share one commit.
   */
  lookahead?: number;
  /** While offline, jobs of `network` types are not claimed and their network failures not counted. */
  network?: NetworkGate;
  now?: () => number;
}

interface Running {
  row: JobRow;
  abort: LazyAbort;
}

/** An attempt that has ended, waiting for the next tick to commit it. */
type Finished =
  | { row: JobRow; ok: true; outcome: JobOutcome }
  | { row: JobRow; ok: false; code: ErrorCode; message: string; shutdown: boolean };

/**
 * Takes jobs from the store in priority order while there is capacity, respecting each source's
 * concurrency and rate, runs them (through worker processes) and records how each attempt ended.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly finished: Finished[] = [];
  /** Attempts launched by a tick whose transaction failed (their claim never happened). */
  private readonly voided = new Set<string>();
  /** stop() waiting for the running attempts' ends to be committed. */
  private readonly drainWaiters: Array<() => void> = [];
  private readonly lastStart = new Map<string, number>();
  private readonly types: Map<string, JobType>;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private stopping = false;
  private started = false;
  private readonly now: () => number;
  /** Jobs claimed beyond the free slots (lookahead types only), and all claimed at most. */
  private readonly ahead: number;
  private readonly maxClaimed: number;

  constructor(private readonly o: RunnerOptions) {
    this.types = new Map(o.types.map((t) => [t.source, t]));
    this.now = o.now ?? Date.now;
    this.ahead = o.lookahead ?? 0;
    this.maxClaimed = o.capacity + this.ahead;
  }

  /** The network is back (a probe got through): take the waiting fetches now. */
  resume(): void {
    this.wake();
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

  /**
   * Which sources may not start a job now (at their concurrency or rate limit), and how many jobs may
   * be claimed in one statement: all `free` when no source that may start could pass its own limit
   * with them (no rate limit, and room for all), else one at a time.
   */
  private limits(
    now: number,
    claimed: readonly JobRow[],
    ending: readonly Finished[],
    free: number,
  ): { exclude: string[]; reopenAt: number | null; batch: number } {
    const counts = new Map<string, number>();
    const gone = new Set<string>();
    for (const f of ending) gone.add(f.row.id);
    for (const x of this.running.values())
      if (!gone.has(x.row.id)) counts.set(x.row.scraper_name, (counts.get(x.row.scraper_name) ?? 0) + 1);
    for (const r of claimed) counts.set(r.scraper_name, (counts.get(r.scraper_name) ?? 0) + 1);
    const exclude: string[] = [];
    let reopenAt: number | null = null;
    let batch = free;
    const ahead = this.ahead;
    const offline = this.o.network?.offline === true;
    // Slots free now; only jobs of lookahead types may be claimed beyond them.
    const room = this.o.capacity - (this.running.size - gone.size + claimed.length);
    for (const t of this.types.values()) {
      // Offline: the jobs that fetch wait as a group, at their own priority, until a probe gets through.
      if (offline && t.network) {
        exclude.push(t.source);
        continue;
      }
      const n = counts.get(t.source) ?? 0;
      const aheadOk = ahead > 0 && t.lookahead === true && t.ratePerMinute === null;
      // Claimed at most: its concurrency, plus `lookahead` waiting when it may be claimed ahead.
      const cap = aheadOk ? t.concurrency + ahead : t.concurrency;
      if (n >= cap || (!aheadOk && room <= 0)) exclude.push(t.source);
      else if (t.ratePerMinute !== null) {
        const next = (this.lastStart.get(t.source) ?? -Infinity) + 60_000 / t.ratePerMinute;
        if (next > now) {
          exclude.push(t.source);
          reopenAt = reopenAt === null ? next : Math.min(reopenAt, next);
        } else batch = 1;
      } else if (cap - n < free || (!aheadOk && room < free)) batch = 1;
    }
    return { exclude, reopenAt, batch };
  }

  /**
   * One transaction per tick (a group commit): record every attempt that ended since the last tick,
   * then claim jobs for the free capacity and hand them to the workers (just before the commit, so
   * they start while it is written). Events go out after the commit.
   */
  private tick(): void {
    let reopenAt: number | null = null;
    const ended: Job[] = [];
    const claimed: JobRow[] = [];
    const batch = this.finished.splice(0);
    try {
      this.o.store.transaction(() => {
        // Plain completions (no effect) in one statement; the others one by one.
        const plain = batch.flatMap((f) =>
          f.ok && !f.outcome.effect ? [{ row: f.row, result: f.outcome.result }] : [],
        );
        const completed = plain.length > 1 ? this.o.store.completeMany(this.o.owner, plain) : null;
        for (const f of batch) {
          const job = completed?.get(f.row.id);
          if (job) this.finishedLog(job);
          ended.push(job ?? this.record(f));
        }
        if (this.stopping) return;
        for (;;) {
          const free = this.maxClaimed - (this.running.size - batch.length + claimed.length);
          if (free <= 0) break;
          const now = this.now();
          const lim = this.limits(now, claimed, batch, free);
          reopenAt = lim.reopenAt;
          const rows = this.o.store.claimMany(
            { owner: this.o.owner, leaseMs: this.leaseMs(), excludeSources: lim.exclude },
            lim.batch,
          );
          for (const row of rows) {
            this.lastStart.set(row.scraper_name, now);
            claimed.push(row);
          }
          if (rows.length < lim.batch) break;
        }
        // The new attempts go to the workers before the commit, which then overlaps their start
        // (one batch per process). Safe if the commit fails: every end is fenced by the lease the
        // claim took, so an attempt whose claim rolled back is voided below and can commit nothing.
        for (const row of claimed) this.launch(row);
        this.o.supervisor.flush();
      });
    } catch (error) {
      // Nothing was committed: void what was launched, keep the ended attempts for the next try.
      for (const row of claimed) this.voidAttempt(row.id);
      this.finished.unshift(...batch);
      this.o.log.error('dispatcher tick failed; retrying in 1 s', { error });
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.tick(), 1_000);
      return;
    }
    for (const f of batch) this.running.delete(f.row.id);
    for (const job of ended) this.emit(job);
    if (this.running.size === 0) for (const drained of this.drainWaiters.splice(0)) drained();
    for (const row of claimed) this.emit(toJob(row));
    if (this.stopping || this.running.size >= this.maxClaimed) return;
    let due = this.o.store.nextDueAt();
    // Offline, a due job that was not claimed is a fetch waiting for the network: the probe wakes it.
    if (this.o.network?.offline && due !== null && due <= this.now()) due = this.o.network.nextProbe;
    const next = [due, reopenAt].filter((t): t is number => t !== null);
    if (next.length > 0) {
      const wait = Math.max(10, Math.min(...next) - this.now());
      this.timer = setTimeout(() => this.tick(), Math.min(wait, 60_000));
    }
  }

  /** Commit how one attempt ended (inside the tick's transaction). */
  private record(f: Finished): Job {
    if (f.ok) {
      try {
        const job = this.o.store.complete(f.row.id, this.o.owner, f.outcome.result, f.outcome.effect, f.row);
        this.finishedLog(job);
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

  private finishedLog(job: Job): void {
    this.o.log.info('job finished', {
      jobId: job.id,
      sourceId: job.scraper_name,
      status: job.status,
      attempts: job.attempts,
      seconds: job.response_time,
    });
  }

  private recordFailure(row: JobRow, code: ErrorCode, message: string, shutdown: boolean): Job {
    const log = this.o.log.child({ jobId: row.id, sourceId: row.scraper_name });
    if (shutdown && !this.o.store.find(row.id)?.cancel_requested) {
      const job = this.o.store.release(row.id, this.o.owner);
      log.info('job released at shutdown', { attempts: job.attempts });
      return job;
    }
    // The network went down under it: back to the queue as it was (attempt not counted), to run
    // once a probe gets through, instead of one more retry.
    if (
      this.o.network?.offline &&
      this.types.get(row.scraper_name)?.network &&
      networkFailureCode(new AppError(code, message)) !== null &&
      !this.o.store.find(row.id)?.cancel_requested
    ) {
      const job = this.o.store.releaseOffline(row.id, this.o.owner, { code, message });
      log.info('job waits for the network', { code, attempts: job.attempts });
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

  /** An attempt launched by a tick whose transaction then failed: stopped, and its end ignored. */
  private voidAttempt(id: string): void {
    const run = this.running.get(id);
    if (!run) return;
    this.running.delete(id);
    this.voided.add(id);
    run.abort.abort();
    this.o.supervisor.cancel(id);
  }

  /** Start an attempt just claimed (its `running` event is the caller's to send). */
  private launch(row: JobRow): void {
    const abort = new LazyAbort();
    this.running.set(row.id, { row, abort });
    void this.execute(row, abort);
  }

  /** Run one attempt; how it ended is queued for the next tick to commit. Never rejects. */
  private async execute(row: JobRow, abort: LazyAbort): Promise<void> {
    const type = this.types.get(row.scraper_name);
    try {
      if (!type)
        throw new AppError('INVALID_INPUT', `source "${row.scraper_name}" is not available in this build`);
      const outcome = await type.execute(row, {
        runInWorker: (task, payload, timeoutMs) =>
          this.o.supervisor.run({
            jobId: row.id,
            task,
            payload,
            timeoutMs,
            // Read at each call: a reload may have changed the source's concurrency.
            group: { key: row.scraper_name, limit: type.concurrency },
          }),
        get signal() {
          return abort.signal;
        },
        pg: this.o.pg,
        state: this.o.state,
        dataDir: this.o.dataDir,
      });
      if (this.voided.delete(row.id)) return;
      this.finished.push({ row, ok: true, outcome });
    } catch (e) {
      if (this.voided.delete(row.id)) return;
      const code: ErrorCode = isAppError(e) ? e.code : 'INTERNAL';
      const message = e instanceof Error ? e.message : String(e);
      const shutdown =
        this.stopping && isAppError(e) && (e.details?.reason === 'shutdown' || code === 'CANCELLED');
      this.finished.push({ row, ok: false, code, message, shutdown });
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
    // Every attempt running now has its end committed (no new one starts once stopping).
    const all =
      this.running.size === 0 ? Promise.resolve() : new Promise<void>((r) => this.drainWaiters.push(r));
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
