import { AppError, type Job, type JobPriority, type JobStatus } from '../../contract';
import type { EventBus } from '../events/bus';
import type { WorkerSupervisor } from '../workers/types';
import { listJobs, queueCounts, statsByScraper, statsSummary, type Period } from './job-queries';
import type { JobStore, NewJob } from './job-store';
import type { JobType } from './job-types';
import type { JobRunner } from './runner';
import { resolveSourceId, SOURCE_CATALOGUE } from './source-catalogue';
import type { StateDb } from '../storage/state';
import type { PgJobService } from './pg-queue';

/** The job queue the API sees: SQLite's (desktop, `b3ai serve`) or PostgreSQL's (server mode, async). */
export type JobQueue = JobService | PgJobService;

export interface CreateJob {
  scraper_name: string;
  ticker?: string | null | undefined;
  query?: string | null | undefined;
  priority: JobPriority;
  max_retries: number;
  metadata: Record<string, unknown>;
}

/** Our source id for a name or alias that this build can run; a typed error says why not. */
export function resolveRunnable(types: ReadonlyMap<string, JobType>, name: string): string {
  const id = resolveSourceId(name);
  if (!id) {
    const known = SOURCE_CATALOGUE.map((e) => e.id).join(', ');
    throw new AppError('INVALID_INPUT', `scraper_name: unknown source "${name}"; known sources: ${known}`, {
      fields: ['scraper_name'],
    });
  }
  if (!types.has(id)) {
    throw new AppError(
      'INVALID_INPUT',
      `scraper_name: source "${id}" is known but not available in this build yet`,
      {
        fields: ['scraper_name'],
        source: id,
      },
    );
  }
  return id;
}

/**
 * The jobs to queue, checked (source runnable in this build, ticker/query valid for its type); a
 * refused one of several is named by its index. Shared by the SQLite and the PostgreSQL queue.
 */
export function newJobsOf(types: ReadonlyMap<string, JobType>, inputs: readonly CreateJob[]): NewJob[] {
  const one = (input: CreateJob): NewJob => {
    const source = resolveRunnable(types, input.scraper_name);
    types.get(source)?.validate({ ticker: input.ticker ?? null, query: input.query ?? null });
    return {
      scraperName: source,
      ticker: input.ticker ?? null,
      query: input.query ?? null,
      priority: input.priority,
      maxRetries: input.max_retries,
      metadata: input.metadata,
    };
  };
  return inputs.map((input, i) => {
    try {
      return one(input);
    } catch (e) {
      if (inputs.length === 1 || !(e instanceof AppError)) throw e;
      const own = (e.details?.fields as string[] | undefined) ?? [];
      const fields = own.map((f) => `jobs.${i}.${f}`);
      // "scraper_name: …" becomes "jobs.1.scraper_name: …", so the message names the field as zod does.
      const first = own[0];
      const message =
        first && e.message.startsWith(`${first}: `) ? `jobs.${i}.${e.message}` : `jobs.${i}: ${e.message}`;
      throw new AppError(e.code, message, { ...e.details, fields });
    }
  });
}

/** What the API's job methods do, over the store, the runner and the workers. */
export class JobService {
  private readonly types: Map<string, JobType>;

  /**
   * Without a runner (one-shot CLI commands) jobs are queued and listed, and run when the serving
   * process (`b3ai serve` or the desktop app) starts.
   */
  constructor(
    private readonly db: StateDb,
    private readonly store: JobStore,
    types: readonly JobType[],
    private readonly runner: JobRunner | null,
    private readonly supervisor: WorkerSupervisor | null,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.types = new Map(types.map((t) => [t.source, t]));
  }

  /** Whether jobs run in this process now (a serving process), not only queue. */
  get runs(): boolean {
    return this.runner !== null;
  }

  /** Our source id for a name or alias that this build can run; a typed error says why not. */
  resolveRunnable(name: string): string {
    return resolveRunnable(this.types, name);
  }

  create(input: CreateJob): Job {
    return this.createBatch([input])[0]!;
  }

  /** Queue all the jobs in one transaction; a refused one (named by its index) queues none. */
  createBatch(inputs: readonly CreateJob[]): Job[] {
    const news = newJobsOf(this.types, inputs);
    const jobs = this.store.transaction(() => news.map((j) => this.store.enqueue(j)));
    for (const job of jobs) this.events.emit('job.updated', { job });
    this.runner?.wake();
    return jobs;
  }

  /**
   * A job queued by a schedule firing (the source is already known to be available). When the same
   * fetch (source, ticker, query) still waits from an earlier firing — offline, or a slow source — no
   * second one is queued: the queue holds at most one waiting job per scheduled fetch.
   */
  enqueueScheduled(j: {
    source: string;
    ticker: string | null;
    query?: string | null;
    priority: JobPriority;
    scheduleId: string;
  }): Job | null {
    if (this.store.findWaiting(j.source, j.ticker, j.query ?? null)) return null;
    const job = this.store.enqueue({
      scraperName: j.source,
      ticker: j.ticker,
      query: j.query ?? null,
      priority: j.priority,
      metadata: { schedule: j.scheduleId },
    });
    this.events.emit('job.updated', { job });
    this.runner?.wake();
    return job;
  }

  get(id: string): Job {
    return this.store.get(id);
  }

  list(f: { status?: JobStatus; scraper?: string; ticker?: string; limit: number; offset: number }) {
    const scraper = f.scraper ? (resolveSourceId(f.scraper) ?? f.scraper) : undefined;
    return {
      ...listJobs(this.db, { ...f, ...(scraper ? { scraper } : {}) }),
      limit: f.limit,
      offset: f.offset,
    };
  }

  cancel(id: string): Job {
    if (this.runner) return this.runner.cancel(id);
    const { job } = this.store.cancel(id);
    this.events.emit('job.updated', { job });
    return job;
  }

  retry(id: string): Job {
    const job = this.store.retry(id);
    this.events.emit('job.updated', { job });
    this.runner?.wake();
    return job;
  }

  queueStatus() {
    const workers = this.supervisor?.workers() ?? [];
    return {
      ...queueCounts(this.db),
      workers: {
        total: workers.length,
        busy: workers.filter((w) => w.state === 'busy').length,
        // A slot with no process (`off`) is free too: a process starts when work comes.
        idle: workers.filter((w) => w.state === 'idle' || w.state === 'off').length,
        restarting: workers.filter((w) => w.state === 'restarting' || w.state === 'starting').length,
        processes: workers.map((w) => ({
          id: w.id,
          pid: w.pid,
          state: w.state,
          job_id: w.jobId,
          restarts: w.restarts,
          last_exit: w.lastExit,
        })),
      },
    };
  }

  statsSummary(period: Period) {
    return statsSummary(this.db, period, this.now());
  }

  statsByScraper(period: Period) {
    return { period, scrapers: statsByScraper(this.db, period, this.now()) };
  }
}
