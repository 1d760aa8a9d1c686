import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { JobsState } from './jobs-store';

export const JobsStoreContext = createContext<StoreApi<JobsState> | null>(null);

export function useJobsStoreApi(): StoreApi<JobsState> {
  const store = useContext(JobsStoreContext);
  if (!store) throw new Error('JobsStoreContext is missing: wrap the UI in <JobsStoreContext value={store}>');
  return store;
}

/** Reads a slice of the jobs state; re-renders only when that slice changes. */
export function useJobs<T>(selector: (s: JobsState) => T): T {
  return useStore(useJobsStoreApi(), selector);
}
