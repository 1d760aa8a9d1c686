import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { FundamentalsState } from './fundamentals-store';
import type { SourcesState } from './sources-store';

export const SourcesStoreContext = createContext<StoreApi<SourcesState> | null>(null);
export const FundamentalsStoreContext = createContext<StoreApi<FundamentalsState> | null>(null);

export function useSourcesStoreApi(): StoreApi<SourcesState> {
  const store = useContext(SourcesStoreContext);
  if (!store)
    throw new Error('SourcesStoreContext is missing: wrap the UI in <SourcesStoreContext value={store}>');
  return store;
}

/** Reads a slice of the data sources state; re-renders only when that slice changes. */
export function useSources<T>(selector: (s: SourcesState) => T): T {
  return useStore(useSourcesStoreApi(), selector);
}

export function useFundamentalsStoreApi(): StoreApi<FundamentalsState> {
  const store = useContext(FundamentalsStoreContext);
  if (!store)
    throw new Error(
      'FundamentalsStoreContext is missing: wrap the UI in <FundamentalsStoreContext value={store}>',
    );
  return store;
}

/** Reads a slice of the fundamentals panel's state. */
export function useFundamentals<T>(selector: (s: FundamentalsState) => T): T {
  return useStore(useFundamentalsStoreApi(), selector);
}
