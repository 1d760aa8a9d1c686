import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { AppError, type ErrorCode, type Job, type JobPriority } from '../../contract';
import type { StateDb } from '../storage/state';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import { completedRow, JOB_COLUMNS, rowOf, toJob, type JobRow } from './job-row';

export { toJob, type JobRow };

const PRIORITY_RANK: Record<JobPriority, number> = { high: 0, normal: 1, low: 2 };

/** Errors that another attempt cannot fix: the job fails at once. */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'LAYOUT_CHANGED',
  'UNSUPPORTED_FILE',
  'MALFORMED_RECORD',
  'TRUNCATED_FILE',
  'TRAILER_MISMATCH',
  'DUPLICATE_ROW',
  'FILE_NOT_FOUND',
]);

export interface NewJob {
  scraperName: string;
  ticker?: string | null;
  query?: string | null;
  priority?: JobPriority;
  maxRetries?: number;
  metadata?: Record<string, unknown>;
  /** Do not run before this time (epoch ms). */
  runAt?: number;
}

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  /** Sources that may not start a job now (at their concurrency or rate limit). */
  excludeSources?: readonly string[];
}

/**
 * The durable queue in SQLite (WAL). Every state change is one transaction; a running job holds a
 * lease (owner + expiry) and its completion is fenced by that lease, so a job reclaimed from a dead
 * process cannot also be completed by it.
 */
export class JobStore {
  private readonly s: Record<string, Statement>;
  private readonly claims = new Map<number, Statement>();

  constructor(
    private readonly db: StateDb,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
    private readonly backoff: BackoffPolicy = DEFAULT_BACKOFF,
  ) {
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.s = {
      insert: db.prepare(
        `INSERT INTO jobs (id, scraper_name, ticker, query, priority, status, created_at, max_retries, next_run_at, metadata)
         VALUES (@id, @scraper_name, @ticker, @query, @priority, 'pending', @created_at, @max_retries, @next_run_at, @metadata)`,
      ),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      // completeLeased for several jobs at once: @batch is a JSON array of [id, result JSON] pairs.
      completeBatch: db
        .prepare(
          `UPDATE jobs SET status = 'completed', completed_at = @now,
           response_time = (@now - coalesce(jobs.started_at, @now)) / 1000.0, result = b.result, error_code = NULL,
           error_message = NULL, lease_owner = NULL, lease_expires_at = NULL, next_run_at = NULL
         FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS result
               FROM json_each(@batch)) AS b
         WHERE jobs.id = b.id AND jobs.status = 'running' AND jobs.lease_owner = @owner
           AND jobs.cancel_requested = 0
         RETURNING jobs.id`,
        )
        .pluck(),
      nextDue: db.prepare(
        // Jobs due when queued are not in jobs_due (0005): whatever wakes the dispatcher takes them.
        `SELECT min(next_run_at) AS at FROM jobs INDEXED BY jobs_due
         WHERE status = 'retry' OR (status = 'pending' AND next_run_at > created_at)`,
      ),
      complete: db.prepare(
        `UPDATE jobs SET status = 'completed', completed_at = ?, response_time = ?, result = ?, error_code = NULL,
           error_message = NULL, lease_owner = NULL, lease_expires_at = NULL, next_run_at = NULL WHERE id = ?`,
      ),
      // One statement, fenced by the lease: only a job still running, leased to `owner` and not
      // being cancelled ends completed; anything else takes the checked path.
      completeLeased: db
        .prepare(
          `UPDATE jobs SET status = 'completed', completed_at = @now,
           response_time = (@now - coalesce(started_at, @now)) / 1000.0, result = @result, error_code = NULL,
           error_message = NULL, lease_owner = NULL, lease_expires_at = NULL, next_run_at = NULL
         WHERE id = @id AND status = 'running' AND lease_owner = @owner AND cancel_requested = 0
         RETURNING ${JOB_COLUMNS}`,
        )
        .raw(),
      // completeLeased when the caller holds the row it claimed: nothing to read back.
      completeFenced: db.prepare(
        `UPDATE jobs SET status = 'completed', completed_at = @now, response_time = @responseTime,
           result = @result, error_code = NULL, error_message = NULL, lease_owner = NULL, lease_expires_at = NULL,
           next_run_at = NULL
         WHERE id = @id AND status = 'running' AND lease_owner = @owner AND cancel_requested = 0`,
      ),
      retryLater: db.prepare(
        `UPDATE jobs SET status = 'retry', next_run_at = ?, response_time = ?, error_code = ?, error_message = ?,
           lease_owner = NULL, lease_expires_at = NULL WHERE id = ?`,
      ),
      failFinal: db.prepare(
        `UPDATE jobs SET status = 'failed', completed_at = ?, response_time = ?, error_code = ?, error_message = ?,
           lease_owner = NULL, lease_expires_at = NULL, next_run_at = NULL WHERE id = ?`,
      ),
    };
  }

  /** Runs `fn` in a transaction (a savepoint when one is open already); made once, not per call. */
  private readonly tx: (fn: () => unknown) => unknown;

  transaction<T>(fn: () => T): T {
    return this.tx(fn) as T;
  }

  enqueue(j: NewJob): Job {
    const now = this.now();
    const row = {
      id: randomUUID(),
      scraper_name: j.scraperName,
      ticker: j.ticker ?? null,
      query: j.query ?? null,
      priority: PRIORITY_RANK[j.priority ?? 'normal'],
      created_at: now,
      max_retries: j.maxRetries ?? 3,
      next_run_at: j.runAt ?? now,
      metadata: JSON.stringify(j.metadata ?? {}),
    };
    const { lastInsertRowid } = this.s.insert!.run(row);
    // What the row now holds, without reading it back. (A literal, not `{ ...row, more }`: V8 builds
    // a spread followed by new keys tens of times slower, and this runs once per queued job.)
    return toJob({
      seq: Number(lastInsertRowid),
      id: row.id,
      scraper_name: row.scraper_name,
      ticker: row.ticker,
      query: row.query,
      priority: row.priority,
      status: 'pending',
      created_at: row.created_at,
      started_at: null,
      completed_at: null,
      attempts: 0,
      max_retries: row.max_retries,
      next_run_at: row.next_run_at,
      lease_owner: null,
      lease_expires_at: null,
      cancel_requested: 0,
      response_time: null,
      error_code: null,
      error_message: null,
      metadata: row.metadata,
      result: null,
    });
  }

  find(id: string): JobRow | undefined {
    return this.s.get!.get(id) as JobRow | undefined;
  }

  get(id: string): Job {
    const row = this.find(id);
    if (!row) throw new AppError('NOT_FOUND', `no job with id ${id}`, { id });
    return toJob(row);
  }

  /** Take the next ready job (strict priority, FIFO within) and lease it to `owner`. */
  claim(opts: ClaimOptions): JobRow | undefined {
    return this.claimMany(opts, 1)[0];
  }

  /** Take up to `limit` ready jobs in one statement, in the order they were due (priority, then FIFO). */
  claimMany(opts: ClaimOptions, limit: number): JobRow[] {
    const n = Math.max(0, Math.floor(limit));
    if (n === 0) return [];
    const now = this.now();
    const rows = (
      this.claimStatement(n).all({
        now,
        owner: opts.owner,
        expires: now + opts.leaseMs,
        exclude: JSON.stringify(opts.excludeSources ?? []),
      }) as unknown[][]
    ).map(rowOf);
    // RETURNING gives no order.
    if (rows.length > 1) rows.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return rows;
  }

  /**
   * The claim for `n` jobs, prepared once per n. The limit is written into the SQL, not bound: SQLite
   * re-prepares a statement whose LIMIT is a parameter on every run (a third of a claim's cost).
   */
  private claimStatement(n: number): Statement {
    let st = this.claims.get(n);
    if (!st) {
      const pick = `SELECT seq FROM jobs INDEXED BY jobs_ready
                    WHERE status IN ('pending', 'retry') AND next_run_at <= @now
                      AND scraper_name NOT IN (SELECT value FROM json_each(@exclude))
                    ORDER BY priority, seq LIMIT ${n}`;
      st = this.db
        .prepare(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = @now, completed_at = NULL,
           lease_owner = @owner, lease_expires_at = @expires
         WHERE seq ${n === 1 ? '=' : 'IN'} (${pick})
         RETURNING ${JOB_COLUMNS}`,
        )
        .raw();
      this.claims.set(n, st);
    }
    return st;
  }

  /** Epoch ms when the earliest job waiting for a later time (a retry, a delayed or released job) is due, or null. */
  nextDueAt(): number | null {
    return (this.s.nextDue!.get() as { at: number | null }).at;
  }

  private leased(id: string, owner: string): JobRow {
    const row = this.find(id);
    if (!row || row.status !== 'running' || row.lease_owner !== owner) {
      throw new AppError('CONFLICT', `job ${id} is no longer leased to ${owner}`, { id });
    }
    return row;
  }

  /**
   * Finish a running job and run its effect in the same transaction: both happen or neither.
   * A cancel requested meanwhile wins: the job ends cancelled and the effect is not applied.
   */
  complete(
    id: string,
    owner: string,
    result: unknown,
    effect?: (row: JobRow) => void,
    /** The row as claimed, when the caller has it: the completed job is built from it, not read back. */
    claimed?: JobRow,
  ): Job {
    if (!effect && claimed?.id === id) {
      const now = this.now();
      const resultJson = JSON.stringify(result ?? null);
      const responseTime = (now - (claimed.started_at ?? now)) / 1000;
      const { changes } = this.s.completeFenced!.run({ id, owner, now, responseTime, result: resultJson });
      if (changes === 1) return toJob(completedRow(claimed, now, responseTime, resultJson));
    } else if (!effect) {
      const done = this.s.completeLeased!.get({
        id,
        owner,
        now: this.now(),
        result: JSON.stringify(result ?? null),
      }) as unknown[] | undefined;
      if (done) return toJob(rowOf(done));
    }
    return this.transaction(() => {
      const row = this.leased(id, owner);
      const now = this.now();
      if (row.cancel_requested) return this.endCancelled(row, now);
      effect?.(row);
      const responseTime = (now - (row.started_at ?? now)) / 1000;
      const resultJson = JSON.stringify(result ?? null);
      this.s.complete!.run(now, responseTime, resultJson, id);
      return toJob(completedRow(row, now, responseTime, resultJson));
    });
  }

  /**
   * complete() without effects for several jobs, in one statement, each given as the row it was
   * claimed as. Answers the jobs it completed, by id; one it did not (its lease is gone, or a cancel
   * was requested) takes complete()'s checked path.
   */
  completeMany(owner: string, items: ReadonlyArray<{ row: JobRow; result: unknown }>): Map<string, Job> {
    const done = new Map<string, Job>();
    if (items.length === 0) return done;
    const results = items.map((i) => JSON.stringify(i.result ?? null));
    const batch = JSON.stringify(items.map((i, k) => [i.row.id, results[k]]));
    const now = this.now();
    const ids = new Set(this.s.completeBatch!.all({ owner, now, batch }) as string[]);
    items.forEach(({ row }, k) => {
      if (!ids.has(row.id)) return;
      // As the statement computed it: (now - started_at) / 1000.
      const responseTime = (now - (row.started_at ?? now)) / 1000;
      done.set(row.id, toJob(completedRow(row, now, responseTime, results[k]!)));
    });
    return done;
  }

  /** A failed attempt: retry later with backoff and jitter, or fail for good with this error. */
  fail(id: string, owner: string, error: { code: ErrorCode; message: string }): Job {
    return this.transaction(() => {
      const row = this.leased(id, owner);
      return this.failRow(row, error, this.now());
    });
  }

  private failRow(row: JobRow, error: { code: ErrorCode; message: string }, now: number): Job {
    if (row.cancel_requested) return this.endCancelled(row, now);
    const retry = !FINAL_CODES.has(error.code) && row.attempts <= row.max_retries;
    const responseTime = (now - (row.started_at ?? now)) / 1000;
    if (retry) {
      this.s.retryLater!.run(
        now + retryDelayMs(row.attempts, this.backoff, this.random),
        responseTime,
        error.code,
        error.message,
        row.id,
      );
    } else {
      this.s.failFinal!.run(now, responseTime, error.code, error.message, row.id);
    }
    return this.get(row.id);
  }

  /** An attempt cut short by our own shutdown: back to the queue, the attempt not counted. */
  release(id: string, owner: string): Job {
    return this.transaction(() => {
      this.leased(id, owner);
      this.db
        .prepare(
          `UPDATE jobs SET status = 'pending', attempts = max(attempts - 1, 0), started_at = NULL, next_run_at = ?,
             lease_owner = NULL, lease_expires_at = NULL WHERE id = ?`,
        )
        .run(this.now(), id);
      return this.get(id);
    });
  }

  /**
   * An attempt that failed because this machine is offline: back to `pending` at its own priority,
   * the attempt not counted (so retries are not used up), with the error kept to say why it waits.
   */
  releaseOffline(id: string, owner: string, error: { code: ErrorCode; message: string }): Job {
    return this.transaction(() => {
      this.leased(id, owner);
      this.db
        .prepare(
          `UPDATE jobs SET status = 'pending', attempts = max(attempts - 1, 0), started_at = NULL, next_run_at = ?,
             lease_owner = NULL, lease_expires_at = NULL, error_code = ?, error_message = ? WHERE id = ?`,
        )
        .run(this.now(), error.code, error.message, id);
      return this.get(id);
    });
  }

  /** A job waiting (pending or retry) with the same source, ticker and query, if any. */
  findWaiting(scraperName: string, ticker: string | null, query: string | null): Job | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM jobs WHERE status IN ('pending', 'retry') AND scraper_name = ?
           AND ticker IS ? AND query IS ? ORDER BY seq LIMIT 1`,
      )
      .get(scraperName, ticker, query) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  private endCancelled(row: JobRow, now: number): Job {
    this.db
      .prepare(
        `UPDATE jobs SET status = 'cancelled', completed_at = ?, lease_owner = NULL, lease_expires_at = NULL,
           next_run_at = NULL WHERE id = ?`,
      )
      .run(now, row.id);
    return this.get(row.id);
  }

  /**
   * Cancel: a waiting job ends cancelled at once; a running one is marked, and ends cancelled when
   * its worker stops (the caller tells the worker). Finished jobs cannot be cancelled.
   */
  cancel(id: string): { job: Job; wasRunning: boolean } {
    return this.transaction(() => {
      const row = this.find(id);
      if (!row) throw new AppError('NOT_FOUND', `no job with id ${id}`, { id });
      if (row.status === 'pending' || row.status === 'retry')
        return { job: this.endCancelled(row, this.now()), wasRunning: false };
      if (row.status === 'running') {
        this.db.prepare('UPDATE jobs SET cancel_requested = 1 WHERE id = ?').run(id);
        return { job: this.get(id), wasRunning: true };
      }
      throw new AppError('CONFLICT', `job ${id} is already ${row.status}`, { id, status: row.status });
    });
  }

  /** Run a failed or cancelled job again from scratch. */
  retry(id: string): Job {
    return this.transaction(() => {
      const row = this.find(id);
      if (!row) throw new AppError('NOT_FOUND', `no job with id ${id}`, { id });
      if (row.status !== 'failed' && row.status !== 'cancelled') {
        throw new AppError(
          'CONFLICT',
          `job ${id} is ${row.status}; only failed or cancelled jobs can be retried`,
          { id, status: row.status },
        );
      }
      this.db
        .prepare(
          `UPDATE jobs SET status = 'pending', attempts = 0, next_run_at = ?, started_at = NULL, completed_at = NULL,
             cancel_requested = 0, error_code = NULL, error_message = NULL, result = NULL WHERE id = ?`,
        )
        .run(this.now(), id);
      return this.get(id);
    });
  }

  /**
   * Jobs left `running` whose lease has expired, or that belong to another owner (a process that
   * died: only one process owns the data dir): each such attempt failed; retry or fail as usual.
   */
  reclaim(owner: string): Job[] {
    return this.transaction(() => {
      const now = this.now();
      const rows = this.db
        .prepare(
          `SELECT * FROM jobs WHERE status = 'running' AND (lease_owner IS NOT ? OR lease_expires_at < ?)`,
        )
        .all(owner, now) as JobRow[];
      return rows.map((r) =>
        this.failRow(
          r,
          {
            code: 'WORKER_CRASHED',
            message: `attempt ${r.attempts} was interrupted: its process stopped or its lease expired`,
          },
          now,
        ),
      );
    });
  }

  /** Extend the lease of a job still running (heartbeat). */
  renew(id: string, owner: string, leaseMs: number): void {
    this.db
      .prepare(`UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'`)
      .run(this.now() + leaseMs, id, owner);
  }
}
