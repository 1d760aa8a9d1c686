import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { NewsState } from './news-store';

export const NewsStoreContext = createContext<StoreApi<NewsState> | null>(null);

export function useNewsStoreApi(): StoreApi<NewsState> {
  const store = useContext(NewsStoreContext);
  if (!store) throw new Error('NewsStoreContext is missing: wrap the UI in <NewsStoreContext value={store}>');
  return store;
}

/** Reads a slice of the news panel's state; re-renders only when that slice changes. */
export function useNews<T>(selector: (s: NewsState) => T): T {
  return useStore(useNewsStoreApi(), selector);
}
