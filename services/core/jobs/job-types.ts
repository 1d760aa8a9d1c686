import { mkdirSync } from 'node:fs';
import type { Transaction } from '@electric-sql/pglite';
import { join } from 'node:path';
import { AppError } from '../../contract';
import { importCotahist } from '../cotahist/importer';
import { SourceHealth } from '../sources/source-health';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import type { WorkerOutcome } from '../workers/types';
import type { JobRow } from './job-store';

export interface JobEnv {
  /** Run a task in a worker process; the main process never runs fetching or scraping code. */
  runInWorker(task: string, payload: unknown, timeoutMs: number): Promise<WorkerOutcome>;
  signal: AbortSignal;
  pg: Pg;
  state: StateDb;
  dataDir: string;
}

export interface JobOutcome {
  result: unknown;
  /** Applied in the same SQLite transaction that marks the job completed. */
  effect?: (row: JobRow) => void;
  /**
   * Server mode (the queue on PostgreSQL): applied in the same PostgreSQL transaction that marks
   * the job completed, so an attempt's effect commits exactly when its completion does.
   */
  pgEffect?: (tx: Transaction, row: JobRow) => Promise<void>;
}

/** How the runner executes the jobs of one source. */
export interface JobType {
  source: string;
  /** At most this many of its jobs run at once. */
  concurrency: number;
  /** Polite rate: at most this many starts per minute (null: no limit). */
  ratePerMinute: number | null;
  /** Per attempt. */
  timeoutMs: number;
  /**
   * Its work runs through `env.runInWorker` (which holds the source to `concurrency` at once), so
   * the dispatcher may claim its jobs ahead of a free worker slot: the next attempt is ready the
   * moment one ends, and several ends and claims share one commit. Never with a rate limit.
   */
  lookahead?: boolean;
  /** It fetches from the network: while offline its jobs wait as a group (JobRunner's `network`). */
  network?: boolean;
  /** Check a new job's ticker/query before it is queued (throws INVALID_INPUT naming the field). */
  validate(job: { ticker: string | null; query: string | null }): void;
  execute(row: JobRow, env: JobEnv): Promise<JobOutcome>;
}

/** A worker outcome that is not a result becomes the attempt's typed error. */
export function unwrap(outcome: WorkerOutcome): unknown {
  if (outcome.ok) return outcome.result;
  const code =
    outcome.reason === 'timeout'
      ? 'TIMEOUT'
      : outcome.reason === 'crash' || outcome.reason === 'oom'
        ? 'WORKER_CRASHED'
        : outcome.reason === 'cancelled'
          ? 'CANCELLED'
          : outcome.code;
  throw new AppError(code, outcome.message, { reason: outcome.reason, pid: outcome.pid });
}

/** The source a COTAHIST file's quotes are shown under (services/sources/b3-cotahist). */
export const COTAHIST_SOURCE = 'b3-cotahist';

const SELFTEST_ACTIONS = ['noop', 'write-row', 'fail'] as const;

/** No network: proves the queue, the process boundary and exactly-once effects end to end. */
export const selftestJob: JobType = {
  source: 'selftest',
  concurrency: 4,
  ratePerMinute: null,
  lookahead: true,
  timeoutMs: 30_000,
  validate({ query }) {
    if (!SELFTEST_ACTIONS.includes((query ?? 'noop') as (typeof SELFTEST_ACTIONS)[number])) {
      throw new AppError(
        'INVALID_INPUT',
        `ticker/query: selftest runs one of ${SELFTEST_ACTIONS.join(', ')}`,
        { fields: ['query'] },
      );
    }
  },
  async execute(row, env) {
    const action = row.query ?? 'noop';
    // metadata.delay_ms makes the worker take that long (a stand-in for a slow fetch).
    const delay = Number((JSON.parse(row.metadata) as { delay_ms?: unknown }).delay_ms ?? 0);
    const ms = Number.isInteger(delay) && delay > 0 ? Math.min(delay, 60_000) : 0;
    const payload = { action, jobId: row.id, ms };
    const result = unwrap(
      await env.runInWorker(ms ? 'selftest.sleep' : 'selftest.echo', payload, this.timeoutMs),
    );
    if (action === 'fail')
      throw new AppError('UNAVAILABLE', 'selftest: this job always fails (to exercise retries)');
    if (action !== 'write-row') return { result };
    return {
      result,
      effect: (r) => {
        env.state
          .prepare('INSERT INTO selftest_effects (job_id, attempt, written_at) VALUES (?, ?, ?)')
          .run(r.id, r.attempts, Date.now());
      },
    };
  },
};

/** A COTAHIST file by local path, or downloaded from a URL by a worker; the import is idempotent. */
export const cotahistJob: JobType = {
  source: 'cotahist',
  concurrency: 1,
  ratePerMinute: 6,
  timeoutMs: 10 * 60_000,
  validate({ query }) {
    if (!query)
      throw new AppError('INVALID_INPUT', 'query: give the COTAHIST file path or its B3 download URL', {
        fields: ['query'],
      });
  },
  async execute(row, env) {
    let path = row.query ?? '';
    if (/^https?:\/\//i.test(path)) {
      const destDir = join(env.dataDir, 'downloads');
      mkdirSync(destDir, { recursive: true });
      const got = unwrap(
        await env.runInWorker('cotahist.download', { url: path, destDir }, this.timeoutMs),
      ) as { path: string };
      path = got.path;
    }
    const summary = await importCotahist(env.pg, [path]);
    // The B3 COTAHIST source's status says what came, whichever way the file arrived.
    new SourceHealth(env.state).recordSuccess(COTAHIST_SOURCE, summary.imported, 'import');
    return { result: summary };
  },
};

export const BUILT_IN_JOB_TYPES: readonly JobType[] = [selftestJob, cotahistJob];
