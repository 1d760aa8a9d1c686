import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SqlState } from './sql-store';

export const SqlStoreContext = createContext<StoreApi<SqlState> | null>(null);

export function useSqlStoreApi(): StoreApi<SqlState> {
  const store = useContext(SqlStoreContext);
  if (!store) throw new Error('SqlStoreContext is missing: wrap the UI in <SqlStoreContext value={store}>');
  return store;
}

/** Reads a slice of the SQL console's state; re-renders only when that slice changes. */
export function useSql<T>(selector: (s: SqlState) => T): T {
  return useStore(useSqlStoreApi(), selector);
}
