import { afterEach, describe, expect, it } from 'vitest';
import type { Job, MethodName, Result, Schedule } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createJobsStore } from './jobs-store';
import { fakeTransport, testJob, type FakeHandler } from './test-support';

const job = testJob;

const schedule: Schedule = {
  id: 'fundamentus-daily',
  name: 'Fundamentus (daily 20:00)',
  cron: '0 20 * * *',
  timezone: 'America/Sao_Paulo',
  sources: ['fundamentus'],
  tickers: ['PETR4'],
  priority: 'normal',
  trading_days_only: true,
  enabled: true,
  run_missed_on_start: true,
  next_run_at: '2026-11-30T23:00:00.000Z',
  last_run_at: null,
  unavailable_sources: ['fundamentus'],
  needs_setup_sources: [],
  skipped: [],
};

const queue = {
  queue_lengths: { high: 0, normal: 1, low: 0 },
  total_pending: 1,
  running: 0,
  by_status: { pending: 1, running: 0, completed: 2, failed: 1, cancelled: 0, retry: 0 },
  workers: { total: 2, busy: 0, idle: 2, restarting: 0, processes: [] },
};
const stats = {
  period: '24h',
  total_jobs: 3,
  successful_jobs: 2,
  failed_jobs: 1,
  success_rate: 66.6667,
  avg_response_time_seconds: 0.004,
  last_execution: null,
};
const components = [
  {
    name: 'storage',
    state: 'running',
    health: { status: 'healthy' },
    started_at: null,
    last_check_at: null,
  },
];

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });

function baseHandlers(list: () => Job[]): Partial<Record<MethodName, FakeHandler>> {
  return {
    'jobs.list': () => ok({ jobs: list(), total: list().length, limit: 50, offset: 0 }),
    'jobs.queueStatus': () => ok(queue),
    'jobs.statsSummary': () => ok(stats),
    'schedules.list': () => ok({ schedules: [schedule], errors: [] }),
    'orchestrator.status': () => ok({ components }),
  };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const stores: Array<{ getState: () => { dispose: () => void } }> = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.getState().dispose();
});

describe('jobs store', () => {
  it('loads list, counts, schedules and components when the view opens, then turns ready', async () => {
    const { transport } = fakeTransport(baseHandlers(() => [job('j1')]));
    const store = createJobsStore(createClient(transport), { refreshMs: 60_000 });
    stores.push(store);
    store.getState().init();
    expect(store.getState().phase).toBe('idle');
    await store.getState().setActive(true);
    const s = store.getState();
    expect(s.phase).toBe('ready');
    expect(s.jobs.map((j) => j.id)).toEqual(['j1']);
    expect(s.queue?.by_status.completed).toBe(2);
    expect(s.stats?.success_rate).toBeCloseTo(66.6667);
    expect(s.schedules[0]?.id).toBe('fundamentus-daily');
    expect(s.components?.[0]?.name).toBe('storage');
  });

  it('applies job.updated live and re-reads the counts shortly after', async () => {
    const fake = fakeTransport(baseHandlers(() => [job('j1')]));
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000, countsDelayMs: 5 });
    stores.push(store);
    store.getState().init();
    await store.getState().setActive(true);
    const before = fake.calls.filter((c) => c.method === 'jobs.queueStatus').length;
    fake.emit('job.updated', { job: job('j2', { status: 'running' }) });
    fake.emit('job.updated', { job: job('j1', { status: 'completed' }) });
    expect(store.getState().jobs.map((j) => [j.id, j.status])).toEqual([
      ['j2', 'running'],
      ['j1', 'completed'],
    ]);
    expect(store.getState().total).toBe(2);
    await tick(30);
    expect(fake.calls.filter((c) => c.method === 'jobs.queueStatus').length).toBe(before + 1);
    fake.emit('job.updated', { job: { id: 'broken' } });
    expect(store.getState().jobs).toHaveLength(2);
  });

  it('re-applies events that arrive while jobs.list is in flight', async () => {
    let release: (() => void) | null = null;
    const handlers = baseHandlers(() => [job('j1')]);
    const list = handlers['jobs.list'];
    handlers['jobs.list'] = (input) =>
      new Promise((resolve) => {
        release = () => resolve(list!(input));
      });
    const fake = fakeTransport(handlers);
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    store.getState().init();
    const opening = store.getState().setActive(true);
    await tick();
    fake.emit('job.updated', { job: job('j1', { status: 'completed' }) });
    release!();
    await opening;
    expect(store.getState().jobs[0]?.status).toBe('completed');
  });

  it('passes the filters to jobs.list', async () => {
    const fake = fakeTransport(baseHandlers(() => []));
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    await store.getState().setFilter({ status: 'failed', source: 'cotahist' });
    expect(fake.calls.filter((c) => c.method === 'jobs.list').at(-1)?.input).toEqual({
      status: 'failed',
      scraper: 'cotahist',
      limit: 50,
      offset: 0,
    });
  });

  it('shows the API message when a job is refused, and adds a created one', async () => {
    const message = 'scraper_name: source "fundamentus" is known but not available in this build yet';
    const fake = fakeTransport({
      ...baseHandlers(() => []),
      'jobs.create': (input) =>
        (input as { scraper_name: string }).scraper_name === 'FUNDAMENTUS'
          ? { ok: false, error: { code: 'INVALID_INPUT', message } }
          : ok({ job: job('j5') }),
    });
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    await expect(store.getState().createJob({ scraper_name: 'FUNDAMENTUS' })).resolves.toBeNull();
    expect(store.getState().createError).toEqual({ code: 'INVALID_INPUT', message });
    const created = await store.getState().createJob({ scraper_name: 'selftest', query: 'noop' });
    expect(created?.id).toBe('j5');
    expect(store.getState().createError).toBeNull();
    expect(store.getState().jobs.map((j) => j.id)).toEqual(['j5']);
  });

  it('never lets a late action answer overwrite a newer event', async () => {
    const fake = fakeTransport({
      ...baseHandlers(() => [job('j1', { status: 'failed' })]),
      'jobs.retry': () => {
        // The runner picks the job up and finishes it before the HTTP answer comes back.
        fake.emit('job.updated', { job: job('j1', { status: 'completed' }) });
        return ok({ job: job('j1', { status: 'pending' }) });
      },
    });
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    store.getState().init();
    await store.getState().setActive(true);
    await store.getState().retryJob('j1');
    expect(store.getState().jobs[0]?.status).toBe('completed');
    expect(store.getState().busy).toEqual({});
  });

  it('offers the built-in job types and the enabled sources of scrapers.list in the create form', async () => {
    const scraper = (id: string, enabled: boolean) => ({
      id,
      name: id,
      url: '',
      category: 'fundamentals',
      models: ['fundamentals'],
      requires_login: false,
      uses_browser: false,
      enabled,
      credentials: [],
      base_url: '',
      rate_per_minute: 20,
      aliases: [],
    });
    const fake = fakeTransport({
      ...baseHandlers(() => []),
      'scrapers.list': () =>
        ok({
          total: 2,
          public: 2,
          private: 0,
          categories: { fundamentals: 2 },
          scrapers: [scraper('fundamentus', true), scraper('status-invest', false)],
        }),
    });
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    expect(store.getState().runnableSources).toEqual(['selftest', 'cotahist']);
    await store.getState().setActive(true);
    expect(store.getState().runnableSources).toEqual(['selftest', 'cotahist', 'fundamentus']);
    expect(store.getState().error).toBeNull();
  });

  it('keeps offering the built-in job types when scrapers.list fails, without an error', async () => {
    const store = createJobsStore(createClient(fakeTransport(baseHandlers(() => [])).transport), {
      refreshMs: 60_000,
    });
    stores.push(store);
    await store.getState().setActive(true);
    expect(store.getState().runnableSources).toEqual(['selftest', 'cotahist']);
    expect(store.getState().error).toBeNull();
  });

  it('toggles a schedule and shows a refused action', async () => {
    const fake = fakeTransport({
      ...baseHandlers(() => []),
      'schedules.update': (input) =>
        ok({ schedule: { ...schedule, enabled: (input as { enabled: boolean }).enabled } }),
      'jobs.cancel': () => ({
        ok: false,
        error: { code: 'CONFLICT', message: 'job j1 is already completed' },
      }),
    });
    const store = createJobsStore(createClient(fake.transport), { refreshMs: 60_000 });
    stores.push(store);
    await store.getState().setActive(true);
    await store.getState().setScheduleEnabled('fundamentus-daily', false);
    expect(fake.calls.at(-1)?.input).toEqual({ schedule_id: 'fundamentus-daily', enabled: false });
    expect(store.getState().schedules[0]?.enabled).toBe(false);
    await store.getState().cancelJob('j1');
    expect(store.getState().error).toEqual({ code: 'CONFLICT', message: 'job j1 is already completed' });
  });
});
