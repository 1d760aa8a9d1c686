import { createStore, type StoreApi } from 'zustand/vanilla';
import { isFinishedUserJob, type DesktopPrefs, type Job } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';

export interface Toast {
  id: string;
  kind: 'job-finished';
  status: 'completed' | 'failed';
  source: string;
  ticker: string | null;
  error: string | null;
}

export interface ToastState {
  toasts: Toast[];
  /** Listen to the core's events; answers the unsubscribe. */
  start: () => () => void;
  dismiss: (id: string) => void;
}

/**
 * Toasts in the headless UI for what the desktop app shows as OS notifications: the same rule
 * (services/contract/notices.ts) and the same per-kind switch; none where the OS shows them.
 */
export function createToastStore(
  client: Client,
  o: { max?: number; ttlMs?: number } = {},
): StoreApi<ToastState> {
  return createStore<ToastState>()((set, get) => {
    let prefs: DesktopPrefs | null = null;
    const seen = new Set<string>();
    const wanted = (): boolean =>
      prefs !== null && !prefs.capabilities.os_notifications && prefs.notifications['job-finished'];
    const dismiss = (id: string): void => set({ toasts: get().toasts.filter((t) => t.id !== id) });
    const onJob = (job: Job): void => {
      if (!isFinishedUserJob(job) || !wanted()) return;
      const id = `${job.id}:${job.status}`;
      if (seen.has(id)) return;
      seen.add(id);
      const toast: Toast = {
        id,
        kind: 'job-finished',
        status: job.status === 'completed' ? 'completed' : 'failed',
        source: job.scraper_name,
        ticker: job.ticker,
        error: job.error?.message ?? null,
      };
      set({ toasts: [...get().toasts, toast].slice(-(o.max ?? 4)) });
      if (o.ttlMs !== 0) setTimeout(() => dismiss(id), o.ttlMs ?? 8_000);
    };
    return {
      toasts: [],
      dismiss,
      start: () => {
        const refresh = (): void =>
          void client.call('desktop.prefs.get', {}).then(
            (p) => (prefs = p),
            () => (prefs = null),
          );
        refresh();
        const off = client.on('job.updated', ({ job }) => onJob(job));
        // The switches may change in Settings: read them again now and then.
        const timer = setInterval(refresh, 30_000);
        return () => {
          off();
          clearInterval(timer);
        };
      },
    };
  });
}
