import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ReportsState } from './reports-store';
import type { ReportCardState } from './reports-store-card';

export const ReportsStoreContext = createContext<StoreApi<ReportsState> | null>(null);
export const ReportCardStoreContext = createContext<StoreApi<ReportCardState> | null>(null);

function need<T>(store: T | null, name: string): T {
  if (!store) throw new Error(`${name} is missing: wrap the UI in <${name} value={store}>`);
  return store;
}

export function useReportsStoreApi(): StoreApi<ReportsState> {
  return need(useContext(ReportsStoreContext), 'ReportsStoreContext');
}

/** Reads a slice of the Reports view's state; re-renders only when that slice changes. */
export function useReports<T>(selector: (s: ReportsState) => T): T {
  return useStore(useReportsStoreApi(), selector);
}

export function useReportCardStoreApi(): StoreApi<ReportCardState> {
  return need(useContext(ReportCardStoreContext), 'ReportCardStoreContext');
}

/** Reads a slice of the asset page's report card. */
export function useReportCard<T>(selector: (s: ReportCardState) => T): T {
  return useStore(useReportCardStoreApi(), selector);
}
