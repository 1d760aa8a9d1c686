import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { AppError, type ErrorCode, type Job, type JobPriority, type JobStatus } from '../../contract';
import type { EventBus } from '../events/bus';
import type { Pg } from '../storage/pg';
import type { WorkerInfo } from '../workers/types';
import { PERIODS, type JobStats, type Period, type QueueCounts } from './job-queries';
import { newJobsOf, resolveRunnable, type CreateJob } from './job-service';
import type { JobRow } from './job-store';
import type { JobType } from './job-types';
import { resolveSourceId } from './source-catalogue';

/**
 * The job queue on PostgreSQL (server mode), through pg-boss 10: one pg-boss queue per source
 * (`b3ai-<source>`), our priorities as pg-boss priorities, our retries as its retry limit with
 * exponential backoff, an attempt's timeout as its expiry (a worker killed mid-job: the job expires
 * and is retried by any worker). The API's shapes (Job, queue status, stats) are the SQLite
 * queue's; they are read from pg-boss's tables (`pgboss.job` and `pgboss.archive`).
 */
export const BOSS_SCHEMA = 'pgboss';
export const queueName = (source: string): string => `b3ai-${source}`;
const PRIORITY: Record<JobPriority, number> = { high: 2, normal: 1, low: 0 };
const PRIORITY_NAME: JobPriority[] = ['low', 'normal', 'high'];
/** Seconds an attempt may run past its type's timeout before the job counts as lost (its worker died). */
export const EXPIRY_GRACE_S = 5;

const STATUS: Record<string, JobStatus> = {
  created: 'pending',
  retry: 'retry',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

export interface JobData {
  scraper_name: string;
  ticker: string | null;
  query: string | null;
  priority: JobPriority;
  metadata: Record<string, unknown>;
}

export interface BossRow {
  id: string;
  name: string;
  priority: number;
  data: JobData;
  state: string;
  retry_limit: number;
  retry_count: number;
  start_after: Date | null;
  started_on: Date | null;
  created_on: Date;
  completed_on: Date | null;
  output: {
    result?: unknown;
    error?: { code: string; message: string };
    value?: { message?: string };
  } | null;
}

export const BOSS_COLUMNS = `id::text AS id, name, priority, data, state::text AS state, retry_limit, retry_count,
  start_after, started_on, created_on, completed_on, output`;
/** Our jobs, live and archived (pg-boss moves finished jobs to its archive after a while). */
const ALL_JOBS = `(SELECT ${BOSS_COLUMNS} FROM ${BOSS_SCHEMA}.job WHERE name LIKE 'b3ai-%'
  UNION ALL SELECT ${BOSS_COLUMNS} FROM ${BOSS_SCHEMA}.archive WHERE name LIKE 'b3ai-%') j`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function bossToJob(r: BossRow): Job {
  const status = STATUS[r.state] ?? 'pending';
  const ran = status === 'running' || status === 'completed' || status === 'failed';
  const out = r.output ?? null;
  const error =
    status === 'failed' || status === 'retry'
      ? out?.error
        ? { code: out.error.code as ErrorCode, message: out.error.message }
        : {
            // pg-boss's own failure: the attempt outlived its expiry (its worker died or hung).
            code: 'WORKER_CRASHED' as ErrorCode,
            message: out?.value?.message ?? 'the attempt was lost (its worker stopped)',
          }
      : null;
  return {
    id: r.id,
    scraper_name: r.data.scraper_name,
    ticker: r.data.ticker,
    query: r.data.query,
    priority: r.data.priority ?? PRIORITY_NAME[r.priority] ?? 'normal',
    status,
    created_at: r.created_on.toISOString(),
    started_at: iso(r.started_on),
    completed_at: TERMINAL.has(status) ? iso(r.completed_on) : null,
    attempts: r.retry_count + (ran ? 1 : 0),
    max_retries: r.retry_limit,
    next_run_at: status === 'pending' || status === 'retry' ? iso(r.start_after) : null,
    response_time:
      status === 'completed' && r.started_on && r.completed_on
        ? (r.completed_on.getTime() - r.started_on.getTime()) / 1000
        : null,
    error,
    metadata: r.data.metadata ?? {},
    result: status === 'completed' ? (out?.result ?? null) : null,
  };
}
const TERMINAL = new Set<JobStatus>(['completed', 'failed', 'cancelled']);

/** The row a job type's `execute` gets, from a pg-boss job. */
export function rowOfBoss(r: BossRow): JobRow {
  return {
    seq: 0,
    id: r.id,
    scraper_name: r.data.scraper_name,
    ticker: r.data.ticker,
    query: r.data.query,
    priority: ['high', 'normal', 'low'].indexOf(r.data.priority),
    status: 'running',
    created_at: r.created_on.getTime(),
    started_at: r.started_on?.getTime() ?? null,
    completed_at: null,
    attempts: r.retry_count + 1,
    max_retries: r.retry_limit,
    next_run_at: null,
    lease_owner: null,
    lease_expires_at: null,
    cancel_requested: 0,
    response_time: null,
    error_code: null,
    error_message: null,
    metadata: JSON.stringify(r.data.metadata ?? {}),
    result: null,
  };
}

/** A pg-boss instance on the database, its schema installed, one queue per job type. */
export async function startBoss(
  url: string,
  types: readonly JobType[],
  opts: Partial<PgBoss.ConstructorOptions> = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    application_name: 'b3ai-queue',
    max: 4,
    // Jobs stay in pgboss.job a week (the Jobs view and the stats read them), then the archive.
    archiveCompletedAfterSeconds: 7 * 86_400,
    archiveFailedAfterSeconds: 7 * 86_400,
    deleteAfterDays: 30,
    ...opts,
  });
  boss.on('error', () => undefined);
  await boss.start();
  for (const t of types) {
    const name = queueName(t.source);
    if (!(await boss.getQueue(name)))
      await boss.createQueue(name, { name, policy: 'standard' }).catch(() => undefined);
  }
  return boss;
}

/** The API's job methods over pg-boss (the same shapes as JobService; every method is async). */
export class PgJobService {
  private readonly types: Map<string, JobType>;
  constructor(
    private readonly boss: PgBoss,
    private readonly pg: Pg,
    types: readonly JobType[],
    private readonly events: EventBus,
    /** The worker pool of this process, if it runs jobs; null for a server whose workers are elsewhere. */
    private readonly local: { runs: boolean; workers: () => readonly WorkerInfo[] } | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.types = new Map(types.map((t) => [t.source, t]));
  }

  get runs(): boolean {
    return this.local?.runs ?? false;
  }

  resolveRunnable(name: string): string {
    return resolveRunnable(this.types, name);
  }

  async create(input: CreateJob): Promise<Job> {
    return (await this.createBatch([input]))[0]!;
  }

  /** All the jobs in one insert (one statement: all or none). */
  async createBatch(inputs: readonly CreateJob[]): Promise<Job[]> {
    const news = newJobsOf(this.types, inputs);
    const rows: PgBoss.JobInsert[] = news.map((j) => {
      const type = this.types.get(j.scraperName)!;
      return {
        id: randomUUID(),
        name: queueName(j.scraperName),
        priority: PRIORITY[j.priority ?? 'normal'],
        data: {
          scraper_name: j.scraperName,
          ticker: j.ticker ?? null,
          query: j.query ?? null,
          priority: j.priority ?? 'normal',
          metadata: j.metadata ?? {},
        } satisfies JobData,
        retryLimit: j.maxRetries ?? 3,
        retryDelay: 2,
        retryBackoff: true,
        expireInSeconds: Math.ceil(type.timeoutMs / 1000) + EXPIRY_GRACE_S,
      };
    });
    await this.boss.insert(rows);
    const jobs = await this.byIds(rows.map((r) => r.id!));
    for (const job of jobs) this.events.emit('job.updated', { job });
    return jobs;
  }

  async enqueueScheduled(j: {
    source: string;
    ticker: string | null;
    query?: string | null;
    priority: JobPriority;
    scheduleId: string;
  }): Promise<Job> {
    return this.create({
      scraper_name: j.source,
      ticker: j.ticker,
      query: j.query ?? null,
      priority: j.priority,
      max_retries: 3,
      metadata: { schedule: j.scheduleId },
    });
  }

  private async byIds(ids: string[]): Promise<Job[]> {
    const r = await this.pg.query<BossRow>(`SELECT * FROM ${ALL_JOBS} WHERE id = ANY($1::text[])`, [ids]);
    const by = new Map(r.rows.map((x) => [x.id, bossToJob(x)]));
    return ids.map((id) => by.get(id)).filter((j): j is Job => j !== undefined);
  }

  private async row(id: string): Promise<BossRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new AppError('NOT_FOUND', `no job with id ${id.slice(0, 64)}`, { id });
    const r = await this.pg.query<BossRow>(`SELECT * FROM ${ALL_JOBS} WHERE id = $1`, [id]);
    const row = r.rows[0];
    if (!row) throw new AppError('NOT_FOUND', `no job with id ${id}`, { id });
    return row;
  }

  async get(id: string): Promise<Job> {
    return bossToJob(await this.row(id));
  }

  async list(f: { status?: JobStatus; scraper?: string; ticker?: string; limit: number; offset: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status) {
      const states = Object.entries(STATUS)
        .filter(([, s]) => s === f.status)
        .map(([k]) => k);
      params.push(states);
      where.push(`state = ANY($${params.length}::text[])`);
    }
    if (f.scraper) {
      params.push(queueName(resolveSourceId(f.scraper) ?? f.scraper));
      where.push(`name = $${params.length}`);
    }
    if (f.ticker) {
      params.push(f.ticker);
      where.push(`data->>'ticker' = $${params.length}`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${ALL_JOBS} ${w}`,
      params,
    );
    const rows = await this.pg.query<BossRow>(
      `SELECT * FROM ${ALL_JOBS} ${w} ORDER BY created_on DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { jobs: rows.rows.map(bossToJob), total: total.rows[0]?.n ?? 0, limit: f.limit, offset: f.offset };
  }

  /** A waiting job ends cancelled; a running one too, and its worker stops the attempt (it polls). */
  async cancel(id: string): Promise<Job> {
    const row = await this.row(id);
    const status = STATUS[row.state];
    if (status === 'completed' || status === 'failed' || status === 'cancelled')
      throw new AppError('CONFLICT', `job ${id} is already ${status}`, { id, status });
    await this.boss.cancel(row.name, id);
    const job = await this.get(id);
    this.events.emit('job.updated', { job });
    return job;
  }

  /** Run a failed or cancelled job again. */
  async retry(id: string): Promise<Job> {
    const row = await this.row(id);
    const status = STATUS[row.state] ?? 'pending';
    if (status !== 'failed' && status !== 'cancelled')
      throw new AppError('CONFLICT', `job ${id} is ${status}; only failed or cancelled jobs can be retried`, {
        id,
        status,
      });
    if (status === 'failed') await this.boss.retry(row.name, id);
    else await this.boss.resume(row.name, id);
    const job = await this.get(id);
    this.events.emit('job.updated', { job });
    return job;
  }

  async queueStatus() {
    const by: Record<JobStatus, number> = {
      pending: 0,
      running: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      retry: 0,
    };
    const lengths: Record<JobPriority, number> = { high: 0, normal: 0, low: 0 };
    const r = await this.pg.query<{ state: string; priority: number; n: number }>(
      `SELECT state::text AS state, priority, count(*)::int AS n FROM ${ALL_JOBS} GROUP BY 1, 2`,
    );
    for (const x of r.rows) {
      const s = STATUS[x.state] ?? 'pending';
      by[s] += x.n;
      if (s === 'pending' || s === 'retry') lengths[PRIORITY_NAME[x.priority] ?? 'normal'] += x.n;
    }
    const counts: QueueCounts = {
      queue_lengths: lengths,
      total_pending: by.pending + by.retry,
      running: by.running,
      by_status: by,
    };
    const workers = this.local?.workers() ?? [];
    return {
      ...counts,
      workers: {
        total: workers.length,
        busy: workers.filter((w) => w.state === 'busy').length,
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

  private async stats(period: Period, byScraper: boolean) {
    const span = PERIODS[period];
    const since = new Date(span === null ? 0 : this.now() - span);
    const r = await this.pg.query<{
      name: string;
      total: number;
      ok: number;
      bad: number;
      avg_rt: number | null;
      last: Date | null;
    }>(
      `SELECT ${byScraper ? 'name' : "'' AS name"}, count(*)::int AS total,
         count(*) FILTER (WHERE state = 'completed')::int AS ok,
         count(*) FILTER (WHERE state = 'failed')::int AS bad,
         avg(extract(epoch FROM completed_on - started_on)) FILTER (WHERE state = 'completed')::float8 AS avg_rt,
         max(coalesce(completed_on, started_on)) AS last
       FROM ${ALL_JOBS} WHERE created_on >= $1 ${byScraper ? 'GROUP BY name ORDER BY name' : ''}`,
      [since],
    );
    return r.rows.map((x) => {
      const finished = x.ok + x.bad;
      const s: JobStats = {
        total_jobs: x.total,
        successful_jobs: x.ok,
        failed_jobs: x.bad,
        success_rate: finished ? Math.round((10_000 * x.ok) / finished) / 100 : 0,
        avg_response_time_seconds: x.avg_rt === null ? null : Math.round(x.avg_rt * 1000) / 1000,
        last_execution: x.last ? x.last.toISOString() : null,
      };
      return { scraper_name: x.name.replace(/^b3ai-/, ''), ...s };
    });
  }

  async statsSummary(period: Period) {
    const [s] = await this.stats(period, false);
    const { scraper_name: _, ...rest } = s!;
    return { period, ...rest };
  }

  async statsByScraper(period: Period) {
    return { period, scrapers: await this.stats(period, true) };
  }
}
