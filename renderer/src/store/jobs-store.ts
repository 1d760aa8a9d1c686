import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Input, Job, JobStatus, Output, Schedule } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { toUiError, type UiError } from './errors';
import { addIfMissing, applyJobUpdate, NO_FILTER, type JobFilter, type JobPage } from './job-list';
import { BUILT_IN_JOB_SOURCES, runnableSources } from './job-sources';

export const JOBS_PAGE = 50;
export const STATS_PERIOD = '24h';

export type QueueStatus = Output<'jobs.queueStatus'>;
export type StatsSummary = Output<'jobs.statsSummary'>;
export type ComponentStatus = Output<'orchestrator.status'>['components'][number];
export type ScheduleError = Output<'schedules.list'>['errors'][number];
export type CreateJobInput = Input<'jobs.create'>;

export interface JobsState {
  /** 'ready' once the jobs view's first load (list, counts, schedules, components) answered. */
  phase: 'idle' | 'loading' | 'ready';
  active: boolean;
  filter: JobFilter;
  limit: number;
  jobs: Job[];
  total: number;
  queue: QueueStatus | null;
  stats: StatsSummary | null;
  schedules: Schedule[];
  scheduleErrors: ScheduleError[];
  /** The orchestrator's components, in start order; null until the first answer. */
  components: ComponentStatus[] | null;
  /** Source ids the create form offers: the built-in job types and the enabled data sources. */
  runnableSources: string[];
  creating: boolean;
  createError: UiError | null;
  /** Ids of jobs and schedules with a request in flight (their buttons are disabled meanwhile). */
  busy: Record<string, true>;
  /** A failed load or action; shown above the table. */
  error: UiError | null;

  /** Listens to `job.updated` and polls the components' health; call once. */
  init: () => void;
  dispose: () => void;
  /** The jobs view opened (loads everything) or closed (stops the slow refresh of its data). */
  setActive: (active: boolean) => Promise<void>;
  refresh: () => Promise<void>;
  setFilter: (patch: Partial<JobFilter>) => Promise<void>;
  loadMore: () => Promise<void>;
  createJob: (input: CreateJobInput) => Promise<Job | null>;
  cancelJob: (id: string) => Promise<void>;
  retryJob: (id: string) => Promise<void>;
  setScheduleEnabled: (id: string, enabled: boolean) => Promise<void>;
  dismissError: () => void;
}

export interface JobsStoreOptions {
  /** The slow fallback refresh (events carry the live changes). */
  refreshMs?: number;
  /** Queue and stats counts are re-read this long after a burst of events. */
  countsDelayMs?: number;
}

export function createJobsStore(client: Client, options: JobsStoreOptions = {}): StoreApi<JobsState> {
  const refreshMs = options.refreshMs ?? 10_000;
  const countsDelayMs = options.countsDelayMs ?? 300;
  const unsubscribers: Array<() => void> = [];
  let timer: ReturnType<typeof setInterval> | null = null;
  let countsTimer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let listSeq = 0;
  /** Events that arrive while jobs.list is in flight are re-applied over its (older) answer. */
  let buffered: Job[] | null = null;
  /** Last event number per job, so a late API answer never overwrites a newer event. */
  let eventSeq = 0;
  const lastEvent = new Map<string, number>();

  return createStore<JobsState>()((set, get) => {
    const page = (): JobPage => ({ jobs: get().jobs, total: get().total });
    const setBusy = (id: string, on: boolean): void => {
      const busy = { ...get().busy };
      if (on) busy[id] = true;
      else delete busy[id];
      set({ busy });
    };

    function onJobUpdated(job: Job): void {
      lastEvent.set(job.id, ++eventSeq);
      buffered?.push(job);
      set(applyJobUpdate(page(), job, get().filter, get().limit));
      if (get().active) scheduleCounts();
    }

    function scheduleCounts(): void {
      if (countsTimer) return;
      countsTimer = setTimeout(() => {
        countsTimer = null;
        void loadCounts().catch((e: unknown) => set({ error: toUiError(e) }));
      }, countsDelayMs);
    }

    /** Puts an API answer about one job on screen unless an event about it came in after `since`. */
    function applyAnswer(job: Job, since: number): void {
      if ((lastEvent.get(job.id) ?? 0) > since) return;
      set(applyJobUpdate(page(), job, get().filter, get().limit));
    }

    async function loadList(): Promise<void> {
      const seq = ++listSeq;
      const { filter, limit } = get();
      buffered = [];
      try {
        const res = await client.call('jobs.list', {
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.source ? { scraper: filter.source } : {}),
          limit,
          offset: 0,
        });
        if (seq !== listSeq) return;
        let next: JobPage = { jobs: res.jobs, total: res.total };
        for (const job of buffered) next = applyJobUpdate(next, job, filter, limit);
        set(next);
      } finally {
        if (seq === listSeq) buffered = null;
      }
    }

    async function loadCounts(): Promise<void> {
      const [queue, stats] = await Promise.all([
        client.call('jobs.queueStatus', {}),
        client.call('jobs.statsSummary', { period: STATS_PERIOD }),
      ]);
      set({ queue, stats });
    }

    async function loadSchedules(): Promise<void> {
      const { schedules, errors } = await client.call('schedules.list', {});
      set({ schedules, scheduleErrors: errors });
    }

    async function loadComponents(): Promise<void> {
      const { components } = await client.call('orchestrator.status', {});
      set({ components });
    }

    /** The create form's suggestions; without `scrapers.list` it keeps offering the built-in types. */
    async function loadRunnable(): Promise<void> {
      try {
        const { scrapers } = await client.call('scrapers.list', {});
        set({ runnableSources: runnableSources(scrapers) });
      } catch {
        set({ runnableSources: [...BUILT_IN_JOB_SOURCES] });
      }
    }

    async function settle(loads: Array<Promise<void>>): Promise<void> {
      const results = await Promise.allSettled(loads);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) set({ error: toUiError(failed.reason) });
    }

    function tick(): void {
      const loads = [loadComponents()];
      if (get().active) loads.push(loadList(), loadCounts(), loadSchedules());
      void settle(loads);
    }

    async function jobAction(id: string, method: 'jobs.cancel' | 'jobs.retry'): Promise<void> {
      setBusy(id, true);
      const since = eventSeq;
      try {
        const { job } = await client.call(method, { job_id: id });
        applyAnswer(job, since);
        scheduleCounts();
      } catch (e) {
        set({ error: toUiError(e) });
      } finally {
        setBusy(id, false);
      }
    }

    return {
      phase: 'idle',
      active: false,
      filter: NO_FILTER,
      limit: JOBS_PAGE,
      jobs: [],
      total: 0,
      queue: null,
      stats: null,
      schedules: [],
      scheduleErrors: [],
      components: null,
      runnableSources: [...BUILT_IN_JOB_SOURCES],
      creating: false,
      createError: null,
      busy: {},
      error: null,

      init() {
        if (started) return;
        started = true;
        unsubscribers.push(client.on('job.updated', ({ job }) => onJobUpdated(job)));
        void settle([loadComponents()]);
        timer = setInterval(tick, refreshMs);
      },

      dispose() {
        for (const off of unsubscribers.splice(0)) off();
        if (timer) clearInterval(timer);
        if (countsTimer) clearTimeout(countsTimer);
        timer = countsTimer = null;
        started = false;
      },

      async setActive(active) {
        set({ active });
        if (!active) return;
        if (get().phase === 'idle') set({ phase: 'loading' });
        await get().refresh();
        set({ phase: 'ready' });
      },

      async refresh() {
        await settle([loadList(), loadCounts(), loadSchedules(), loadComponents(), loadRunnable()]);
      },

      async setFilter(patch) {
        set({ filter: { ...get().filter, ...patch }, limit: JOBS_PAGE });
        await settle([loadList()]);
      },

      async loadMore() {
        set({ limit: Math.min(500, get().limit + JOBS_PAGE) });
        await settle([loadList()]);
      },

      async createJob(input) {
        set({ creating: true, createError: null });
        const since = eventSeq;
        try {
          const { job } = await client.call('jobs.create', input);
          if ((lastEvent.get(job.id) ?? 0) <= since)
            set(addIfMissing(page(), job, get().filter, get().limit));
          scheduleCounts();
          return job;
        } catch (e) {
          set({ createError: toUiError(e) });
          return null;
        } finally {
          set({ creating: false });
        }
      },

      async cancelJob(id) {
        await jobAction(id, 'jobs.cancel');
      },

      async retryJob(id) {
        await jobAction(id, 'jobs.retry');
      },

      async setScheduleEnabled(id, enabled) {
        setBusy(id, true);
        try {
          const { schedule } = await client.call('schedules.update', { schedule_id: id, enabled });
          set({ schedules: get().schedules.map((s) => (s.id === schedule.id ? schedule : s)) });
        } catch (e) {
          set({ error: toUiError(e) });
        } finally {
          setBusy(id, false);
        }
      },

      dismissError() {
        set({ error: null });
      },
    };
  });
}

/** Statuses in the order the filter and the counts list them. */
export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'retry',
  'completed',
  'failed',
  'cancelled',
];
