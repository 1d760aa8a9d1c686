import { describe, expect, it } from 'vitest';
import type { Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { fakeTransport, testJob } from './test-support';
import { COTAHIST_SOURCE, createWizardStore, defaultYears } from './wizard-store';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const prefs = {
  keep_running: false,
  start_at_login: false,
  notifications: { 'job-finished': true, 'signin-expiring': true, 'portfolio-alert': true, update: true },
  wizard_done: true,
  capabilities: { tray: false, login_item: false, os_notifications: false },
};

describe('first-run wizard', () => {
  it('queues one COTAHIST job per chosen year and follows them to the end', async () => {
    const fake = fakeTransport({
      'jobs.createBatch': (input) =>
        ok({
          jobs: (input as { jobs: Array<{ query: string }> }).jobs.map((j, i) =>
            testJob(`j${i}`, { scraper_name: COTAHIST_SOURCE, query: j.query }),
          ),
        }),
      'desktop.prefs.set': () => ok(prefs),
    });
    const store = createWizardStore(createClient(fake.transport), new Date('2026-12-07T12:00:00Z'));
    expect(store.getState().years).toEqual([2026, 2025, 2024]);
    store.getState().toggleYear(2026);
    store.getState().toggleYear(2020);
    const off = store.getState().listen();
    await store.getState().importHistory();
    expect(fake.calls.at(-1)?.input).toEqual({
      jobs: [2025, 2024, 2020].map((y) => ({
        scraper_name: COTAHIST_SOURCE,
        query: `year=${y}`,
        priority: 'high',
      })),
    });
    fake.emit('job.updated', { job: testJob('j0', { status: 'completed' }) });
    fake.emit('job.updated', { job: testJob('other', { status: 'completed' }) });
    expect(Object.values(store.getState().jobs).map((j) => [j.year, j.status])).toEqual([
      [2025, 'completed'],
      [2024, 'pending'],
      [2020, 'pending'],
    ]);
    expect(store.getState().offline).toBe(false);
    fake.emit('job.updated', {
      job: testJob('j1', { status: 'failed', error: { code: 'UNAVAILABLE', message: 'no network' } }),
    });
    expect(store.getState().offline).toBe(true);
    off();
  });

  it('finishing saves that it ran (so it runs once); a failed save is shown', async () => {
    let saved: unknown = null;
    const fake = fakeTransport({ 'desktop.prefs.set': (input) => ((saved = input), ok(prefs)) });
    const store = createWizardStore(createClient(fake.transport));
    await store.getState().finish();
    expect(saved).toEqual({ wizard_done: true });
    expect(store.getState().step).toBe('done');
    const failing = createWizardStore(createClient(fakeTransport({}).transport));
    await failing.getState().finish();
    expect(failing.getState().step).toBe('language');
    expect(failing.getState().error?.code).toBe('UNKNOWN_METHOD');
    expect(defaultYears(new Date('2030-06-01'), 2)).toEqual([2030, 2029]);
  });
});
