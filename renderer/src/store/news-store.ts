import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MissingData, NewsSentimentLabel, Output } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

export type NewsAnswer = Output<'analysis.news'>;
export type NewsJob = NonNullable<MissingData['job']>;

/** Headlines per page on the asset page. */
export const NEWS_LIMIT = 20;

export interface NewsFilter {
  sentiment: NewsSentimentLabel | null;
  source: string | null;
}
export const NO_NEWS_FILTER: NewsFilter = { sentiment: null, source: null };

/**
 * The jobs an empty news panel suggests: the per-ticker Google News search, and two publishers'
 * feeds (their items are matched to tickers by the ticker and the company names).
 */
export function newsJobs(ticker: string): NewsJob[] {
  const t = ticker.trim().toUpperCase();
  return [
    { scraper_name: 'google-news', ticker: t, query: 'news:' },
    { scraper_name: 'infomoney', query: 'news:' },
    { scraper_name: 'valor', query: 'news:' },
  ];
}

export interface NewsState {
  /** The ticker shown (or being loaded); null before the first load. */
  ticker: string | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  filter: NewsFilter;
  data: NewsAnswer | null;
  /** Every source seen for this ticker, so the source filter keeps its options while filtered. */
  sources: string[];
  error: UiError | null;

  /** Loads a ticker's news (a new ticker starts unfiltered). */
  load: (ticker: string) => Promise<void>;
  setSentiment: (sentiment: NewsSentimentLabel | null) => Promise<void>;
  setSource: (source: string | null) => Promise<void>;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

export function createNewsStore(client: Client): StoreApi<NewsState> {
  let seq = 0;
  return createStore<NewsState>()((set, get) => {
    async function fetchNews(): Promise<void> {
      const { ticker, filter } = get();
      if (!ticker) return;
      const mine = ++seq;
      set({ phase: 'loading', error: null });
      try {
        const data = await client.call('analysis.news', {
          ticker,
          limit: NEWS_LIMIT,
          ...(filter.sentiment ? { sentiment: filter.sentiment } : {}),
          ...(filter.source ? { source: filter.source } : {}),
        });
        if (mine === seq) set({ data, phase: 'ready', sources: union(get().sources, data.sources) });
      } catch (e) {
        if (mine === seq) set({ data: null, phase: 'failed', error: toUiError(e) });
      }
    }

    return {
      ticker: null,
      phase: 'idle',
      filter: NO_NEWS_FILTER,
      data: null,
      sources: [],
      error: null,

      async load(ticker) {
        const t = ticker.trim().toUpperCase();
        if (t !== get().ticker) set({ ticker: t, filter: NO_NEWS_FILTER, data: null, sources: [] });
        await fetchNews();
      },

      async setSentiment(sentiment) {
        if (sentiment === get().filter.sentiment) return;
        set({ filter: { ...get().filter, sentiment } });
        await fetchNews();
      },

      async setSource(source) {
        const s = source?.trim() || null;
        if (s === get().filter.source) return;
        set({ filter: { ...get().filter, source: s } });
        await fetchNews();
      },
    };
  });
}
