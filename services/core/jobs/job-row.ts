// A job as its SQLite row, and as the API shows it.
import type { ErrorCode, Job, JobPriority, JobStatus } from '../../contract';

const PRIORITY_NAME: JobPriority[] = ['high', 'normal', 'low'];

export interface JobRow {
  seq: number;
  id: string;
  scraper_name: string;
  ticker: string | null;
  query: string | null;
  priority: number;
  status: JobStatus;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  attempts: number;
  max_retries: number;
  next_run_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  cancel_requested: number;
  response_time: number | null;
  error_code: string | null;
  error_message: string | null;
  metadata: string;
  result: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Every column of a job row, in JobRow's order (statements that return rows as arrays use it). */
export const JOB_COLUMNS = `seq, id, scraper_name, ticker, query, priority, status, created_at, started_at, completed_at,
  attempts, max_retries, next_run_at, lease_owner, lease_expires_at, cancel_requested, response_time, error_code,
  error_message, metadata, result`;

/**
 * A row read as an array (`Statement.raw()`), as a JobRow: one object literal, cheaper than the
 * object better-sqlite3 builds key by key, on the claim and completion paths every job takes.
 */
export function rowOf(a: unknown[]): JobRow {
  return {
    seq: a[0] as number,
    id: a[1] as string,
    scraper_name: a[2] as string,
    ticker: a[3] as string | null,
    query: a[4] as string | null,
    priority: a[5] as number,
    status: a[6] as JobStatus,
    created_at: a[7] as number,
    started_at: a[8] as number | null,
    completed_at: a[9] as number | null,
    attempts: a[10] as number,
    max_retries: a[11] as number,
    next_run_at: a[12] as number | null,
    lease_owner: a[13] as string | null,
    lease_expires_at: a[14] as number | null,
    cancel_requested: a[15] as number,
    response_time: a[16] as number | null,
    error_code: a[17] as string | null,
    error_message: a[18] as string | null,
    metadata: a[19] as string,
    result: a[20] as string | null,
  };
}

export function toJob(r: JobRow): Job {
  return {
    id: r.id,
    scraper_name: r.scraper_name,
    ticker: r.ticker,
    query: r.query,
    priority: PRIORITY_NAME[r.priority] ?? 'normal',
    status: r.status,
    created_at: iso(r.created_at) ?? '',
    started_at: iso(r.started_at),
    completed_at: iso(r.completed_at),
    attempts: r.attempts,
    max_retries: r.max_retries,
    next_run_at: iso(r.next_run_at),
    response_time: r.response_time,
    error: r.error_code ? { code: r.error_code as ErrorCode, message: r.error_message ?? '' } : null,
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
  };
}

/** The row of a job that has just completed, from the row it ran as (a literal: no spread). */
export function completedRow(r: JobRow, now: number, responseTime: number, resultJson: string): JobRow {
  return {
    seq: r.seq,
    id: r.id,
    scraper_name: r.scraper_name,
    ticker: r.ticker,
    query: r.query,
    priority: r.priority,
    status: 'completed',
    created_at: r.created_at,
    started_at: r.started_at,
    completed_at: now,
    attempts: r.attempts,
    max_retries: r.max_retries,
    next_run_at: null,
    lease_owner: null,
    lease_expires_at: null,
    cancel_requested: r.cancel_requested,
    response_time: responseTime,
    error_code: null,
    error_message: null,
    metadata: r.metadata,
    result: resultJson,
  };
}
