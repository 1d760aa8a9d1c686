import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  Ticker,
  type AiModelEntry,
  type AiReport,
  type AiReportSummary,
  type Consensus,
  type ReportDiff,
  type ReportLanguage,
} from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';
import { exportFile, type ExportFile, type ExportFormat } from './reports-store-export';
import {
  applyProgress,
  failProgress,
  settleProgress,
  whileListening,
  type GenerateError,
  type ProgressMap,
} from './reports-store-progress';

/** The model choice that asks every enabled model at once. */
export const ALL_MODELS = 'all';
export const HISTORY_LIMIT = 50;

/** One piece of the view loaded on its own. */
export interface Loadable<T> {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  data: T | null;
  error: UiError | null;
}
const idle = <T>(): Loadable<T> => ({ phase: 'idle', data: null, error: null });
const loading = <T>(before: Loadable<T>): Loadable<T> => ({ ...before, phase: 'loading', error: null });

export interface ReportsState {
  /** The ticker whose history and consensus are shown; null before the first. */
  ticker: string | null;
  models: Loadable<{ default: string; models: AiModelEntry[] }>;
  /** A model id, `rules` or `all`; empty until the models answered (then the default). */
  model: string;
  language: ReportLanguage;
  generating: boolean;
  progress: ProgressMap;
  /** Models that failed in the last generation, with their typed error. */
  genErrors: GenerateError[];
  /** The last generation's request failed as a whole (bad ticker, no data…). */
  genError: UiError | null;
  history: Loadable<AiReportSummary[]>;
  consensus: Loadable<Consensus>;
  /** The report opened below the history. */
  open: Loadable<AiReport> & { id: string | null };
  /** Up to two report ids ticked for a diff, oldest tick first. */
  selected: string[];
  diff: Loadable<ReportDiff>;
  /** Exports in flight, by report id. */
  exporting: Record<string, ExportFormat>;
  exportError: UiError | null;

  loadModels: () => Promise<void>;
  setModel: (model: string) => void;
  setLanguage: (language: ReportLanguage) => void;
  /**
   * The app's language is `appLanguage`: when it changed since last told, reports follow it (a
   * language picked in the form stays until the app's language changes again).
   */
  followAppLanguage: (appLanguage: ReportLanguage) => void;
  /** Shows a ticker's history and consensus (again, when already shown). False for a bad ticker. */
  show: (ticker: string) => Promise<boolean>;
  /** Writes reports with the chosen model(s), following `ai.progress`; then refreshes the lists. */
  generate: (ticker: string) => Promise<void>;
  openReport: (id: string) => Promise<void>;
  closeReport: () => void;
  /** Ticks or unticks a report; with two ticked, loads their diff (older → newer). */
  toggleSelect: (id: string) => Promise<void>;
  exportReport: (id: string, format: ExportFormat) => Promise<ExportFile | null>;
}

export function createReportsStore(client: Client, initialLanguage: ReportLanguage): StoreApi<ReportsState> {
  const seq = { show: 0, open: 0, diff: 0 };
  let appLanguage = initialLanguage;

  return createStore<ReportsState>()((set, get) => {
    async function loadLists(ticker: string): Promise<void> {
      const mine = ++seq.show;
      set({ history: loading(get().history), consensus: loading(get().consensus) });
      const [history, consensus] = await Promise.allSettled([
        client.call('ai.history', { ticker, limit: HISTORY_LIMIT }),
        client.call('ai.consensus', { ticker }),
      ]);
      if (mine !== seq.show) return;
      set({
        history:
          history.status === 'fulfilled'
            ? { phase: 'ready', data: history.value.reports, error: null }
            : { phase: 'failed', data: null, error: toUiError(history.reason) },
        // No report yet is a state of the panel (NOT_FOUND), kept as such for the view to say so.
        consensus:
          consensus.status === 'fulfilled'
            ? { phase: 'ready', data: consensus.value, error: null }
            : { phase: 'failed', data: null, error: toUiError(consensus.reason) },
      });
    }

    function summaryOf(id: string): AiReportSummary | undefined {
      return get().history.data?.find((r) => r.id === id);
    }

    async function loadDiff(ids: string[]): Promise<void> {
      const [a, b] = ids;
      if (!a || !b) return;
      const [from, to] =
        (summaryOf(a)?.created_at ?? '') <= (summaryOf(b)?.created_at ?? '') ? [a, b] : [b, a];
      const mine = ++seq.diff;
      set({ diff: loading(idle()) });
      try {
        const data = await client.call('ai.diff', { id: from, other: to });
        if (mine === seq.diff) set({ diff: { phase: 'ready', data, error: null } });
      } catch (e) {
        if (mine === seq.diff) set({ diff: { phase: 'failed', data: null, error: toUiError(e) } });
      }
    }

    return {
      ticker: null,
      models: idle(),
      model: '',
      language: initialLanguage,
      generating: false,
      progress: {},
      genErrors: [],
      genError: null,
      history: idle(),
      consensus: idle(),
      open: { ...idle(), id: null },
      selected: [],
      diff: idle(),
      exporting: {},
      exportError: null,

      async loadModels() {
        set({ models: loading(get().models) });
        try {
          const data = await client.call('ai.models', {});
          const known = get().model === ALL_MODELS || data.models.some((m) => m.id === get().model);
          set({ models: { phase: 'ready', data, error: null }, ...(known ? {} : { model: data.default }) });
        } catch (e) {
          set({ models: { phase: 'failed', data: null, error: toUiError(e) } });
        }
      },

      setModel(model) {
        set({ model });
      },

      setLanguage(language) {
        set({ language });
      },

      followAppLanguage(language) {
        if (language === appLanguage) return;
        appLanguage = language;
        set({ language });
      },

      async show(ticker) {
        const parsed = Ticker.safeParse(ticker);
        if (!parsed.success) return false;
        const t = parsed.data;
        if (t !== get().ticker)
          set({
            ticker: t,
            history: idle(),
            consensus: idle(),
            open: { ...idle(), id: null },
            selected: [],
            diff: idle(),
            progress: {},
            genErrors: [],
            genError: null,
          });
        await loadLists(t);
        return true;
      },

      async generate(ticker) {
        if (get().generating) return;
        const parsed = Ticker.safeParse(ticker);
        if (!parsed.success) {
          set({ genError: { code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? ticker } });
          return;
        }
        const t = parsed.data;
        set({ generating: true, genError: null });
        try {
          if (t !== get().ticker) await get().show(t);
          const { model, language } = get();
          set({ progress: {}, genErrors: [] });
          const out = await whileListening(
            client,
            t,
            (ev) => set({ progress: applyProgress(get().progress, ev) }),
            () => client.call('ai.generate', { ticker: t, language, ...(model ? { model } : {}) }),
          );
          set({ genErrors: out.errors, progress: settleProgress(get().progress, out) });
          const first = out.reports[0];
          if (first) set({ open: { phase: 'ready', data: first, error: null, id: first.id } });
          await loadLists(t);
          if (out.consensus) set({ consensus: { phase: 'ready', data: out.consensus, error: null } });
        } catch (e) {
          const error = toUiError(e);
          set({ genError: error, progress: failProgress(get().progress, `${error.code}: ${error.message}`) });
        } finally {
          set({ generating: false });
        }
      },

      async openReport(id) {
        if (get().open.id === id && get().open.phase === 'ready') return;
        const mine = ++seq.open;
        set({ open: { phase: 'loading', data: null, error: null, id } });
        try {
          const data = await client.call('ai.report', { id });
          if (mine === seq.open) set({ open: { phase: 'ready', data, error: null, id } });
        } catch (e) {
          if (mine === seq.open) set({ open: { phase: 'failed', data: null, error: toUiError(e), id } });
        }
      },

      closeReport() {
        seq.open++;
        set({ open: { ...idle(), id: null } });
      },

      async toggleSelect(id) {
        const before = get().selected;
        const selected = before.includes(id) ? before.filter((x) => x !== id) : [...before, id].slice(-2);
        set({ selected });
        if (selected.length === 2) await loadDiff(selected);
        else {
          seq.diff++;
          set({ diff: idle() });
        }
      },

      async exportReport(id, format) {
        if (get().exporting[id]) return null;
        set({ exporting: { ...get().exporting, [id]: format }, exportError: null });
        try {
          return exportFile(await client.call('ai.export', { id, format }));
        } catch (e) {
          set({ exportError: toUiError(e) });
          return null;
        } finally {
          const { [id]: _done, ...rest } = get().exporting;
          set({ exporting: rest });
        }
      },
    };
  });
}
