import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AnalysisState } from './analysis-store';
import type { CompareState } from './compare-store';
import type { MissingJobsState } from './missing-jobs-store';
import type { ScreenerState } from './screener-store';

export const AnalysisStoreContext = createContext<StoreApi<AnalysisState> | null>(null);
export const MissingJobsStoreContext = createContext<StoreApi<MissingJobsState> | null>(null);
export const CompareStoreContext = createContext<StoreApi<CompareState> | null>(null);
export const ScreenerStoreContext = createContext<StoreApi<ScreenerState> | null>(null);

function need<T>(store: T | null, name: string): T {
  if (!store) throw new Error(`${name} is missing: wrap the UI in <${name} value={store}>`);
  return store;
}

export function useAnalysisStoreApi(): StoreApi<AnalysisState> {
  return need(useContext(AnalysisStoreContext), 'AnalysisStoreContext');
}

/** Reads a slice of the asset analysis; re-renders only when that slice changes. */
export function useAnalysis<T>(selector: (s: AnalysisState) => T): T {
  return useStore(useAnalysisStoreApi(), selector);
}

export function useMissingJobs<T>(selector: (s: MissingJobsState) => T): T {
  return useStore(need(useContext(MissingJobsStoreContext), 'MissingJobsStoreContext'), selector);
}

export function useCompareStoreApi(): StoreApi<CompareState> {
  return need(useContext(CompareStoreContext), 'CompareStoreContext');
}

export function useCompare<T>(selector: (s: CompareState) => T): T {
  return useStore(useCompareStoreApi(), selector);
}

export function useScreenerStoreApi(): StoreApi<ScreenerState> {
  return need(useContext(ScreenerStoreContext), 'ScreenerStoreContext');
}

export function useScreener<T>(selector: (s: ScreenerState) => T): T {
  return useStore(useScreenerStoreApi(), selector);
}
