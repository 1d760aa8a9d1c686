import { createStore, type StoreApi } from 'zustand/vanilla';
import { isAppError, type Job, type ScraperEntry } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type WizardStep = 'language' | 'history' | 'sources' | 'done';

/** The COTAHIST source: B3's yearly files, one job per year through the queue. */
export const COTAHIST_SOURCE = 'b3-cotahist';

export interface WizardState {
  step: WizardStep;
  years: number[];
  /** Jobs queued for the chosen years, by id, with their last status. */
  jobs: Record<string, { year: number; status: Job['status']; error: string | null }>;
  /** A download failed for lack of network: the UI offers the local-file import instead. */
  offline: boolean;
  sources: ScraperEntry[];
  error: UiError | null;
  busy: boolean;

  go: (step: WizardStep) => void;
  toggleYear: (year: number) => void;
  importHistory: () => Promise<void>;
  loadSources: () => Promise<void>;
  setEnabled: (id: string, enabled: boolean) => Promise<void>;
  signIn: (id: string) => Promise<void>;
  finish: () => Promise<void>;
  /** Follow the queued jobs (`job.updated`); answers the unsubscribe. */
  listen: () => () => void;
}

const NETWORK_CODES = new Set(['UNAVAILABLE', 'TIMEOUT', 'BLOCKED']);

/** The last `n` complete years before `now` (B3 publishes a year's file once it ends; this year's grows daily). */
export function defaultYears(now: Date, n = 3): number[] {
  const y = now.getFullYear();
  return Array.from({ length: n }, (_, i) => y - i);
}

export function createWizardStore(client: Client, now: Date = new Date()): StoreApi<WizardState> {
  return createStore<WizardState>()((set, get) => ({
    step: 'language',
    years: defaultYears(now),
    jobs: {},
    offline: false,
    sources: [],
    error: null,
    busy: false,

    go: (step) => set({ step, error: null }),
    toggleYear: (year) => {
      const years = get().years;
      set({
        years: years.includes(year)
          ? years.filter((y) => y !== year)
          : [...years, year].sort((a, b) => b - a),
      });
    },
    importHistory: async () => {
      const years = get().years;
      if (years.length === 0) return;
      set({ busy: true, error: null });
      try {
        const { jobs } = await client.call('jobs.createBatch', {
          jobs: years.map((y) => ({
            scraper_name: COTAHIST_SOURCE,
            query: `year=${y}`,
            priority: 'high' as const,
          })),
        });
        const next = { ...get().jobs };
        jobs.forEach((j, i) => (next[j.id] = { year: years[i] ?? 0, status: j.status, error: null }));
        set({ jobs: next, busy: false });
      } catch (e) {
        set({ busy: false, error: toUiError(e), offline: isAppError(e) && NETWORK_CODES.has(e.code) });
      }
    },
    loadSources: async () => {
      try {
        const r = await client.call('scrapers.list', {});
        set({ sources: r.scrapers });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    setEnabled: async (id, enabled) => {
      try {
        await client.call('scrapers.setEnabled', { scraper: id, enabled });
        set({ sources: get().sources.map((s) => (s.id === id ? { ...s, enabled } : s)) });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    signIn: async (id) => {
      try {
        await client.call('scrapers.login', { scraper: id });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    finish: async () => {
      try {
        await client.call('desktop.prefs.set', { wizard_done: true });
        set({ step: 'done' });
      } catch (e) {
        set({ error: toUiError(e) });
      }
    },
    listen: () =>
      client.on('job.updated', ({ job }) => {
        const mine = get().jobs[job.id];
        if (!mine) return;
        const failedOffline =
          job.status === 'failed' && job.error !== null && NETWORK_CODES.has(job.error.code);
        set({
          jobs: {
            ...get().jobs,
            [job.id]: { ...mine, status: job.status, error: job.error?.message ?? null },
          },
          offline: get().offline || failedOffline,
        });
      }),
  }));
}
