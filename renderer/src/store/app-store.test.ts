import { describe, expect, it } from 'vitest';
import type { Security } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createAppStore } from './app-store';
import { fakeTransport } from './test-support';

const petr: Security = {
  ticker: 'PETR4',
  name: 'PETROBRAS',
  specification: 'PN',
  isin: 'BRPETRACNPR6',
  lastDate: '2021-06-25',
  lastClose: 29.1,
};
const bar = {
  date: '2021-06-25',
  open: 28.9,
  high: 29.4,
  low: 28.5,
  close: 29.1,
  average: 29,
  volume: 2498432530,
  trades: 50000,
  quantity: 86000000,
  isin: 'BRPETRACNPR6',
  codbdi: '02',
  quoteFactor: 1,
};
const health = {
  status: 'healthy',
  version: '0.1.0',
  timestamp: '2021-06-25T12:00:00.000Z',
  components: {
    database: { status: 'healthy' },
    queue: { status: 'healthy' },
    scrapers: { status: 'not_started' },
  },
};

describe('app store', () => {
  it('turns ready after health and the first search, and detects an empty database', async () => {
    const { transport } = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: [] } }),
    });
    const store = createAppStore(createClient(transport));
    expect(store.getState().phase).toBe('loading');
    await store.getState().init(null);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().dbEmpty).toBe(true);
    expect(store.getState().health?.status).toBe('healthy');
  });

  it('still turns ready when the API fails, showing its message', async () => {
    const { transport } = fakeTransport({
      'tickers.search': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'server down' } }),
    });
    const store = createAppStore(createClient(transport));
    await store.getState().init(null);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().error?.message).toMatch(/health.get|server down/);
  });

  it('loads the ticker from the URL and its bars', async () => {
    const { transport } = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: [petr] } }),
      'quotes.list': () => ({ ok: true, data: { ticker: 'PETR4', security: petr, bars: [bar] } }),
    });
    const store = createAppStore(createClient(transport));
    await store.getState().init('PETR4');
    expect(store.getState().selected).toBe('PETR4');
    expect(store.getState().asset?.bars).toHaveLength(1);
    expect(store.getState().dbEmpty).toBe(false);
  });

  it('treats a ticker without quotes as a state of the page, not an error', async () => {
    const { transport } = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: [] } }),
      'quotes.list': () => ({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'no quotes for WEGE3: import a COTAHIST file that lists it' },
      }),
    });
    const store = createAppStore(createClient(transport));
    await store.getState().init('WEGE3');
    expect(store.getState()).toMatchObject({
      selected: 'WEGE3',
      asset: null,
      assetMissing: true,
      error: null,
    });
    expect(store.getState().dbEmpty).toBe(true);
    await store.getState().select(null);
    expect(store.getState().assetMissing).toBe(false);
  });

  it('still reports other failures to load the quotes', async () => {
    const { transport } = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: [petr] } }),
      'quotes.list': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'database down' } }),
    });
    const store = createAppStore(createClient(transport));
    await store.getState().init('PETR4');
    expect(store.getState()).toMatchObject({ asset: null, assetMissing: false });
    expect(store.getState().error).toEqual({ code: 'UNAVAILABLE', message: 'database down' });
  });

  it('imports uploads as base64, tracks progress, then refreshes the search', async () => {
    let imported = false;
    const fake = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: imported ? [petr] : [] } }),
      'import.cotahist': () => {
        fake.emit('import.progressed', {
          file: 'a.TXT',
          fileIndex: 0,
          fileCount: 1,
          bytesRead: 5,
          totalBytes: 10,
          records: 1,
        });
        imported = true;
        return {
          ok: true,
          data: {
            files: 1,
            records: 3,
            imported: 1,
            skipped: 0,
            tickers: 1,
            from: '2021-06-25',
            to: '2021-06-25',
          },
        };
      },
    });
    const store = createAppStore(createClient(fake.transport));
    await store.getState().init(null);
    const file = {
      name: 'a.TXT',
      arrayBuffer: () => Promise.resolve(new TextEncoder().encode('Man').buffer),
    };
    await store.getState().importFiles([file]);
    const call = fake.calls.find((c) => c.method === 'import.cotahist');
    expect(call?.input).toEqual({ uploads: [{ name: 'a.TXT', dataBase64: 'TWFu' }] });
    expect(store.getState().import.status).toBe('done');
    expect(store.getState().import.progress?.bytesRead).toBe(5);
    expect(store.getState().import.summary?.imported).toBe(1);
    expect(store.getState().dbEmpty).toBe(false);
    expect(store.getState().results.map((s) => s.ticker)).toEqual(['PETR4']);
  });

  it('shows the import error message that names the file and line', async () => {
    const message = 'COTAHIST_A2021.TXT line 12: malformed record';
    const { transport } = fakeTransport({
      'health.get': () => ({ ok: true, data: health }),
      'tickers.search': () => ({ ok: true, data: { items: [] } }),
      'import.cotahist': () => ({ ok: false, error: { code: 'MALFORMED_RECORD', message } }),
    });
    const store = createAppStore(createClient(transport));
    await store.getState().init(null);
    await store
      .getState()
      .importFiles([{ name: 'x.TXT', arrayBuffer: () => Promise.resolve(new ArrayBuffer(3)) }]);
    expect(store.getState().import.status).toBe('failed');
    expect(store.getState().error).toEqual({ code: 'MALFORMED_RECORD', message });
  });

  it('switches views without touching the selected ticker', () => {
    const { transport } = fakeTransport({});
    const store = createAppStore(createClient(transport));
    expect(store.getState().view).toBe('assets');
    store.getState().setView('jobs');
    expect(store.getState().view).toBe('jobs');
    expect(store.getState().selected).toBeNull();
  });
});
