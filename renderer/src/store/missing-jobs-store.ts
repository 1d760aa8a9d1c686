import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MissingData } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';

/** The job an analysis answer says would fetch what is missing. */
export type MissingJob = NonNullable<MissingData['job']>;

export type QueueEntry =
  { status: 'queuing' } | { status: 'queued'; jobId: string } | { status: 'failed'; error: UiError };

/** One key per distinct job (source, ticker, query), so a button knows its own state. */
export function jobKey(job: MissingJob): string {
  return [job.scraper_name, job.ticker ?? '', job.query ?? ''].join('|');
}

/** What is missing across several answers, once per `what` (first one wins), in order. */
export function mergeMissing(...lists: ReadonlyArray<readonly MissingData[]>): MissingData[] {
  const seen = new Map<string, MissingData>();
  for (const list of lists) for (const m of list) if (!seen.has(m.what)) seen.set(m.what, m);
  return [...seen.values()];
}

export interface MissingJobsState {
  entries: Record<string, QueueEntry>;
  /** Queues the job (`jobs.create`); a job already queued or in flight is not queued twice. */
  queue: (job: MissingJob) => Promise<void>;
}

export function createMissingJobsStore(client: Client): StoreApi<MissingJobsState> {
  return createStore<MissingJobsState>()((set, get) => {
    const put = (key: string, entry: QueueEntry): void =>
      set({ entries: { ...get().entries, [key]: entry } });
    return {
      entries: {},
      async queue(job) {
        const key = jobKey(job);
        const have = get().entries[key];
        if (have && have.status !== 'failed') return;
        put(key, { status: 'queuing' });
        try {
          const { job: created } = await client.call('jobs.create', {
            scraper_name: job.scraper_name,
            ...(job.ticker ? { ticker: job.ticker } : {}),
            ...(job.query ? { query: job.query } : {}),
          });
          put(key, { status: 'queued', jobId: created.id });
        } catch (e) {
          put(key, { status: 'failed', error: toUiError(e) });
        }
      },
    };
  });
}
