import type { Transaction } from '@electric-sql/pglite';
import { AppError, PRIVATE_TABLES } from '../../contract';
import type { Pg } from '../storage/pg';
import { classify, scanOneStatement } from './scan';

/** The role console statements run as: SELECT on the analysis tables, nothing else. */
export const CONSOLE_ROLE = 'b3ai_console';
/**
 * Tables of the public schema the console may not read: bookkeeping, and the private portfolio
 * data (its answers may be handed to other tools; the portfolio has its own API).
 */
const HIDDEN_TABLES = ['schema_migrations', ...PRIVATE_TABLES];
/**
 * Functions no console statement may call: set_config could switch the role back, and PGlite
 * cannot interrupt a sleeping statement (statement_timeout never fires in its single thread).
 */
const REVOKED_FUNCTIONS = [
  'set_config(text, text, boolean)',
  'pg_sleep(double precision)',
  'pg_sleep_for(interval)',
  'pg_sleep_until(timestamp with time zone)',
];

export interface ConsoleLimits {
  /** Rows returned at most (the answer says when there were more). */
  maxRows: number;
  /** Milliseconds; also PostgreSQL's statement_timeout. */
  timeoutMs: number;
  /** The planner's estimated total cost above which a statement is refused before it runs. */
  maxCost: number;
}

/** The console's limits: 5 s, and a cost ceiling that keeps statements well under it here. */
export const CONSOLE_LIMITS: ConsoleLimits = { maxRows: 1_000, timeoutMs: 5_000, maxCost: 300_000 };

export interface ConsoleResult {
  kind: 'query' | 'explain';
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
  estimated_cost: number | null;
}

const ready = new WeakMap<Pg, Promise<void>>();

/**
 * Create (once per database and process) the console's role with SELECT on every table of the
 * public schema but the bookkeeping ones, and take the dangerous functions from PUBLIC. Idempotent;
 * run as the owner, so tables added by later migrations are granted at the next start.
 */
export function ensureConsoleRole(pg: Pg): Promise<void> {
  let p = ready.get(pg);
  if (!p) {
    p = pg
      .transaction(async (tx) => {
        await tx.exec(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${CONSOLE_ROLE}') THEN
            CREATE ROLE ${CONSOLE_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
          END IF; END $$;
          REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${CONSOLE_ROLE};
          GRANT USAGE ON SCHEMA public TO ${CONSOLE_ROLE};
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${CONSOLE_ROLE};
          ${HIDDEN_TABLES.map((t) => `REVOKE ALL ON TABLE public.${t} FROM ${CONSOLE_ROLE};`).join('\n')}
          ${REVOKED_FUNCTIONS.map((f) => `REVOKE EXECUTE ON FUNCTION pg_catalog.${f} FROM PUBLIC;`).join('\n')}`);
      })
      .catch((e: unknown) => {
        ready.delete(pg);
        throw e;
      });
    ready.set(pg, p);
  }
  return p;
}

interface PgError {
  code?: string;
  message?: string;
  position?: string;
  hint?: string;
  detail?: string;
}

/** PostgreSQL's error as a typed one, its position moved back into what the user wrote. */
function fromPgError(e: unknown, shift: number): AppError {
  if (e instanceof AppError) return e;
  const pe = e as PgError;
  const message = pe.message ?? String(e);
  const details: Record<string, unknown> = { fields: ['sql'] };
  if (pe.code) details['sqlstate'] = pe.code;
  const position = pe.position && Number(pe.position) > shift ? Number(pe.position) - shift : null;
  if (position !== null) details['position'] = position;
  if (pe.hint) details['hint'] = pe.hint;
  if (pe.detail) details['detail'] = pe.detail;
  const where = position !== null ? ` (at character ${position})` : '';
  if (pe.code === '42501')
    return new AppError('FORBIDDEN', `${message}: the console reads only the analysis tables`, details);
  if (pe.code === '25006') return new AppError('FORBIDDEN', `${message}: the console is read-only`, details);
  if (pe.code === '57014') return new AppError('TIMEOUT', message, details);
  return new AppError('SQL_ERROR', `${message}${where}`, details);
}

/**
 * Types PGlite would turn into values that lose precision or do not survive JSON (int8 and numeric,
 * dates and times, bytea, and their arrays): kept as PostgreSQL's text instead.
 */
const AS_TEXT_TYPES = [
  20, 1700, 17, 1082, 1083, 1114, 1184, 1186, 1266, 790, 1016, 1231, 1001, 1182, 1115, 1185,
];
const TEXT_PARSERS: Record<number, (v: string) => unknown> = Object.fromEntries(
  AS_TEXT_TYPES.map((oid) => [oid, (v: string) => v]),
);

const jsonSafe = (v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

async function typeNames(tx: Transaction, oids: number[]): Promise<Map<number, string>> {
  if (!oids.length) return new Map();
  const { rows } = await tx.query<{ oid: number; typname: string }>(
    'SELECT oid::int AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
    [oids],
  );
  return new Map(rows.map((r) => [r.oid, r.typname]));
}

interface PlanNode {
  'Node Type'?: string;
  'Total Cost'?: number;
  Plans?: PlanNode[];
}
const hasNode = (n: PlanNode, type: string): boolean =>
  n['Node Type'] === type || (n.Plans ?? []).some((c) => hasNode(c, type));

/**
 * Run one read-only statement: a READ ONLY transaction as the console role (SELECT on the analysis
 * tables only), a statement_timeout, a planner cost ceiling (PGlite runs in this thread and cannot
 * be interrupted), rows through a cursor up to the cap with the elapsed time checked between batches,
 * and always a rollback.
 */
export async function runConsoleStatement(
  pg: Pg,
  sql: string,
  limits: ConsoleLimits,
): Promise<ConsoleResult> {
  const statement = scanOneStatement(sql);
  const kind = classify(statement);
  await ensureConsoleRole(pg);
  const started = performance.now();
  let result: ConsoleResult | undefined;
  await pg.transaction(async (tx) => {
    let shift = 0;
    try {
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query(`SET LOCAL statement_timeout = ${Math.round(limits.timeoutMs)}`);
      await tx.query(`SET LOCAL ROLE ${CONSOLE_ROLE}`);
      await tx.query('SET LOCAL search_path = public, pg_catalog');
      if (kind === 'explain') {
        shift = statement.offset;
        const r = await tx.query<unknown[]>(statement.text, [], { rowMode: 'array' });
        result = {
          kind,
          columns: r.fields.map((f) => ({ name: f.name, type: 'text' })),
          rows: r.rows,
          row_count: r.rows.length,
          truncated: false,
          elapsed_ms: 0,
          estimated_cost: null,
        };
        return;
      }
      const explainPrefix = 'EXPLAIN (FORMAT JSON) ';
      shift = explainPrefix.length - statement.offset;
      const plan = await tx.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        explainPrefix + statement.text,
      );
      const root = plan.rows[0]?.['QUERY PLAN'][0]?.Plan ?? {};
      const cost = root['Total Cost'] ?? 0;
      if (hasNode(root, 'Recursive Union'))
        throw new AppError('FORBIDDEN', 'sql: recursive queries are not available in the console', {
          fields: ['sql'],
        });
      if (cost > limits.maxCost)
        throw new AppError(
          'TIMEOUT',
          `sql: the planner estimates a cost of ${Math.round(cost)}, over the console's ${limits.maxCost}: it would run past the ${limits.timeoutMs / 1000} s limit; narrow it (WHERE, LIMIT, fewer joins)`,
          { fields: ['sql'], estimated_cost: cost, max_cost: limits.maxCost },
        );
      const declare = 'DECLARE b3ai_console_cursor NO SCROLL CURSOR FOR ';
      shift = declare.length - statement.offset;
      await tx.query(declare + statement.text);
      const rows: unknown[][] = [];
      let fields: Array<{ name: string; dataTypeID: number }> = [];
      const batch = Math.min(500, limits.maxRows + 1);
      for (;;) {
        const r = await tx.query<unknown[]>(`FETCH FORWARD ${batch} FROM b3ai_console_cursor`, [], {
          rowMode: 'array',
          parsers: TEXT_PARSERS,
        });
        fields = r.fields;
        for (const row of r.rows) rows.push(row.map(jsonSafe));
        if (r.rows.length < batch || rows.length > limits.maxRows) break;
        if (performance.now() - started > limits.timeoutMs)
          throw new AppError(
            'TIMEOUT',
            `sql: still fetching rows after ${limits.timeoutMs / 1000} s; narrow the query`,
            {
              fields: ['sql'],
            },
          );
      }
      const names = await typeNames(tx, [...new Set(fields.map((f) => f.dataTypeID))]);
      const truncated = rows.length > limits.maxRows;
      result = {
        kind,
        columns: fields.map((f) => ({ name: f.name, type: names.get(f.dataTypeID) ?? String(f.dataTypeID) })),
        rows: truncated ? rows.slice(0, limits.maxRows) : rows,
        row_count: Math.min(rows.length, limits.maxRows),
        truncated,
        elapsed_ms: 0,
        estimated_cost: cost,
      };
    } catch (e) {
      throw fromPgError(e, shift);
    } finally {
      await tx.rollback();
    }
  });
  if (!result) throw new AppError('INTERNAL', 'sql: no result');
  return { ...result, elapsed_ms: Math.round(performance.now() - started) };
}

/** The tables and columns the console may read (for the schema browser). */
export async function consoleSchema(
  pg: Pg,
): Promise<Array<{ table: string; columns: Array<{ name: string; type: string }> }>> {
  await ensureConsoleRole(pg);
  const { rows } = await pg.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT cl.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type
     FROM pg_catalog.pg_class cl
     JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
     JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND cl.relkind IN ('r', 'v', 'm', 'p')
       AND has_table_privilege('${CONSOLE_ROLE}', cl.oid, 'SELECT')
       -- The sync's bookkeeping column is not data: left out of the schema browser (still queryable).
       AND a.attname <> 'sync_seq'
     ORDER BY cl.relname, a.attnum`,
  );
  const tables = new Map<string, Array<{ name: string; type: string }>>();
  for (const r of rows) {
    const list = tables.get(r.table_name) ?? [];
    list.push({ name: r.column_name, type: r.data_type });
    tables.set(r.table_name, list);
  }
  return [...tables].map(([table, columns]) => ({ table, columns }));
}
