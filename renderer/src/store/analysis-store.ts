import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MissingData } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import {
  DividendsBlock,
  FundamentalBlock,
  readBlock,
  TechnicalBlock,
  ValuationBlock,
  type DividendsBlock as Dividends,
  type FundamentalBlock as Fundamental,
  type TechnicalBlock as Technical,
  type ValuationBlock as Valuation,
} from './analysis-blocks';
import { DEFAULT_LAYERS, type ChartLayers, type LayerId } from './chart-layers';
import { toUiError, type UiError } from './errors';

/** The chart's two price modes: as traded, or adjusted for splits and cash events (the default). */
export type ChartPriceMode = 'raw' | 'total_return';
export const DEFAULT_PRICE_MODE: ChartPriceMode = 'total_return';

/** One block of the asset's analysis: its own load state, data and what is missing for it. */
export interface Slot<T> {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  data: T | null;
  error: UiError | null;
  missing: MissingData[];
}

export type SlotName = 'technical' | 'fundamental' | 'valuation' | 'dividends';

export interface AnalysisState {
  /** The ticker shown (or being loaded); null before the first load. */
  ticker: string | null;
  priceMode: ChartPriceMode;
  technical: Slot<Technical>;
  fundamental: Slot<Fundamental>;
  valuation: Slot<Valuation>;
  dividends: Slot<Dividends>;
  /** The chart's overlays and panes, kept from one ticker to the next. */
  layers: ChartLayers;

  /** Loads every block of a ticker (again, when it is already shown). */
  load: (ticker: string) => Promise<void>;
  /** Switches the chart's prices and reloads the technical block in that mode. */
  setPriceMode: (mode: ChartPriceMode) => Promise<void>;
  setLayer: (id: LayerId, on: boolean) => void;
}

const idle = <T>(): Slot<T> => ({ phase: 'idle', data: null, error: null, missing: [] });

export function createAnalysisStore(client: Client): StoreApi<AnalysisState> {
  const seq: Record<SlotName, number> = { technical: 0, fundamental: 0, valuation: 0, dividends: 0 };

  return createStore<AnalysisState>()((set, get) => {
    /** Runs one block's request; only the latest request of that block may write its slot. */
    async function run<T>(
      name: SlotName,
      fetch: () => Promise<{ data: T | null; missing: MissingData[] }>,
    ): Promise<void> {
      const mine = ++seq[name];
      const before = get()[name] as Slot<T>;
      set({ [name]: { ...before, phase: 'loading', error: null } });
      try {
        const { data, missing } = await fetch();
        if (mine === seq[name]) set({ [name]: { phase: 'ready', data, error: null, missing } });
      } catch (e) {
        if (mine === seq[name])
          set({ [name]: { phase: 'failed', data: null, error: toUiError(e), missing: [] } });
      }
    }

    const technical = (ticker: string, mode: ChartPriceMode): Promise<void> =>
      run('technical', async () => {
        const r = await client.call('analysis.technical', { ticker, series: true, prices: mode });
        return { data: readBlock(TechnicalBlock, r.technical, 'technical'), missing: r.missing };
      });

    return {
      ticker: null,
      priceMode: DEFAULT_PRICE_MODE,
      technical: idle(),
      fundamental: idle(),
      valuation: idle(),
      dividends: idle(),
      layers: DEFAULT_LAYERS,

      async load(ticker) {
        const t = ticker.trim().toUpperCase();
        if (t !== get().ticker)
          set({
            ticker: t,
            technical: idle(),
            fundamental: idle(),
            valuation: idle(),
            dividends: idle(),
          });
        await Promise.all([
          technical(t, get().priceMode),
          run('fundamental', async () => {
            const r = await client.call('analysis.fundamental', { ticker: t });
            return { data: readBlock(FundamentalBlock, r.fundamental, 'fundamental'), missing: r.missing };
          }),
          run('valuation', async () => {
            const r = await client.call('analysis.valuation', { ticker: t });
            return { data: readBlock(ValuationBlock, r.valuation, 'valuation'), missing: r.missing };
          }),
          run('dividends', async () => {
            const r = await client.call('analysis.dividends', { ticker: t });
            return { data: readBlock(DividendsBlock, r.dividends, 'dividends'), missing: r.missing };
          }),
        ]);
      },

      async setPriceMode(mode) {
        if (mode === get().priceMode) return;
        set({ priceMode: mode });
        const t = get().ticker;
        if (t) await technical(t, mode);
      },

      setLayer(id, on) {
        set({ layers: { ...get().layers, [id]: on } });
      },
    };
  });
}
