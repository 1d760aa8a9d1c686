import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCotahist } from '../../services/core/cotahist/importer';
import { writeServerFile } from '../../services/server/server-file';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { cliEnv, runCli } from './cli-runner';
import { json, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

interface SqlAnswer {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
}

let t: TestServer;
let removeServerFile: () => void;
beforeAll(async () => {
  t = await startTestServer();
  await importCotahist(t.core.stores().pg, [COTAHIST_DAILY()]);
  // `b3ai sql` finds this server through server.json, as it finds `b3ai serve`.
  removeServerFile = writeServerFile(t.dataDir, { pid: process.pid, url: t.server.url });
});
afterAll(async () => {
  removeServerFile?.();
  await t?.close();
});

const sql = (statement: string, extra: Record<string, unknown> = {}) =>
  t.postJson('/api/sql', { sql: statement, ...extra });

describe('POST /api/sql', () => {
  it('answers a SELECT with columns, rows and the cap', async () => {
    const r = await sql(
      `SELECT ticker, close FROM daily_bars WHERE ticker IN ('PETR4', 'VALE3') ORDER BY ticker`,
    );
    expect(r.status).toBe(200);
    const body = json<SqlAnswer>(r);
    expect(body.columns).toEqual([
      { name: 'ticker', type: 'text' },
      { name: 'close', type: 'numeric' },
    ]);
    expect(body.rows.map((row) => row[0])).toEqual(['PETR4', 'VALE3']);
    const capped = json<SqlAnswer>(await sql('SELECT ticker FROM securities', { limit: 3 }));
    expect(capped).toMatchObject({ row_count: 3, truncated: true });
  });

  it('refuses with typed errors: several statements, writes, file functions, syntax, too costly', async () => {
    const cases: Array<[string, number, string, RegExp]> = [
      ['SELECT 1; DROP TABLE daily_bars', 400, 'INVALID_INPUT', /one statement at a time/],
      ["INSERT INTO securities VALUES ('X', 'x', 'x', 'x', '2020-01-01')", 403, 'FORBIDDEN', /read-only/],
      ["SELECT pg_read_file('/etc/passwd')", 403, 'FORBIDDEN', /permission denied for function pg_read_file/],
      ["COPY securities TO '/tmp/x.csv'", 403, 'FORBIDDEN', /read-only/],
      ['SELECT tickr FROM securities', 400, 'SQL_ERROR', /column "tickr" does not exist \(at character 8\)/],
      ['SELECT count(*) FROM generate_series(1, 100000000)', 504, 'TIMEOUT', /estimates a cost/],
    ];
    for (const [statement, status, code, message] of cases) {
      const r = await sql(statement);
      expect(r.status, statement).toBe(status);
      const err = json<ErrorBody>(r).error;
      expect(err.code, statement).toBe(code);
      expect(err.message, statement).toMatch(message);
    }
    expect(json<ErrorBody>(await sql('SELECT tickr FROM securities')).error.details).toMatchObject({
      sqlstate: '42703',
      position: 8,
    });
    // Nothing was written or dropped.
    expect(json<SqlAnswer>(await sql('SELECT count(*)::int FROM daily_bars')).rows[0]![0]).toBeGreaterThan(
      100,
    );
  });

  it('the schema browser lists the readable tables and columns', async () => {
    const r = json<{ tables: Array<{ table: string; columns: Array<{ name: string }> }> }>(
      await t.api({ path: '/api/sql/schema' }),
    );
    expect(r.tables.map((x) => x.table)).toContain('daily_bars');
    expect(r.tables.map((x) => x.table)).not.toContain('schema_migrations');
  });
});

describe('b3ai sql', () => {
  const env = () => cliEnv({ B3AI_DATA_DIR: t.dataDir });

  it('prints a table, JSON or CSV, and PostgreSQL’s error with exit code 1', async () => {
    const q = `SELECT ticker, specification FROM securities WHERE ticker IN ('PETR4', 'VALE3') ORDER BY ticker`;
    const text = await runCli(['sql', q], env());
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ticker +\| specification\n-+-\+-+\nPETR4 +\| \S+/);
    expect(text.stdout).toMatch(/\(2 rows; \d+ ms\)/);
    const csv = await runCli(['sql', q, '--csv'], env());
    expect(csv.stdout.split('\r\n')[0]).toBe('ticker,specification');
    expect(csv.stdout.split('\r\n')).toHaveLength(4);
    const js = await runCli(['sql', 'SELECT 1 AS one', '--json'], env());
    expect(JSON.parse(js.stdout)).toMatchObject({ columns: [{ name: 'one', type: 'int4' }], rows: [[1]] });
    const bad = await runCli(['sql', 'DELETE FROM news'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/b3ai sql: FORBIDDEN: sql: the console is read-only/);
  });
});
