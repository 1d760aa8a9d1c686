import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  EventPayload,
  Output,
  ScraperEntry,
  ScraperHealth,
  ScraperTestResult,
} from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type SourceStatus = ScraperHealth['status'];
export type HealthSummary = Omit<Output<'scrapers.health'>, 'scrapers'>;
export type TestAllSummary = Omit<Output<'scrapers.testAll'>, 'results'>;
/** A test's answer without its items (the table shows only the count). */
export type TestOutcome = Omit<ScraperTestResult, 'data'>;
export type CookieStatus = Output<'scrapers.cookiesStatus'>;
export type SourceSession = CookieStatus['sources'][number];
/** What the last sign-in action said: the window opened, or how it ended (the `scrapers.login` event). */
export type SigninNotice =
  | { id: string; kind: 'opened' }
  | { id: string; kind: EventPayload<'scrapers.login'>['result']; message?: string };

/** One table row: the source as listed, its health (null until reported) and the status to show. */
export interface SourceRow {
  entry: ScraperEntry;
  health: ScraperHealth | null;
  status: SourceStatus;
}

/**
 * Joins `scrapers.list` and `scrapers.health` by id, in the list's order. A source the health
 * report does not mention yet is `unknown`, or `disabled` when the list says so.
 */
export function mergeSources(
  entries: readonly ScraperEntry[],
  health: readonly ScraperHealth[],
): SourceRow[] {
  const byId = new Map(health.map((h) => [h.id, h]));
  return entries.map((entry) => {
    const h = byId.get(entry.id) ?? null;
    const status: SourceStatus = !entry.enabled ? 'disabled' : (h?.status ?? 'unknown');
    return { entry, health: h, status };
  });
}

export interface SourcesState {
  /** 'ready' once the view's first load (list and health) answered. */
  phase: 'idle' | 'loading' | 'ready';
  active: boolean;
  scrapers: ScraperEntry[];
  health: ScraperHealth[];
  summary: HealthSummary | null;
  /** The last manual test of each source, by id. */
  results: Record<string, TestOutcome>;
  /** Ids with a test in flight. */
  testing: Record<string, true>;
  /** Ids with an enable/disable in flight. */
  toggling: Record<string, true>;
  testingAll: boolean;
  testAllSummary: TestAllSummary | null;
  error: UiError | null;
  /** Sessions of the sources that sign in, by id (from `scrapers.cookiesStatus`). */
  sessions: Record<string, SourceSession>;
  cookieSummary: Omit<CookieStatus, 'sources'> | null;
  /** Ids with a sign-in or sign-out call in flight. */
  signing: Record<string, true>;
  signinNotice: SigninNotice | null;
  /** `${source}:${name}` of credentials being saved, and the last one saved. */
  savingCredential: Record<string, true>;
  savedCredential: string | null;

  /** The view opened (loads, then re-reads the health now and then) or closed (stops that). */
  setActive: (active: boolean) => Promise<void>;
  refresh: () => Promise<void>;
  refreshHealth: () => Promise<void>;
  /** Runs the source's own test query now (`scrapers.test` with just the id). */
  test: (id: string) => Promise<void>;
  testAll: () => Promise<void>;
  setEnabled: (id: string, enabled: boolean) => Promise<void>;
  loadSessions: () => Promise<void>;
  /** Opens the sign-in window (`scrapers.login`); the outcome comes as an event. */
  login: (id: string) => Promise<void>;
  logout: (id: string) => Promise<void>;
  /** Sets (or, with '', clears) a source's key or token; the value is never kept here after. */
  setCredential: (id: string, name: string, value: string) => Promise<boolean>;
  /** Loads the list once when a view outside Data sources needs it (Settings' keys). */
  ensureList: () => Promise<void>;
  dismissError: () => void;
  dispose: () => void;
}

export interface SourcesStoreOptions {
  /** How often the health is re-read while the view is open. */
  refreshMs?: number;
}

function withoutData(r: ScraperTestResult): TestOutcome {
  const { data: _data, ...rest } = r;
  return rest;
}

/** A test the API refused outright (unknown source, bad model…), shown like a failed test. */
function refusedTest(id: string, e: unknown): TestOutcome {
  return {
    success: false,
    scraper: id,
    model: '',
    query: '',
    execution_time: 0,
    item_count: 0,
    snapshot_id: null,
    error: toUiError(e),
  };
}

export function createSourcesStore(
  client: Client,
  options: SourcesStoreOptions = {},
): StoreApi<SourcesState> {
  const refreshMs = options.refreshMs ?? 15_000;
  let timer: ReturnType<typeof setInterval> | null = null;
  let healthSeq = 0;
  let sessionSeq = 0;
  let offLogin: (() => void) | null = null;

  return createStore<SourcesState>()((set, get) => {
    const mark = (key: 'testing' | 'toggling', id: string, on: boolean): void => {
      const next = { ...get()[key] };
      if (on) next[id] = true;
      else delete next[id];
      set(key === 'testing' ? { testing: next } : { toggling: next });
    };
    const fail = (e: unknown): void => set({ error: toUiError(e) });

    async function loadList(): Promise<void> {
      const { scrapers } = await client.call('scrapers.list', {});
      set({ scrapers });
    }

    async function loadHealth(): Promise<void> {
      const seq = ++healthSeq;
      const { scrapers, ...summary } = await client.call('scrapers.health', {});
      if (seq === healthSeq) set({ health: scrapers, summary });
    }

    async function loadSessions(): Promise<void> {
      const seq = ++sessionSeq;
      const { sources, ...summary } = await client.call('scrapers.cookiesStatus', {});
      if (seq !== sessionSeq) return;
      const sessions = Object.fromEntries(sources.map((x) => [x.id, x]));
      // A notice the sessions no longer bear out (signed in, then expired; opened, then closed) goes.
      const n = get().signinNotice;
      const now = n ? sessions[n.id]?.state : undefined;
      const stale =
        (n?.kind === 'signed-in' && now !== 'signed-in') || (n?.kind === 'opened' && now !== 'signing-in');
      set({ sessions, cookieSummary: summary, ...(stale ? { signinNotice: null } : {}) });
    }

    const markSigning = (id: string, on: boolean): void => {
      const next = { ...get().signing };
      if (on) next[id] = true;
      else delete next[id];
      set({ signing: next });
    };

    function stopTimer(): void {
      if (timer) clearInterval(timer);
      timer = null;
      offLogin?.();
      offLogin = null;
    }

    return {
      phase: 'idle',
      active: false,
      scrapers: [],
      health: [],
      summary: null,
      results: {},
      testing: {},
      toggling: {},
      testingAll: false,
      testAllSummary: null,
      error: null,
      sessions: {},
      cookieSummary: null,
      signing: {},
      signinNotice: null,
      savingCredential: {},
      savedCredential: null,

      async setActive(active) {
        set({ active });
        stopTimer();
        if (!active) return;
        if (get().phase === 'idle') set({ phase: 'loading' });
        timer = setInterval(() => {
          void get().refreshHealth();
          void get().loadSessions();
        }, refreshMs);
        offLogin = client.on('scrapers.login', (p) => {
          set({
            signinNotice: { id: p.scraper, kind: p.result, ...(p.message ? { message: p.message } : {}) },
          });
          void get().loadSessions();
        });
        await get().refresh();
        set({ phase: 'ready' });
      },

      async refresh() {
        const results = await Promise.allSettled([loadList(), loadHealth(), loadSessions()]);
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) fail(failed.reason);
      },

      async refreshHealth() {
        try {
          await loadHealth();
        } catch (e) {
          fail(e);
        }
      },

      async test(id) {
        if (get().testing[id]) return;
        mark('testing', id, true);
        try {
          const r = await client.call('scrapers.test', { scraper: id });
          set({ results: { ...get().results, [id]: withoutData(r) } });
        } catch (e) {
          set({ results: { ...get().results, [id]: refusedTest(id, e) } });
        } finally {
          mark('testing', id, false);
        }
        await get().refreshHealth();
      },

      async testAll() {
        if (get().testingAll) return;
        set({ testingAll: true, testAllSummary: null });
        try {
          const { results, ...summary } = await client.call('scrapers.testAll', {});
          const next = { ...get().results };
          for (const r of results) next[r.scraper] = withoutData(r);
          set({ results: next, testAllSummary: summary });
        } catch (e) {
          fail(e);
        } finally {
          set({ testingAll: false });
        }
        await get().refreshHealth();
      },

      async setEnabled(id, enabled) {
        mark('toggling', id, true);
        try {
          const { scraper } = await client.call('scrapers.setEnabled', { scraper: id, enabled });
          set({ scrapers: get().scrapers.map((s) => (s.id === scraper.id ? scraper : s)) });
        } catch (e) {
          fail(e);
        } finally {
          mark('toggling', id, false);
        }
        await get().refreshHealth();
      },

      async loadSessions() {
        try {
          await loadSessions();
        } catch (e) {
          fail(e);
        }
      },

      async login(id) {
        if (get().signing[id]) return;
        markSigning(id, true);
        try {
          await client.call('scrapers.login', { scraper: id });
          set({ signinNotice: { id, kind: 'opened' } });
        } catch (e) {
          fail(e);
        } finally {
          markSigning(id, false);
        }
        await get().loadSessions();
      },

      async logout(id) {
        if (get().signing[id]) return;
        markSigning(id, true);
        try {
          await client.call('scrapers.logout', { scraper: id });
          if (get().signinNotice?.id === id) set({ signinNotice: null });
        } catch (e) {
          fail(e);
        } finally {
          markSigning(id, false);
        }
        await get().loadSessions();
      },

      async setCredential(id, name, value) {
        const key = `${id}:${name}`;
        if (get().savingCredential[key]) return false;
        set({ savingCredential: { ...get().savingCredential, [key]: true }, savedCredential: null });
        try {
          const { scraper } = await client.call('scrapers.setCredential', { scraper: id, name, value });
          set({
            scrapers: get().scrapers.map((s) => (s.id === scraper.id ? scraper : s)),
            savedCredential: key,
          });
          void get().refreshHealth();
          return true;
        } catch (e) {
          fail(e);
          return false;
        } finally {
          const next = { ...get().savingCredential };
          delete next[key];
          set({ savingCredential: next });
        }
      },

      async ensureList() {
        if (get().scrapers.length > 0) return;
        try {
          await loadList();
        } catch (e) {
          fail(e);
        }
      },

      dismissError() {
        set({ error: null });
      },

      dispose() {
        stopTimer();
      },
    };
  });
}
