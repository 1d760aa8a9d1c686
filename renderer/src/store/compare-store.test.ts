import { describe, expect, it } from 'vitest';
import type { Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createCompareStore, parseTickers, type CompareResult } from './compare-store';
import { fakeTransport } from './test-support';

// As `b3ai serve` answers PETR4,VALE3 with only the 2021-06-25 COTAHIST file imported.
const row = (ticker: string, price: number) => ({
  ticker,
  found: true,
  name: null,
  sector: null,
  price,
  as_of: '2021-06-25',
  current: {},
  normalized: [{ date: '2021-06-25', value: 100 }],
  metrics: { pl: null, pvp: null, dy: null, roe: null },
  returns: { '1m': null, '12m': null, since: 0 },
  trend: 'SIDEWAYS',
});
const answer: CompareResult = {
  tickers: ['PETR4', 'VALE3'],
  rows: [row('PETR4', 29.1), row('VALE3', 112.4)],
  since: '2021-06-25',
  timestamp: '2026-11-29T02:36:09.759Z',
};

describe('parseTickers', () => {
  it('splits on commas, semicolons and spaces, upper-cases and drops repeats', () => {
    expect(parseTickers(' petr4, VALE3;itub4  petr4 ')).toEqual({
      tickers: ['PETR4', 'VALE3', 'ITUB4'],
      error: null,
    });
    expect(parseTickers('BZ=F, ^BVSP').tickers).toEqual(['BZ=F', '^BVSP']);
  });

  it('refuses an empty box, a non-ticker and more than ten', () => {
    expect(parseTickers(' , ').error).toEqual({ code: 'empty' });
    expect(parseTickers('PETR4, P/L').error).toEqual({ code: 'invalid', ticker: 'P/L' });
    const eleven = Array.from({ length: 11 }, (_, i) => `ABCD${i + 1}`).join(',');
    expect(parseTickers(eleven).error).toEqual({ code: 'tooMany', count: 11 });
    const ten = Array.from({ length: 10 }, (_, i) => `ABCD${i + 1}`).join(',');
    expect(parseTickers(ten).error).toBeNull();
  });
});

describe('compare store', () => {
  it('compares the tickers typed and keeps the answer', async () => {
    const fake = fakeTransport({ 'analysis.compare': () => ({ ok: true, data: answer }) });
    const store = createCompareStore(createClient(fake.transport));
    store.getState().setInput('petr4, vale3');
    const running = store.getState().run();
    expect(store.getState()).toMatchObject({ phase: 'loading', tickers: ['PETR4', 'VALE3'] });
    await expect(running).resolves.toEqual(['PETR4', 'VALE3']);
    expect(fake.calls[0]?.input).toEqual({ tickers: 'PETR4,VALE3' });
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().result?.rows.map((r) => [r.ticker, r.price, r.normalized.length])).toEqual([
      ['PETR4', 29.1, 1],
      ['VALE3', 112.4, 1],
    ]);
  });

  it('does not call the API for a refused box, and clears the refusal on typing', async () => {
    const fake = fakeTransport({});
    const store = createCompareStore(createClient(fake.transport));
    store.getState().setInput('');
    await expect(store.getState().run()).resolves.toBeNull();
    expect(store.getState().inputError).toEqual({ code: 'empty' });
    expect(fake.calls).toHaveLength(0);
    store.getState().setInput('P');
    expect(store.getState().inputError).toBeNull();
  });

  it('reports a failed comparison', async () => {
    const fake = fakeTransport({
      'analysis.compare': (): Result<unknown> => ({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'compare up to 10 tickers' },
      }),
    });
    const store = createCompareStore(createClient(fake.transport));
    store.getState().setInput('PETR4');
    await store.getState().run();
    expect(store.getState()).toMatchObject({
      phase: 'failed',
      result: null,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
