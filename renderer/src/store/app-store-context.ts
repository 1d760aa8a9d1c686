import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppState } from './app-store';

export const AppStoreContext = createContext<StoreApi<AppState> | null>(null);

export function useAppStoreApi(): StoreApi<AppState> {
  const store = useContext(AppStoreContext);
  if (!store) throw new Error('AppStoreContext is missing: wrap the UI in <AppStoreContext value={store}>');
  return store;
}

/** Reads a slice of the app state; re-renders only when that slice changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
