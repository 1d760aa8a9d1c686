import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { dispatch } from '../dispatch';
import { handlers } from '../handlers';
import type { Ctx } from '../context';
import { EventBus } from '../events/bus';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';

// Hostile or inconsistent input through the real dispatcher: typed errors, never INTERNAL.
let pg: Pg;
let ctx: Ctx;
beforeAll(async () => {
  pg = await freshPg();
  ctx = {
    dataDir: '/nonexistent',
    version: 't',
    pg,
    state: null as never,
    events: new EventBus(),
    log: createLogger('t'),
    caller: 'remote',
  };
}, 120_000);
afterAll(async () => {
  await pg.close();
});

describe('portfolio API under hostile input', () => {
  it('bad dates, numbers and kinds are INVALID_INPUT naming the field', async () => {
    for (const transaction of [
      { date: '2024-02-30', kind: 'buy', ticker: 'PETR4' },
      { date: '2024-01-02', kind: 'steal', ticker: 'PETR4' },
      { date: '2024-01-02', kind: 'buy', ticker: '../etc' },
      { date: '2024-01-02', kind: 'buy', ticker: 'PETR4', quantity: -1 },
      { date: '2024-01-02', kind: 'buy', ticker: 'PETR4', price: Number.POSITIVE_INFINITY },
    ]) {
      const r = await dispatch(handlers, 'portfolios.addTransaction', { transaction }, ctx);
      expect(r.ok, JSON.stringify(transaction)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
  });

  it('a sale of more than is held does not break positions, tax or the report', async () => {
    const add = await dispatch(
      handlers,
      'portfolios.addTransaction',
      { transaction: { date: '2024-01-02', kind: 'sell', ticker: 'PETR4', quantity: 10, price: 30 } },
      ctx,
    );
    expect(add.ok).toBe(true);
    const pos = await dispatch(handlers, 'portfolios.positions', {}, ctx);
    expect(JSON.stringify(pos)).toMatch(/selling 10 but the position holds 0/);
    expect((await dispatch(handlers, 'portfolios.tax', { month: '2024-01' }, ctx)).ok).toBe(true);
    expect((await dispatch(handlers, 'portfolios.report', { year: 2024 }, ctx)).ok).toBe(true);
  });

  it('paths outside the import folders are refused for a remote caller; unknown ids are NOT_FOUND', async () => {
    const r = await dispatch(handlers, 'portfolios.import', { paths: ['/etc/passwd'] }, ctx);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const u = await dispatch(
      handlers,
      'portfolios.import',
      { upload_ids: ['00000000-0000-4000-8000-000000000000'] },
      ctx,
    );
    expect(!u.ok && u.error.code).toBe('NOT_FOUND');
    const d = await dispatch(handlers, 'alerts.delete', { id: 9_007_199_254_740_991 }, ctx);
    expect(!d.ok && d.error.code).toBe('NOT_FOUND');
    const rule = await dispatch(handlers, 'alerts.create', { kind: 'price_above', ticker: 'PETR4' }, ctx);
    expect(!rule.ok && rule.error.code).toBe('INVALID_INPUT');
    const perf = await dispatch(handlers, 'portfolios.performance', { from: '2024-05', to: '2024-01' }, ctx);
    expect(!perf.ok && perf.error.code).toBe('INVALID_INPUT');
  });

  it('the SQL console cannot read the private portfolio tables, nor list them', async () => {
    for (const table of ['portfolio_transactions', 'portfolios', 'alert_events']) {
      const r = await dispatch(handlers, 'sql.query', { sql: `SELECT * FROM ${table}` }, ctx);
      expect(!r.ok && r.error.code, table).toBe('FORBIDDEN');
    }
    const schema = await dispatch(handlers, 'sql.schema', {}, ctx);
    expect(schema.ok).toBe(true);
    expect(JSON.stringify(schema)).not.toContain('portfolio_transactions');
    expect(JSON.stringify(schema)).toContain('daily_bars');
  });
});
