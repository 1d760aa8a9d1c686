import { describe, expect, it } from 'vitest';
import type { MethodName, Result, Snapshot } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createFundamentalsStore, sourceColumns, valueFrom, type Fundamentals } from './fundamentals-store';
import { fakeTransport, type FakeHandler } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const AT = '2026-11-29T00:05:04.358Z';

const wege3: Fundamentals = {
  ticker: 'WEGE3',
  metrics: [
    {
      key: 'price',
      label: 'Cotação',
      unit: 'BRL',
      values: [
        { source: 'fundamentus', value: 46.48, as_of: '2024-06-28', fetched_at: AT, snapshot_id: 4 },
        { source: 'status-invest', value: 46.5, as_of: null, fetched_at: AT, snapshot_id: 9 },
      ],
    },
    {
      key: 'pl',
      label: 'P/L',
      unit: 'ratio',
      values: [{ source: 'fundamentus', value: 31.03, as_of: null, fetched_at: AT, snapshot_id: 4 }],
    },
    {
      key: 'extra:Foo',
      label: 'Foo',
      unit: 'text',
      values: [{ source: 'other', value: 'x', as_of: null, fetched_at: AT, snapshot_id: 11 }],
    },
  ],
  sources: [
    { source: 'fundamentus', fetched_at: AT, snapshot_id: 4 },
    { source: 'status-invest', fetched_at: AT, snapshot_id: 9 },
  ],
};

const snapshot: Snapshot = {
  id: 4,
  sha256: 'ab'.repeat(32),
  source: 'fundamentus',
  model: 'fundamentals',
  query: 'ticker=WEGE3',
  url: 'http://127.0.0.1:9/detalhes.php?papel=WEGE3',
  status: 200,
  content_type: 'text/html; charset=iso-8859-1',
  bytes: 51234,
  fetched_at: AT,
  parser_version: 1,
  parse_status: 'ok',
};

function storeWith(handlers: Partial<Record<MethodName, FakeHandler>>) {
  const fake = fakeTransport(handlers);
  return { store: createFundamentalsStore(createClient(fake.transport)), calls: fake.calls };
}

describe('fundamentals helpers', () => {
  it('makes one column per source, answer order first', () => {
    expect(sourceColumns(wege3)).toEqual(['fundamentus', 'status-invest', 'other']);
  });

  it('finds the value of a source', () => {
    const [price] = wege3.metrics;
    expect(price && valueFrom(price, 'status-invest')?.value).toBe(46.5);
    expect(price && valueFrom(price, 'other')).toBeUndefined();
  });
});

describe('fundamentals store', () => {
  it("loads a ticker's fundamentals (upper-cased)", async () => {
    const { store, calls } = storeWith({ 'fundamentals.get': () => ok(wege3) });
    const loading = store.getState().load('wege3');
    expect(store.getState()).toMatchObject({ ticker: 'WEGE3', phase: 'loading' });
    await loading;
    expect(calls[0]?.input).toEqual({ ticker: 'WEGE3' });
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().data?.metrics.map((m) => m.key)).toEqual(['price', 'pl', 'extra:Foo']);
  });

  it('keeps only the answer of the last ticker asked', async () => {
    const gates: Record<string, () => void> = {};
    const { store } = storeWith({
      'fundamentals.get': (input) => {
        const t = (input as { ticker: string }).ticker;
        return new Promise((resolve) => (gates[t] = () => resolve(ok({ ...wege3, ticker: t }))));
      },
    });
    const first = store.getState().load('WEGE3');
    const second = store.getState().load('PETR4');
    gates['PETR4']?.();
    await second;
    gates['WEGE3']?.();
    await first;
    expect(store.getState().ticker).toBe('PETR4');
    expect(store.getState().data?.ticker).toBe('PETR4');
  });

  it('answers an empty list for a ticker no source has fetched', async () => {
    const { store } = storeWith({
      'fundamentals.get': () => ok({ ticker: 'ABCD3', metrics: [], sources: [] }),
    });
    await store.getState().load('ABCD3');
    expect(store.getState().data?.metrics).toEqual([]);
    expect(store.getState().phase).toBe('ready');
  });

  it('reports a failed load', async () => {
    const { store } = storeWith({
      'fundamentals.get': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'database down' } }),
    });
    await store.getState().load('WEGE3');
    expect(store.getState()).toMatchObject({ phase: 'failed', data: null, error: { code: 'UNAVAILABLE' } });
  });

  it('fetches a snapshot once, and again only after a failure', async () => {
    let fail = true;
    const { store, calls } = storeWith({
      'snapshots.get': () =>
        fail ? { ok: false, error: { code: 'NOT_FOUND', message: 'no snapshot 4' } } : ok({ snapshot }),
    });
    await store.getState().loadSnapshot(4);
    expect(store.getState().snapshots[4]).toEqual({
      status: 'failed',
      error: { code: 'NOT_FOUND', message: 'no snapshot 4' },
    });
    fail = false;
    await store.getState().loadSnapshot(4);
    await store.getState().loadSnapshot(4);
    expect(store.getState().snapshots[4]).toEqual({ status: 'ready', snapshot });
    expect(calls.filter((c) => c.method === 'snapshots.get').map((c) => c.input)).toEqual([
      { id: 4 },
      { id: 4 },
    ]);
  });
});
