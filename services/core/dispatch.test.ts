import { describe, expect, it } from 'vitest';
import { AppError, methodNames, type Output } from '../contract';
import type { Ctx } from './context';
import { dispatch } from './dispatch';
import { EventBus } from './events/bus';
import type { Handlers } from './handlers';
import type { Logger } from './logging/logger';

interface Logged {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

function fakeCtx(): { ctx: Ctx; logged: Logged[] } {
  const logged: Logged[] = [];
  const log: Logger = {
    debug: (msg, fields) => logged.push({ level: 'debug', msg, ...(fields ? { fields } : {}) }),
    info: (msg, fields) => logged.push({ level: 'info', msg, ...(fields ? { fields } : {}) }),
    warn: (msg, fields) => logged.push({ level: 'warn', msg, ...(fields ? { fields } : {}) }),
    error: (msg, fields) => logged.push({ level: 'error', msg, ...(fields ? { fields } : {}) }),
    child: () => log,
  };
  // The stores are never touched by the fake handlers below.
  const ctx = { dataDir: '/nowhere', version: '9.9.9', events: new EventBus(), log } as unknown as Ctx;
  return { ctx, logged };
}

const SECURITY = {
  ticker: 'PETR4',
  name: 'PETROBRAS',
  specification: 'PN N2',
  isin: 'BRPETRACNPR6',
  lastDate: '2021-06-25',
  lastClose: 29.1,
};
const SUMMARY: Output<'import.cotahist'> = {
  files: 1,
  records: 3,
  imported: 2,
  skipped: 1,
  tickers: 2,
  from: '2021-06-25',
  to: '2021-06-25',
};

/** Methods these tests never call. */
const unused = (): Promise<never> => Promise.reject(new Error('not used by these tests'));

function fakeHandlers(overrides: Partial<Handlers> = {}): {
  handlers: Handlers;
  seen: Array<{ method: string; input: unknown; ctx: Ctx }>;
} {
  const seen: Array<{ method: string; input: unknown; ctx: Ctx }> = [];
  const handlers: Handlers = {
    // Every method the tests below do not call (new methods need no edit here).
    ...(Object.fromEntries(methodNames.map((name) => [name, unused])) as unknown as Handlers),
    'health.get': (input, ctx) => {
      seen.push({ method: 'health.get', input, ctx });
      const c = { status: 'healthy' as const };
      return Promise.resolve({
        status: 'healthy',
        version: ctx.version,
        timestamp: new Date(0).toISOString(),
        components: { database: c, queue: c, scrapers: c },
      });
    },
    'tickers.search': (input, ctx) => {
      seen.push({ method: 'tickers.search', input, ctx });
      return Promise.resolve({ items: [SECURITY] });
    },
    'quotes.list': (input, ctx) => {
      seen.push({ method: 'quotes.list', input, ctx });
      return Promise.resolve({ ticker: input.ticker, security: SECURITY, bars: [] });
    },
    'import.cotahist': (input, ctx) => {
      seen.push({ method: 'import.cotahist', input, ctx });
      return Promise.resolve(SUMMARY);
    },
    ...overrides,
  };
  return { handlers, seen };
}

describe('dispatch', () => {
  it('an unknown method → UNKNOWN_METHOD, without calling any handler', async () => {
    const { handlers, seen } = fakeHandlers();
    const { ctx } = fakeCtx();
    for (const name of ['quotes.delete', 'toString', '__proto__', '']) {
      const r = await dispatch(handlers, name, {}, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      if (!r.ok) expect(r.error.message).toContain(`"${name}"`);
    }
    expect(seen).toEqual([]);
  });

  it('invalid input → INVALID_INPUT naming the method and the field', async () => {
    const { handlers, seen } = fakeHandlers();
    const { ctx } = fakeCtx();
    const r = await dispatch(handlers, 'quotes.list', { ticker: 'PETR4', from: '2021-13-40' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toMatch(/^quotes\.list: from: /);
    expect(r.error.details?.fields).toEqual(['from']);
    const limit = await dispatch(handlers, 'tickers.search', { limit: 0 }, ctx);
    expect(limit).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { fields: ['limit'] } },
    });
    expect(seen).toEqual([]);
  });

  it('hands the handler the parsed input (defaults, coercion, upper-case) and the ctx', async () => {
    const { handlers, seen } = fakeHandlers();
    const { ctx } = fakeCtx();
    expect(await dispatch(handlers, 'tickers.search', { limit: '5' }, ctx)).toEqual({
      ok: true,
      data: { items: [SECURITY] },
    });
    expect(await dispatch(handlers, 'quotes.list', { ticker: ' petr4 ' }, ctx)).toMatchObject({
      ok: true,
      data: { ticker: 'PETR4' },
    });
    expect(await dispatch(handlers, 'health.get', undefined, ctx)).toMatchObject({
      ok: true,
      data: { version: '9.9.9' },
    });
    expect(seen.map((s) => s.input)).toEqual([{ q: '', limit: 5 }, { ticker: 'PETR4' }, {}]);
    expect(seen.every((s) => s.ctx === ctx)).toBe(true);
  });

  it('an AppError thrown by a handler keeps its code, message and details', async () => {
    const { handlers } = fakeHandlers({
      'quotes.list': (input) =>
        Promise.reject(new AppError('NOT_FOUND', `no quotes for ${input.ticker}`, { ticker: input.ticker })),
    });
    const { ctx } = fakeCtx();
    expect(await dispatch(handlers, 'quotes.list', { ticker: 'ZZZZ9' }, ctx)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no quotes for ZZZZ9', details: { ticker: 'ZZZZ9' } },
    });
  });

  it('a plain Error → INTERNAL with the method name, and it is logged', async () => {
    const { handlers } = fakeHandlers({ 'tickers.search': () => Promise.reject(new Error('disk on fire')) });
    const { ctx, logged } = fakeCtx();
    const r = await dispatch(handlers, 'tickers.search', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'tickers.search: disk on fire' } });
    expect(logged.some((l) => l.level === 'error' && l.fields?.method === 'tickers.search')).toBe(true);
  });

  it('a synchronous throw is caught too', async () => {
    const { handlers } = fakeHandlers({
      'tickers.search': () => {
        throw new Error('sync');
      },
    });
    const { ctx } = fakeCtx();
    expect(await dispatch(handlers, 'tickers.search', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'tickers.search: sync' },
    });
  });

  it('a thrown non-Error value → INTERNAL', async () => {
    // Rejections with strings happen in third-party code.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point of the test
    const { handlers } = fakeHandlers({ 'tickers.search': () => Promise.reject('plain string') });
    const { ctx } = fakeCtx();
    expect(await dispatch(handlers, 'tickers.search', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'tickers.search: plain string' },
    });
  });

  it('never throws, even when a handler rejects with undefined or null', async () => {
    const { ctx } = fakeCtx();
    for (const reason of [undefined, null]) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the point of the test
      const { handlers } = fakeHandlers({ 'tickers.search': () => Promise.reject(reason) });
      const r = await dispatch(handlers, 'tickers.search', {}, ctx).catch((e: unknown) => ({ threw: e }));
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    }
  });

  it('an output that does not match the schema → INTERNAL, and the issues are logged', async () => {
    const { handlers } = fakeHandlers({
      'import.cotahist': () => Promise.resolve({ ...SUMMARY, from: '25/06/2021' }),
    });
    const { ctx, logged } = fakeCtx();
    const r = await dispatch(handlers, 'import.cotahist', { paths: ['/a.TXT'] }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).toContain('import.cotahist');
    expect(logged.find((l) => l.level === 'error')?.fields).toMatchObject({ method: 'import.cotahist' });
  });

  it('the output is the parsed output (unknown keys stripped)', async () => {
    const { handlers } = fakeHandlers({
      'import.cotahist': () => Promise.resolve({ ...SUMMARY, secret: 'x' } as Output<'import.cotahist'>),
    });
    const { ctx } = fakeCtx();
    expect(await dispatch(handlers, 'import.cotahist', { paths: ['/a.TXT'] }, ctx)).toEqual({
      ok: true,
      data: SUMMARY,
    });
  });
});
