import type { Job, JobPriority, JobStatus } from '../../contract';
import type { StateDb } from '../storage/state';
import { toJob, type JobRow } from './job-store';

export interface ListFilter {
  status?: JobStatus;
  scraper?: string;
  ticker?: string;
  limit: number;
  offset: number;
}

export function listJobs(db: StateDb, f: ListFilter): { jobs: Job[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  if (f.status) {
    where.push('status = @status');
    params.status = f.status;
  }
  if (f.scraper) {
    where.push('scraper_name = @scraper');
    params.scraper = f.scraper;
  }
  if (f.ticker) {
    where.push('ticker = @ticker');
    params.ticker = f.ticker;
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db
    .prepare(`SELECT * FROM jobs ${w} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all(params) as JobRow[];
  const { n } = db.prepare(`SELECT count(*) AS n FROM jobs ${w}`).get(params) as { n: number };
  return { jobs: rows.map(toJob), total: n };
}

export interface QueueCounts {
  queue_lengths: Record<JobPriority, number>;
  total_pending: number;
  running: number;
  by_status: Record<JobStatus, number>;
}

export function queueCounts(db: StateDb): QueueCounts {
  const byStatus: Record<JobStatus, number> = {
    pending: 0,
    running: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    retry: 0,
  };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM jobs GROUP BY status').all() as Array<{
    status: JobStatus;
    n: number;
  }>) {
    byStatus[r.status] = r.n;
  }
  const lengths: Record<JobPriority, number> = { high: 0, normal: 0, low: 0 };
  const names: JobPriority[] = ['high', 'normal', 'low'];
  const waiting = db
    .prepare(
      `SELECT priority, count(*) AS n FROM jobs WHERE status IN ('pending', 'retry') GROUP BY priority`,
    )
    .all() as Array<{ priority: number; n: number }>;
  for (const r of waiting) lengths[names[r.priority] ?? 'normal'] = r.n;
  return {
    queue_lengths: lengths,
    total_pending: byStatus.pending + byStatus.retry,
    running: byStatus.running,
    by_status: byStatus,
  };
}

export const PERIODS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  all: null,
} as const;
export type Period = keyof typeof PERIODS;

export interface JobStats {
  total_jobs: number;
  successful_jobs: number;
  failed_jobs: number;
  /** Percentage of finished jobs that succeeded (0–100), 0 when none finished. */
  success_rate: number;
  avg_response_time_seconds: number | null;
  last_execution: string | null;
}

interface StatsRow {
  scraper_name?: string;
  total: number;
  ok: number;
  bad: number;
  avg_rt: number | null;
  last: number | null;
}

const STATS_COLUMNS = `count(*) AS total,
  sum(status = 'completed') AS ok,
  sum(status = 'failed') AS bad,
  avg(CASE WHEN status = 'completed' THEN response_time END) AS avg_rt,
  max(coalesce(completed_at, started_at)) AS last`;

function toStats(r: StatsRow): JobStats {
  const finished = r.ok + r.bad;
  return {
    total_jobs: r.total,
    successful_jobs: r.ok,
    failed_jobs: r.bad,
    success_rate: finished ? Math.round((10_000 * r.ok) / finished) / 100 : 0,
    avg_response_time_seconds: r.avg_rt === null ? null : Math.round(r.avg_rt * 1000) / 1000,
    last_execution: r.last === null ? null : new Date(r.last).toISOString(),
  };
}

function since(period: Period, now: number): number {
  const span = PERIODS[period];
  return span === null ? 0 : now - span;
}

export function statsSummary(db: StateDb, period: Period, now: number): JobStats & { period: Period } {
  const r = db
    .prepare(`SELECT ${STATS_COLUMNS} FROM jobs WHERE created_at >= ?`)
    .get(since(period, now)) as StatsRow;
  return { period, ...toStats({ ...r, ok: r.ok ?? 0, bad: r.bad ?? 0 }) };
}

export function statsByScraper(
  db: StateDb,
  period: Period,
  now: number,
): Array<JobStats & { scraper_name: string }> {
  const rows = db
    .prepare(
      `SELECT scraper_name, ${STATS_COLUMNS} FROM jobs WHERE created_at >= ? GROUP BY scraper_name ORDER BY scraper_name`,
    )
    .all(since(period, now)) as Array<StatsRow & { scraper_name: string }>;
  return rows.map((r) => ({ scraper_name: r.scraper_name, ...toStats(r) }));
}
