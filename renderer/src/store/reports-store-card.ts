import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AiReport, ReportLanguage } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';
import {
  applyProgress,
  whileListening,
  type GenerateError,
  type ProgressEntry,
  type ProgressMap,
} from './reports-store-progress';

/**
 * The asset page's report card: the ticker's latest report, or (NOT_FOUND) an empty state that
 * writes one with the default model.
 */
export interface ReportCardState {
  ticker: string | null;
  /** 'empty': the ticker has no report yet. */
  phase: 'idle' | 'loading' | 'ready' | 'empty' | 'failed';
  report: AiReport | null;
  error: UiError | null;
  generating: boolean;
  progress: ProgressMap;
  genErrors: GenerateError[];

  load: (ticker: string) => Promise<void>;
  /** Writes a report of the shown ticker with the default model (`ai.generate` without a model). */
  generate: (language: ReportLanguage) => Promise<void>;
}

/** The progress entry to show on a card: the only one, or the last model heard from. */
export function currentProgress(map: ProgressMap): ProgressEntry | null {
  return Object.values(map).at(-1) ?? null;
}

export function createReportCardStore(client: Client): StoreApi<ReportCardState> {
  let seq = 0;
  return createStore<ReportCardState>()((set, get) => ({
    ticker: null,
    phase: 'idle',
    report: null,
    error: null,
    generating: false,
    progress: {},
    genErrors: [],

    async load(ticker) {
      const t = ticker.trim().toUpperCase();
      const mine = ++seq;
      const same = t === get().ticker;
      set({
        ticker: t,
        phase: 'loading',
        error: null,
        ...(same ? {} : { report: null, progress: {}, genErrors: [], generating: false }),
      });
      try {
        const report = await client.call('ai.latest', { ticker: t });
        if (mine === seq) set(report ? { report, phase: 'ready' } : { report: null, phase: 'empty' });
      } catch (e) {
        if (mine !== seq) return;
        const error = toUiError(e);
        if (error.code === 'NOT_FOUND') set({ report: null, phase: 'empty' });
        else set({ report: null, phase: 'failed', error });
      }
    },

    async generate(language) {
      const t = get().ticker;
      if (!t || get().generating) return;
      const mine = seq;
      set({ generating: true, progress: {}, genErrors: [], error: null });
      try {
        const out = await whileListening(
          client,
          t,
          (ev) => {
            if (get().ticker === t) set({ progress: applyProgress(get().progress, ev) });
          },
          () => client.call('ai.generate', { ticker: t, language }),
        );
        if (get().ticker !== t) return;
        const first = out.reports[0];
        // A load started meanwhile (another ticker, then back) answers for itself.
        if (first && mine === seq) set({ report: first, phase: 'ready' });
        set({ genErrors: out.errors });
      } catch (e) {
        if (get().ticker === t) set({ error: toUiError(e) });
      } finally {
        if (get().ticker === t) set({ generating: false });
      }
    },
  }));
}
