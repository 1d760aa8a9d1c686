import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../contract';
import { COTAHIST_DAILY } from '../../../test/helpers/fixtures';
import { freshPg } from '../../../test/helpers/pg-template';
import { importCotahist } from '../cotahist/importer';
import type { Pg } from '../storage/pg';
import { consoleSchema, runConsoleStatement, type ConsoleLimits } from './console';

let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
  await importCotahist(pg, [COTAHIST_DAILY()]);
}, 120_000);
afterAll(() => pg?.close());

const LIMITS: ConsoleLimits = { maxRows: 100, timeoutMs: 5_000, maxCost: 1_000_000 };
const run = (sql: string, limits: Partial<ConsoleLimits> = {}) =>
  runConsoleStatement(pg, sql, { ...LIMITS, ...limits });
async function refusal(sql: string, limits: Partial<ConsoleLimits> = {}) {
  try {
    await run(sql, limits);
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message, details: e.details ?? {} };
    throw e;
  }
  throw new Error(`expected ${sql} to be refused`);
}

describe('SQL console', () => {
  it('runs a SELECT: columns with their types, exact numerics and dates as text', async () => {
    const r = await run(
      `SELECT ticker, date, close, volume, trades, quantity, close::float8 AS f FROM daily_bars WHERE ticker = 'PETR4'`,
    );
    expect(r.columns).toEqual([
      { name: 'ticker', type: 'text' },
      { name: 'date', type: 'date' },
      { name: 'close', type: 'numeric' },
      { name: 'volume', type: 'numeric' },
      { name: 'trades', type: 'int4' },
      { name: 'quantity', type: 'int8' },
      { name: 'f', type: 'float8' },
    ]);
    expect(r.rows).toHaveLength(1);
    const [ticker, date, close, , trades, quantity, f] = r.rows[0]!;
    expect([ticker, date, typeof close, typeof trades, typeof quantity, typeof f]).toEqual([
      'PETR4',
      '2021-06-25',
      'string',
      'number',
      'string',
      'number',
    ]);
    expect(quantity).toMatch(/^\d+$/);
    expect(r).toMatchObject({ kind: 'query', row_count: 1, truncated: false });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('caps the rows and says the answer was truncated', async () => {
    const r = await run('SELECT ticker FROM securities ORDER BY ticker', { maxRows: 7 });
    expect(r.rows).toHaveLength(7);
    expect(r).toMatchObject({ row_count: 7, truncated: true });
    const all = await run('SELECT count(*)::int AS n FROM securities');
    expect(all.rows[0]![0]).toBeGreaterThan(7);
  });

  it('writes and DDL are refused, also hidden in a data-modifying WITH', async () => {
    expect(await refusal('INSERT INTO securities VALUES (1)')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal('DROP TABLE daily_bars')).toMatchObject({ code: 'FORBIDDEN' });
    const w = await refusal('WITH d AS (DELETE FROM news RETURNING 1) SELECT * FROM d');
    expect(w.code).toBe('FORBIDDEN');
    expect(w.message).toMatch(/permission denied for table news|read-only transaction/);
    expect(await run('SELECT count(*)::int FROM daily_bars')).toMatchObject({ rows: [[expect.any(Number)]] });
  });

  it('multiple statements are refused before anything runs', async () => {
    const r = await refusal("SELECT 1; DELETE FROM daily_bars WHERE ticker = 'PETR4'");
    expect(r.code).toBe('INVALID_INPUT');
    expect((await run(`SELECT count(*)::int FROM daily_bars WHERE ticker = 'PETR4'`)).rows).toEqual([[1]]);
  });

  it('functions that read files or could switch the role back are refused, and the role does not stick', async () => {
    for (const sql of [
      "SELECT pg_read_file('/etc/passwd')",
      "SELECT pg_read_binary_file('PG_VERSION')",
      "SELECT lo_import('/etc/passwd')",
      "SELECT pg_ls_dir('.')",
      "SELECT pg_stat_file('PG_VERSION')",
      "SELECT set_config('role', 'postgres', true)",
      "SELECT pg_catalog.set_config('search_path', 'x', false)",
      'SELECT pg_sleep(10)',
      'SELECT * FROM pg_authid',
      'SELECT * FROM schema_migrations',
    ]) {
      const r = await refusal(sql);
      expect(r.code, sql).toBe('FORBIDDEN');
      expect(r.message, sql).toMatch(/permission denied/);
    }
    expect(await refusal('SELECT * FROM dblink_nope()')).toMatchObject({ code: 'SQL_ERROR' });
    // The app's own connection is still the owner afterwards.
    expect((await pg.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u).toBe('postgres');
    await pg.query('SELECT version FROM schema_migrations LIMIT 1');
  });

  it("PostgreSQL's message and the position in what the user wrote", async () => {
    const r = await refusal('  SELECT tickr FROM daily_bars');
    expect(r.code).toBe('SQL_ERROR');
    expect(r.message).toMatch(/column "tickr" does not exist \(at character 10\)/);
    expect(r.details).toMatchObject({ sqlstate: '42703', position: 10 });
    expect(await refusal('SELECT FROM WHERE')).toMatchObject({
      code: 'SQL_ERROR',
      details: { sqlstate: '42601' },
    });
  });

  it('statements that would run too long are refused before they start (PGlite cannot interrupt one)', async () => {
    const r = await refusal('SELECT count(*) FROM generate_series(1, 1000000000)');
    expect(r.code).toBe('TIMEOUT');
    expect(r.message).toMatch(/estimates a cost of \d+/);
    const cross = await refusal('SELECT count(*) FROM daily_bars a, daily_bars b, daily_bars c');
    expect(cross.code).toBe('TIMEOUT');
    expect(
      await refusal('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r'),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a statement still producing rows past the time limit is stopped between batches', async () => {
    const r = await refusal('SELECT g FROM generate_series(1, 20000) g', { maxRows: 10_000, timeoutMs: 1 });
    expect(r.code).toBe('TIMEOUT');
    expect(r.message).toMatch(/still fetching rows/);
  });

  it('EXPLAIN shows the plan; the schema lists the analysis tables and their columns only', async () => {
    const e = await run('EXPLAIN SELECT * FROM daily_bars WHERE ticker = $$PETR4$$');
    expect(e.kind).toBe('explain');
    expect(String(e.rows[0]![0])).toMatch(/Scan/);
    const schema = await consoleSchema(pg);
    const tables = schema.map((t) => t.table);
    expect(tables).toEqual(expect.arrayContaining(['daily_bars', 'securities', 'news', 'fundamentals']));
    expect(tables).not.toContain('schema_migrations');
    expect(schema.find((t) => t.table === 'securities')?.columns.map((c) => c.name)).toEqual([
      'ticker',
      'name',
      'specification',
      'isin',
      'last_date',
    ]);
  });
});
