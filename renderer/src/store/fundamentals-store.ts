import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Output, Snapshot } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type Fundamentals = Output<'fundamentals.get'>;
export type FundamentalMetric = Fundamentals['metrics'][number];
export type ProvenancedValue = FundamentalMetric['values'][number];

export type SnapshotEntry =
  { status: 'loading' } | { status: 'ready'; snapshot: Snapshot } | { status: 'failed'; error: UiError };

export interface FundamentalsState {
  /** The ticker shown (or being loaded); null before the first load. */
  ticker: string | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  data: Fundamentals | null;
  error: UiError | null;
  /** Provenance records fetched so far, by snapshot id. */
  snapshots: Record<number, SnapshotEntry>;

  /** Loads a ticker's fundamentals (again, when it is already shown). */
  load: (ticker: string) => Promise<void>;
  /** Fetches a snapshot's provenance record once; later calls reuse it. */
  loadSnapshot: (id: number) => Promise<void>;
}

/** The sources with at least one value, in the order of the answer's `sources`, then of first use. */
export function sourceColumns(data: Fundamentals): string[] {
  const cols = data.sources.map((s) => s.source);
  for (const m of data.metrics) for (const v of m.values) if (!cols.includes(v.source)) cols.push(v.source);
  return cols;
}

/** The value of one metric from one source, or undefined when that source has none. */
export function valueFrom(metric: FundamentalMetric, source: string): ProvenancedValue | undefined {
  return metric.values.find((v) => v.source === source);
}

export function createFundamentalsStore(client: Client): StoreApi<FundamentalsState> {
  let seq = 0;
  return createStore<FundamentalsState>()((set, get) => ({
    ticker: null,
    phase: 'idle',
    data: null,
    error: null,
    snapshots: {},

    async load(ticker) {
      const t = ticker.trim().toUpperCase();
      const mine = ++seq;
      set({ ticker: t, phase: 'loading', error: null, ...(get().data?.ticker === t ? {} : { data: null }) });
      try {
        const data = await client.call('fundamentals.get', { ticker: t });
        if (mine === seq) set({ data, phase: 'ready' });
      } catch (e) {
        if (mine === seq) set({ data: null, phase: 'failed', error: toUiError(e) });
      }
    },

    async loadSnapshot(id) {
      const have = get().snapshots[id];
      if (have && have.status !== 'failed') return;
      const put = (entry: SnapshotEntry): void => set({ snapshots: { ...get().snapshots, [id]: entry } });
      put({ status: 'loading' });
      try {
        const { snapshot } = await client.call('snapshots.get', { id });
        put({ status: 'ready', snapshot });
      } catch (e) {
        put({ status: 'failed', error: toUiError(e) });
      }
    },
  }));
}
