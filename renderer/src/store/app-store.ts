import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DailyBar, EventPayload, Health, ImportSummary, Security } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { bytesToBase64 } from '../client/base64';
import { toUiError, type UiError } from './errors';
import type { View } from './hash-route';

export const SEARCH_LIMIT = 50;

export type AppPhase = 'loading' | 'ready';
export type ImportProgress = EventPayload<'import.progressed'>;

export interface ImportState {
  status: 'idle' | 'reading' | 'sending' | 'done' | 'failed';
  /** File being read into memory (status 'reading'). */
  current: string | null;
  fileCount: number;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
}

export interface AssetData {
  ticker: string;
  security: Security;
  bars: DailyBar[];
}

/** Anything with a name and bytes: a DOM File, or a stand-in in tests. */
export interface ImportableFile {
  name: string;
  arrayBuffer: () => Promise<ArrayBuffer>;
}

export interface AppState {
  phase: AppPhase;
  /** The top-level view: the asset page or the jobs console. */
  view: View;
  health: Health | null;
  query: string;
  results: Security[];
  /** The query the current results answer; null before the first search. */
  resultsQuery: string | null;
  /** True when a search with an empty query found nothing: the database holds no quotes. */
  dbEmpty: boolean | null;
  selected: string | null;
  asset: AssetData | null;
  assetLoading: boolean;
  /** The selected ticker has no quotes (quotes.list said NOT_FOUND): the page shows what it can. */
  assetMissing: boolean;
  importOpen: boolean;
  import: ImportState;
  error: UiError | null;

  /** Loads health and the first results (and the ticker of the URL, if any), then turns 'ready'. */
  init: (initialTicker: string | null) => Promise<void>;
  dispose: () => void;
  /** Re-reads the health (the header: services, sources, network); errors stay quiet. */
  refreshHealth: () => Promise<void>;
  setQuery: (q: string) => void;
  search: (q: string) => Promise<Security[]>;
  select: (ticker: string | null) => Promise<void>;
  setImportOpen: (open: boolean) => void;
  importFiles: (files: readonly ImportableFile[]) => Promise<void>;
  dismissError: () => void;
  setView: (view: View) => void;
}

const idleImport: ImportState = {
  status: 'idle',
  current: null,
  fileCount: 0,
  progress: null,
  summary: null,
};

export function createAppStore(client: Client): StoreApi<AppState> {
  let searchSeq = 0;
  let assetSeq = 0;
  let started = false;
  const unsubscribers: Array<() => void> = [];

  return createStore<AppState>()((set, get) => {
    const fail = (e: unknown): void => set({ error: toUiError(e) });

    async function runSearch(q: string): Promise<Security[]> {
      const seq = ++searchSeq;
      const { items } = await client.call('tickers.search', { q, limit: SEARCH_LIMIT });
      if (q.trim() === '') set({ dbEmpty: items.length === 0 });
      if (seq === searchSeq) set({ results: items, resultsQuery: q });
      return items;
    }

    async function loadAsset(ticker: string): Promise<void> {
      const seq = ++assetSeq;
      set({ assetLoading: true });
      try {
        const data = await client.call('quotes.list', { ticker });
        if (seq === assetSeq)
          set({
            asset: { ticker: data.ticker, security: data.security, bars: data.bars },
            assetMissing: false,
          });
      } catch (e) {
        const err = toUiError(e);
        if (seq !== assetSeq) return;
        // No quotes is a state of the page (fundamentals may still exist), not an error.
        if (err.code === 'NOT_FOUND') set({ asset: null, assetMissing: true });
        else set({ asset: null, assetMissing: false, error: err });
      } finally {
        if (seq === assetSeq) set({ assetLoading: false });
      }
    }

    return {
      phase: 'loading',
      view: 'assets',
      health: null,
      query: '',
      results: [],
      resultsQuery: null,
      dbEmpty: null,
      selected: null,
      asset: null,
      assetLoading: false,
      assetMissing: false,
      importOpen: false,
      import: idleImport,
      error: null,

      async init(initialTicker) {
        if (started) return;
        started = true;
        unsubscribers.push(
          client.on('import.progressed', (p) => {
            if (get().import.status === 'sending') set({ import: { ...get().import, progress: p } });
          }),
        );
        const health = client.call('health.get', {}).then(
          (h) => set({ health: h }),
          (e: unknown) => fail(e),
        );
        const search = runSearch('').catch(fail);
        await Promise.all([health, search]);
        if (initialTicker) {
          set({ selected: initialTicker });
          await loadAsset(initialTicker);
        }
        set({ phase: 'ready' });
      },

      async refreshHealth() {
        try {
          set({ health: await client.call('health.get', {}) });
        } catch {
          // The next refresh tries again; a failing health call says nothing new to show.
        }
      },

      dispose() {
        for (const off of unsubscribers.splice(0)) off();
      },

      setQuery(q) {
        set({ query: q });
      },

      async search(q) {
        try {
          return await runSearch(q);
        } catch (e) {
          fail(e);
          return [];
        }
      },

      async select(ticker) {
        const t = ticker ? ticker.trim().toUpperCase() : null;
        if (t === get().selected && (get().asset?.ticker === t || get().assetLoading)) return;
        set({ selected: t, error: null });
        // Opening a ticker from the home page's search or lists goes to its asset page.
        if (t && get().view === 'home') set({ view: 'assets' });
        if (!t) {
          assetSeq++;
          set({ asset: null, assetLoading: false, assetMissing: false });
          return;
        }
        if (get().asset?.ticker !== t) set({ asset: null, assetMissing: false });
        await loadAsset(t);
      },

      setImportOpen(open) {
        set({ importOpen: open });
        if (open && (get().import.status === 'done' || get().import.status === 'failed'))
          set({ import: idleImport });
      },

      async importFiles(files) {
        if (files.length === 0) return;
        const status = get().import.status;
        if (status === 'reading' || status === 'sending') return;
        set({
          error: null,
          importOpen: true,
          import: { ...idleImport, status: 'reading', fileCount: files.length },
        });
        try {
          const uploads: Array<{ name: string; dataBase64: string }> = [];
          for (const f of files) {
            set({ import: { ...get().import, current: f.name } });
            uploads.push({ name: f.name, dataBase64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) });
          }
          set({ import: { ...get().import, status: 'sending', current: null } });
          const summary = await client.call('import.cotahist', { uploads });
          set({ import: { ...get().import, status: 'done', summary } });
        } catch (e) {
          set({ import: { ...get().import, status: 'failed', current: null }, error: toUiError(e) });
          return;
        }
        const { query, selected } = get();
        await get().search('');
        if (query.trim() !== '') await get().search(query);
        if (selected) await loadAsset(selected);
      },

      dismissError() {
        set({ error: null });
      },

      setView(view) {
        if (view !== get().view) set({ view });
      },
    };
  });
}
