import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Output } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type CompareResult = Output<'analysis.compare'>;
export type CompareRow = CompareResult['rows'][number];

export const MAX_COMPARE = 10;
const TICKER = /^[A-Z0-9.=^-]{2,16}$/;

/** Why a list of tickers cannot be compared (the view words it). */
export type CompareInputError =
  { code: 'empty' } | { code: 'tooMany'; count: number } | { code: 'invalid'; ticker: string };

/**
 * The tickers typed in the box: split on commas, semicolons or spaces, upper-cased, each once, in
 * order. At most ten, each shaped like a ticker (PETR4, or a symbol such as BZ=F).
 */
export function parseTickers(text: string): { tickers: string[]; error: CompareInputError | null } {
  const tickers = [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((t) => t.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
  if (tickers.length === 0) return { tickers, error: { code: 'empty' } };
  const bad = tickers.find((t) => !TICKER.test(t));
  if (bad) return { tickers, error: { code: 'invalid', ticker: bad } };
  if (tickers.length > MAX_COMPARE) return { tickers, error: { code: 'tooMany', count: tickers.length } };
  return { tickers, error: null };
}

export interface CompareState {
  /** What the box holds. */
  input: string;
  inputError: CompareInputError | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  /** The tickers of the answer shown (or being loaded). */
  tickers: string[];
  result: CompareResult | null;
  error: UiError | null;

  setInput: (text: string) => void;
  /** Compares the tickers in the box; answers the tickers asked for, or null when the box is refused. */
  run: () => Promise<string[] | null>;
}

export function createCompareStore(client: Client): StoreApi<CompareState> {
  let seq = 0;
  return createStore<CompareState>()((set, get) => ({
    input: '',
    inputError: null,
    phase: 'idle',
    tickers: [],
    result: null,
    error: null,

    setInput(text) {
      set({ input: text, inputError: null });
    },

    async run() {
      const { tickers, error } = parseTickers(get().input);
      if (error) {
        set({ inputError: error });
        return null;
      }
      const mine = ++seq;
      set({ inputError: null, phase: 'loading', error: null, tickers });
      try {
        const result = await client.call('analysis.compare', { tickers: tickers.join(',') });
        if (mine === seq) set({ result, phase: 'ready' });
      } catch (e) {
        if (mine === seq) set({ result: null, phase: 'failed', error: toUiError(e) });
      }
      return tickers;
    },
  }));
}
