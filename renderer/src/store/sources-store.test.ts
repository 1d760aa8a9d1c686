import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  MethodName,
  Result,
  ScraperEntry,
  ScraperHealth,
  ScraperTestResult,
} from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createSourcesStore, mergeSources } from './sources-store';
import { fakeTransport, type FakeHandler } from './test-support';

function entry(id: string, patch: Partial<ScraperEntry> = {}): ScraperEntry {
  return {
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    url: `https://${id}.example`,
    category: 'fundamentals',
    models: ['fundamentals'],
    requires_login: false,
    uses_browser: false,
    enabled: true,
    credentials: [],
    base_url: `https://${id}.example`,
    rate_per_minute: 20,
    aliases: [id.toUpperCase()],
    ...patch,
  };
}

function health(id: string, patch: Partial<ScraperHealth> = {}): ScraperHealth {
  return {
    id,
    name: id,
    status: 'unknown',
    enabled: true,
    last_success: null,
    last_error: null,
    attempts: 0,
    success_rate: null,
    freshness_seconds: null,
    last_items: null,
    items_total: 0,
    last_via: null,
    missing_credentials: [],
    circuit: { state: 'closed', consecutive_failures: 0, opened_at: null },
    ...patch,
  };
}

function testResult(scraper: string, patch: Partial<ScraperTestResult> = {}): ScraperTestResult {
  return {
    success: true,
    scraper,
    model: 'fundamentals',
    query: 'ticker=PETR4',
    execution_time: 0.42,
    data: [{ ticker: 'PETR4' }],
    item_count: 1,
    snapshot_id: 7,
    error: null,
    ...patch,
  };
}

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const healthAnswer = (scrapers: ScraperHealth[]) => ({
  overall_health: 'unknown',
  total_scrapers: scrapers.length,
  healthy: scrapers.filter((s) => s.status === 'healthy').length,
  unhealthy: scrapers.filter((s) => s.status === 'unhealthy').length,
  unknown: scrapers.filter((s) => s.status === 'unknown').length,
  needs_login: scrapers.filter((s) => s.status === 'needs_login').length,
  needs_setup: scrapers.filter((s) => s.status === 'needs_setup').length,
  healthy_percentage: 0,
  scrapers,
  network: { state: 'online', since: null, next_probe_at: null, failing_sources: [], last_code: null },
});

const cookieAnswer = {
  exists: false,
  valid: false,
  age_days: null,
  expires_in_days: null,
  needs_renewal: false,
  severity: 'ok',
  action_required: null,
  sites_covered: [],
  sources: [],
};

/** A fake server holding the sources' state, so toggles and tests change what health answers. */
function server(ids: string[]) {
  const entries = new Map(ids.map((id) => [id, entry(id)]));
  const states = new Map(ids.map((id) => [id, health(id)]));
  const handlers: Partial<Record<MethodName, FakeHandler>> = {
    'scrapers.list': () =>
      ok({
        total: entries.size,
        public: entries.size,
        private: 0,
        categories: {},
        scrapers: [...entries.values()],
      }),
    'scrapers.health': () => ok(healthAnswer([...states.values()])),
    'scrapers.cookiesStatus': () => ok(cookieAnswer),
    'scrapers.setEnabled': (input) => {
      const { scraper, enabled } = input as { scraper: string; enabled: boolean };
      const e = entries.get(scraper);
      if (!e) return { ok: false, error: { code: 'NOT_FOUND', message: `no source "${scraper}"` } };
      entries.set(scraper, { ...e, enabled });
      states.set(scraper, { ...health(scraper), enabled, status: enabled ? 'unknown' : 'disabled' });
      return ok({ scraper: entries.get(scraper) });
    },
  };
  return { entries, states, handlers };
}

const stores: Array<{ getState: () => { dispose: () => void } }> = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.getState().dispose();
});

function storeWith(handlers: Partial<Record<MethodName, FakeHandler>>) {
  const fake = fakeTransport(handlers);
  const store = createSourcesStore(createClient(fake.transport), { refreshMs: 60_000 });
  stores.push(store);
  return { store, calls: fake.calls };
}

describe('mergeSources', () => {
  it('joins list and health by id, in the list order', () => {
    const rows = mergeSources(
      [entry('fundamentus'), entry('bcb'), entry('cvm', { enabled: false })],
      [health('bcb', { status: 'healthy' }), health('fundamentus', { status: 'unhealthy' })],
    );
    expect(rows.map((r) => [r.entry.id, r.status, r.health?.id ?? null])).toEqual([
      ['fundamentus', 'unhealthy', 'fundamentus'],
      ['bcb', 'healthy', 'bcb'],
      ['cvm', 'disabled', null],
    ]);
  });

  it('says unknown for an enabled source health does not mention yet', () => {
    expect(mergeSources([entry('yahoo')], [])[0]?.status).toBe('unknown');
  });
});

describe('sources store', () => {
  it('loads the list and the health when the view opens, then turns ready', async () => {
    const srv = server(['fundamentus', 'bcb']);
    srv.states.set('bcb', health('bcb', { status: 'healthy', success_rate: 100, freshness_seconds: 300 }));
    const { store } = storeWith(srv.handlers);
    expect(store.getState().phase).toBe('idle');
    await store.getState().setActive(true);
    const s = store.getState();
    expect(s.phase).toBe('ready');
    expect(s.scrapers.map((x) => x.id)).toEqual(['fundamentus', 'bcb']);
    expect(s.health.find((h) => h.id === 'bcb')?.freshness_seconds).toBe(300);
    expect(s.summary?.healthy).toBe(1);
    expect(s.error).toBeNull();
  });

  it('tests a source with just its id, shows busy meanwhile, keeps the result and re-reads the health', async () => {
    const srv = server(['fundamentus']);
    const gate: { release?: () => void } = {};
    srv.handlers['scrapers.test'] = () =>
      new Promise((resolve) => {
        gate.release = () => {
          srv.states.set(
            'fundamentus',
            health('fundamentus', { status: 'healthy', attempts: 1, success_rate: 100 }),
          );
          resolve(ok(testResult('fundamentus', { item_count: 1 })));
        };
      });
    const { store, calls } = storeWith(srv.handlers);
    await store.getState().setActive(true);
    const running = store.getState().test('fundamentus');
    expect(store.getState().testing).toEqual({ fundamentus: true });
    const healthCalls = calls.filter((c) => c.method === 'scrapers.health').length;
    expect(gate.release).toBeDefined();
    gate.release?.();
    await running;
    expect(calls.find((c) => c.method === 'scrapers.test')?.input).toEqual({ scraper: 'fundamentus' });
    const s = store.getState();
    expect(s.testing).toEqual({});
    expect(s.results['fundamentus']).toMatchObject({ success: true, item_count: 1, execution_time: 0.42 });
    expect(s.results['fundamentus']).not.toHaveProperty('data');
    expect(calls.filter((c) => c.method === 'scrapers.health').length).toBe(healthCalls + 1);
    expect(mergeSources(s.scrapers, s.health)[0]?.status).toBe('healthy');
  });

  it('shows a failed test with its error code and message', async () => {
    const srv = server(['fundamentus']);
    srv.handlers['scrapers.test'] = () =>
      ok(
        testResult('fundamentus', {
          success: false,
          data: null,
          item_count: 0,
          snapshot_id: 3,
          error: { code: 'NOT_FOUND', message: 'Fundamentus has no paper PETR4' },
        }),
      );
    const { store } = storeWith(srv.handlers);
    await store.getState().test('fundamentus');
    expect(store.getState().results['fundamentus']).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND', message: 'Fundamentus has no paper PETR4' },
    });
    expect(store.getState().error).toBeNull();
  });

  it('shows a test the API refused as a failed result of that row', async () => {
    const srv = server(['fundamentus']);
    srv.handlers['scrapers.test'] = () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'query: fundamentus fundamentals needs ticker' },
    });
    const { store } = storeWith(srv.handlers);
    await store.getState().test('fundamentus');
    expect(store.getState().results['fundamentus']).toMatchObject({
      success: false,
      item_count: 0,
      error: { code: 'INVALID_INPUT', message: 'query: fundamentus fundamentals needs ticker' },
    });
    expect(store.getState().testing).toEqual({});
  });

  it('tests all sources, keeps each result and the summary', async () => {
    const srv = server(['fundamentus', 'bcb']);
    srv.handlers['scrapers.testAll'] = () =>
      ok({
        total: 2,
        passed: 1,
        failed: 1,
        execution_time: 1.5,
        results: [
          testResult('fundamentus', {
            success: false,
            error: { code: 'TIMEOUT', message: 'slow' },
            data: null,
          }),
          testResult('bcb', { item_count: 12 }),
        ],
      });
    const { store, calls } = storeWith(srv.handlers);
    await store.getState().setActive(true);
    const done = store.getState().testAll();
    expect(store.getState().testingAll).toBe(true);
    await done;
    const s = store.getState();
    expect(s.testingAll).toBe(false);
    expect(s.testAllSummary).toEqual({ total: 2, passed: 1, failed: 1, execution_time: 1.5 });
    expect(s.results['bcb']?.item_count).toBe(12);
    expect(s.results['fundamentus']?.error?.code).toBe('TIMEOUT');
    expect(calls.at(-1)?.method).toBe('scrapers.health');
  });

  it('enables and disables a source, then re-reads the health', async () => {
    const srv = server(['fundamentus', 'bcb']);
    const { store, calls } = storeWith(srv.handlers);
    await store.getState().setActive(true);
    await store.getState().setEnabled('bcb', false);
    expect(calls.find((c) => c.method === 'scrapers.setEnabled')?.input).toEqual({
      scraper: 'bcb',
      enabled: false,
    });
    let s = store.getState();
    expect(s.scrapers.find((x) => x.id === 'bcb')?.enabled).toBe(false);
    expect(s.health.find((h) => h.id === 'bcb')?.status).toBe('disabled');
    expect(mergeSources(s.scrapers, s.health).map((r) => r.status)).toEqual(['unknown', 'disabled']);
    expect(s.toggling).toEqual({});

    await store.getState().setEnabled('bcb', true);
    s = store.getState();
    expect(mergeSources(s.scrapers, s.health).map((r) => r.status)).toEqual(['unknown', 'unknown']);
  });

  it('shows a refused toggle as an error and leaves the row as it was', async () => {
    const srv = server(['fundamentus']);
    const { store } = storeWith(srv.handlers);
    await store.getState().setActive(true);
    await store.getState().setEnabled('nope', false);
    expect(store.getState().error).toEqual({ code: 'NOT_FOUND', message: 'no source "nope"' });
    expect(store.getState().scrapers[0]?.enabled).toBe(true);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('reports a failed load and still turns ready', async () => {
    const { store } = storeWith({
      'scrapers.list': () => ({
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'the data sources are not started' },
      }),
      'scrapers.health': () => ok(healthAnswer([])),
    });
    await store.getState().setActive(true);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().error?.code).toBe('UNAVAILABLE');
  });

  it('re-reads the health on a timer while the view is open, and stops when it closes', async () => {
    const srv = server(['fundamentus']);
    const fake = fakeTransport(srv.handlers);
    const store = createSourcesStore(createClient(fake.transport), { refreshMs: 10 });
    stores.push(store);
    await store.getState().setActive(true);
    await new Promise((r) => setTimeout(r, 45));
    const count = () => fake.calls.filter((c) => c.method === 'scrapers.health').length;
    expect(count()).toBeGreaterThanOrEqual(3);
    await store.getState().setActive(false);
    const after = count();
    await new Promise((r) => setTimeout(r, 40));
    expect(count()).toBe(after);
  });
});

describe('sources store: keys from Settings', () => {
  it('saves a key with the source and name, updates the entry, and keeps no value', async () => {
    const srv = server(['coinmarketcap']);
    srv.entries.set(
      'coinmarketcap',
      entry('coinmarketcap', {
        credentials: [{ name: 'apiKey', optional: false, configured: false }],
      }),
    );
    srv.handlers['scrapers.setCredential'] = (input) => {
      const { scraper, value } = input as { scraper: string; name: string; value: string };
      const e = srv.entries.get(scraper)!;
      srv.entries.set(scraper, {
        ...e,
        credentials: [{ name: 'apiKey', optional: false, configured: value !== '' }],
      });
      return ok({ scraper: srv.entries.get(scraper) });
    };
    const { store, calls } = storeWith(srv.handlers);
    await store.getState().ensureList();
    expect(store.getState().scrapers[0]?.credentials[0]?.configured).toBe(false);
    expect(await store.getState().setCredential('coinmarketcap', 'apiKey', 'k-1')).toBe(true);
    expect(calls.find((c) => c.method === 'scrapers.setCredential')?.input).toEqual({
      scraper: 'coinmarketcap',
      name: 'apiKey',
      value: 'k-1',
    });
    expect(store.getState().scrapers[0]?.credentials[0]?.configured).toBe(true);
    expect(store.getState().savedCredential).toBe('coinmarketcap:apiKey');
    expect(JSON.stringify(store.getState())).not.toContain('k-1');
  });
});

describe('sources store: sign-in', () => {
  const session = (state: 'signed-in' | 'not-signed-in' | 'signing-in') => ({
    id: 'fundamentei',
    name: 'Fundamentei',
    state,
    signed_in: state === 'signed-in',
    window_open: state === 'signing-in',
    cookies: [],
    expires_in_days: state === 'signed-in' ? 29.5 : null,
    needs_renewal: false,
    reason: null,
  });

  it('opens the window, then shows what the scrapers.login event said and re-reads the sessions', async () => {
    const srv = server(['fundamentei']);
    let state: 'signed-in' | 'not-signed-in' | 'signing-in' = 'not-signed-in';
    srv.handlers['scrapers.cookiesStatus'] = () => ok({ ...cookieAnswer, sources: [session(state)] });
    srv.handlers['scrapers.login'] = (input) => {
      state = 'signing-in';
      return ok({ scraper: (input as { scraper: string }).scraper, state: 'opened' });
    };
    const fake = fakeTransport(srv.handlers);
    const store = createSourcesStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    await store.getState().setActive(true);
    expect(store.getState().sessions['fundamentei']?.state).toBe('not-signed-in');

    await store.getState().login('fundamentei');
    expect(fake.calls.find((c) => c.method === 'scrapers.login')?.input).toEqual({ scraper: 'fundamentei' });
    expect(store.getState().signinNotice).toEqual({ id: 'fundamentei', kind: 'opened' });
    expect(store.getState().sessions['fundamentei']?.state).toBe('signing-in');

    state = 'signed-in';
    fake.emit('scrapers.login', { scraper: 'fundamentei', result: 'signed-in' });
    await vi.waitFor(() => expect(store.getState().sessions['fundamentei']?.state).toBe('signed-in'));
    expect(store.getState().signinNotice).toEqual({ id: 'fundamentei', kind: 'signed-in' });
    expect(store.getState().error).toBeNull();
  });
});
