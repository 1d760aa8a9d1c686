import { describe, expect, it } from 'vitest';
import type { Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createSqlStore } from './sql-store';
import { fakeTransport } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const ANSWER = {
  kind: 'query',
  columns: [
    { name: 'ticker', type: 'text' },
    { name: 'note', type: 'text' },
  ],
  rows: [
    ['PETR4', 'a, "b"'],
    ['VALE3', null],
  ],
  row_count: 2,
  truncated: false,
  elapsed_ms: 3,
  estimated_cost: 10,
};

function storeWith(query: (input: unknown) => Result<unknown>) {
  const fake = fakeTransport({
    'sql.schema': () =>
      ok({
        tables: [{ table: 'daily_bars', columns: [{ name: 'ticker', type: 'text' }] }],
        limits: { max_rows: 10000, timeout_ms: 5000, max_cost: 300000 },
      }),
    'sql.query': query,
  });
  return { store: createSqlStore(createClient(fake.transport)), calls: fake.calls };
}

describe('SQL console store', () => {
  it('loads the schema once, starts a query from a table, runs it with the limit, exports CSV', async () => {
    const { store, calls } = storeWith(() => ok(ANSWER));
    await store.getState().loadSchema();
    await store.getState().loadSchema();
    expect(calls.filter((c) => c.method === 'sql.schema')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ phase: 'ready', tables: [{ table: 'daily_bars' }] });
    store.getState().pickTable('daily_bars');
    expect(store.getState().sql).toBe('SELECT *\nFROM daily_bars\nLIMIT 100');
    store.getState().setLimit(50);
    await store.getState().run();
    expect(calls.at(-1)).toEqual({
      method: 'sql.query',
      input: { sql: 'SELECT *\nFROM daily_bars\nLIMIT 100', limit: 50 },
    });
    expect(store.getState().result?.row_count).toBe(2);
    expect(store.getState().csv()).toBe('ticker,note\r\nPETR4,"a, ""b"""\r\nVALE3,\r\n');
  });

  it("keeps PostgreSQL's message, code and position, and clears the last result", async () => {
    const { store } = storeWith(() => ({
      ok: false,
      error: {
        code: 'SQL_ERROR',
        message: 'column "tickr" does not exist (at character 8)',
        details: { sqlstate: '42703', position: 8 },
      },
    }));
    store.getState().setSql('SELECT tickr FROM daily_bars');
    await store.getState().run();
    expect(store.getState()).toMatchObject({
      running: false,
      result: null,
      error: { code: 'SQL_ERROR', position: 8, message: expect.stringMatching(/tickr/) as unknown },
    });
    expect(store.getState().csv()).toBeNull();
  });
});
