import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SettingsState } from './settings-store';

export const SettingsStoreContext = createContext<StoreApi<SettingsState> | null>(null);

export function useSettingsStoreApi(): StoreApi<SettingsState> {
  const store = useContext(SettingsStoreContext);
  if (!store)
    throw new Error('SettingsStoreContext is missing: wrap the UI in <SettingsStoreContext value={store}>');
  return store;
}

/** Reads a slice of the Settings view's state; re-renders only when that slice changes. */
export function useSettings<T>(selector: (s: SettingsState) => T): T {
  return useStore(useSettingsStoreApi(), selector);
}
