import type { Results, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from '../../contract';
import { createLogger } from '../logging/logger';
import { migratePg, type Pg } from './pg';

const log = createLogger('storage.pg-remote');

/**
 * A remote PostgreSQL (node-postgres) behind the same `Pg` interface the app uses over PGlite:
 * `query` (with `rowMode: 'array'` and PGlite's `COPY … FROM '/dev/blob'` + `{ blob }`), `exec`,
 * `transaction` (with `tx.rollback()`) and `close`. The same migrations (resources/migrations/pg)
 * run on both. PGlite-only parts (the template data dir, `dumpDataDir`, the WebAssembly) stay on
 * the PGlite path; calling them here is a typed error.
 */
export interface RemotePgOptions {
  /** `postgres://user[:password]@host[:port]/db[?sslmode=require]` */
  url: string;
  migrationsDir?: string;
  /** TLS: `true` (verify against the system CAs), or node's TLS options (ca, cert, key, rejectUnauthorized). */
  ssl?: pg.PoolConfig['ssl'];
  /** Connections at most (default 8). */
  max?: number;
}

/** Where PGlite and node-postgres parse a value differently, node-postgres is told to answer as PGlite does. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
    if (format !== 'binary') {
      // int8: a number while it is exact, else a bigint (PGlite's rule; node-postgres gives a string).
      if (oid === 20)
        return (v: string) => {
          const n = BigInt(v);
          return n < BigInt(Number.MIN_SAFE_INTEGER) || n > BigInt(Number.MAX_SAFE_INTEGER) ? n : Number(n);
        };
      // date: midnight UTC, as PGlite (node-postgres gives local midnight).
      if (oid === 1082) return (v: string) => new Date(v);
    }
    return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
  },
};

/** COPY … FROM STDIN of bytes already in memory, on node-postgres's protocol hooks (no extra package). */
class CopyIn {
  rowCount = 0;
  private error: Error | undefined;
  private done!: (e?: Error) => void;
  readonly finished = new Promise<number>((resolve, reject) => {
    this.done = (e) => (e ? reject(e) : resolve(this.rowCount));
  });
  constructor(
    private readonly text: string,
    private readonly data: Uint8Array,
  ) {}
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }): void {
    const chunk = 1 << 20;
    for (let i = 0; i < this.data.length; i += chunk)
      connection.sendCopyFromChunk(
        Buffer.from(this.data.buffer, this.data.byteOffset + i, Math.min(chunk, this.data.length - i)),
      );
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }): void {
    const m = /(\d+)$/.exec(msg.text ?? '');
    this.rowCount = m ? Number(m[1]) : 0;
  }
  handleError(e: Error): void {
    this.error = e;
  }
  handleReadyForQuery(): void {
    this.done(this.error);
  }
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

type Queryable = pg.Pool | pg.PoolClient;
type Opts = { rowMode?: 'array' | 'object'; blob?: Blob };

const DEV_BLOB = /FROM\s+'\/dev\/blob'/i;

async function runQuery<T>(
  on: Queryable,
  sql: string,
  params: unknown[] = [],
  opts: Opts = {},
): Promise<Results<T>> {
  if (opts.blob) {
    if (!DEV_BLOB.test(sql)) throw new AppError('INTERNAL', "a blob goes with COPY … FROM '/dev/blob' only");
    const bytes = new Uint8Array(await opts.blob.arrayBuffer());
    const copy = new CopyIn(sql.replace(DEV_BLOB, 'FROM STDIN'), bytes);
    // A pool runs it on one of its clients; a transaction's client runs it in the transaction.
    void (on as pg.PoolClient).query(copy as unknown as pg.QueryConfig);
    const n = await copy.finished;
    return { rows: [], fields: [], affectedRows: n };
  }
  const r = await on.query({
    text: sql,
    values: params,
    types,
    ...(opts.rowMode === 'array' ? { rowMode: 'array' } : {}),
  } as pg.QueryConfig);
  return {
    rows: r.rows as T[],
    fields: (r.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    affectedRows: r.rowCount ?? 0,
  };
}

async function runExec(on: Queryable, sql: string): Promise<Results[]> {
  const r = (await on.query({ text: sql, types } as pg.QueryConfig)) as pg.QueryResult | pg.QueryResult[];
  return (Array.isArray(r) ? r : [r]).map((x) => ({
    rows: x.rows ?? [],
    fields: [],
    affectedRows: x.rowCount ?? 0,
  }));
}

const pglitePathOnly = (what: string) => () => {
  throw new AppError('UNAVAILABLE', `${what} is for the embedded database only, not a remote PostgreSQL`);
};

/** A node-postgres pool as the app's `Pg`. */
export function remotePg(pool: pg.Pool): Pg {
  let closed = false;
  const self = {
    remote: true as const,
    query: <T>(sql: string, params?: unknown[], opts?: Opts) => runQuery<T>(pool, sql, params, opts),
    exec: (sql: string) => runExec(pool, sql),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let finished = false;
      const tx = {
        query: <R>(sql: string, params?: unknown[], opts?: Opts) => runQuery<R>(client, sql, params, opts),
        exec: (sql: string) => runExec(client, sql),
        async rollback() {
          if (finished) return;
          finished = true;
          await client.query('ROLLBACK');
        },
        get closed() {
          return finished;
        },
        sql: pglitePathOnly('tx.sql'),
        listen: pglitePathOnly('tx.listen'),
      } as unknown as Transaction;
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        if (!finished) {
          finished = true;
          await client.query('COMMIT');
        }
        return out;
      } catch (e) {
        if (!finished) {
          finished = true;
          await client.query('ROLLBACK').catch(() => (broken = true));
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    get closed() {
      return closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
    dumpDataDir: pglitePathOnly('dumpDataDir'),
    sql: pglitePathOnly('pg.sql'),
    listen: pglitePathOnly('pg.listen'),
  };
  return self as unknown as Pg;
}

/** Whether a `Pg` is a remote PostgreSQL (server mode) rather than the embedded PGlite. */
export function isRemotePg(p: Pg): boolean {
  return (p as unknown as { remote?: boolean }).remote === true;
}

/** Accept only PostgreSQL URLs; never echo a password back in an error. */
export function checkDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', 'database: not a URL (postgres://user@host:port/db)', {
      fields: ['database'],
    });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new AppError('INVALID_INPUT', 'database: the URL must start with postgres:// or postgresql://', {
      fields: ['database'],
    });
  return url;
}

/** The URL without its password, for logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Connect to the remote PostgreSQL and bring its schema up to date with the same migrations as PGlite. */
export async function openRemotePg(opts: RemotePgOptions): Promise<Pg> {
  const pool = new pg.Pool({
    connectionString: checkDatabaseUrl(opts.url),
    max: opts.max ?? 8,
    ...(opts.ssl !== undefined ? { ssl: opts.ssl } : {}),
    application_name: 'b3ai',
  });
  pool.on('error', (error) => log.warn('idle PostgreSQL connection failed', { error: error.message }));
  const db = remotePg(pool);
  if (opts.migrationsDir) {
    try {
      // One migrator at a time over all processes sharing the database (server and workers): a
      // session lock on one connection while the migrations run on others.
      const lock = await pool.connect();
      try {
        await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['b3ai.migrations']);
        await migratePg(db, opts.migrationsDir);
      } finally {
        await lock
          .query('SELECT pg_advisory_unlock(hashtext($1))', ['b3ai.migrations'])
          .catch(() => undefined);
        lock.release();
      }
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  log.info('remote postgres ready', { url: redactDatabaseUrl(opts.url) });
  return db;
}
