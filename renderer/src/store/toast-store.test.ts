import { describe, expect, it } from 'vitest';
import type { DesktopPrefs, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { fakeTransport, testJob } from './test-support';
import { createToastStore } from './toast-store';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const prefs = (osNotifications: boolean, jobFinished = true): DesktopPrefs => ({
  keep_running: false,
  start_at_login: false,
  notifications: {
    'job-finished': jobFinished,
    'signin-expiring': true,
    'portfolio-alert': true,
    update: true,
  },
  wizard_done: true,
  capabilities: { tray: false, login_item: false, os_notifications: osNotifications },
});

async function setup(p: DesktopPrefs) {
  const fake = fakeTransport({ 'desktop.prefs.get': () => ok(p) });
  const store = createToastStore(createClient(fake.transport), { ttlMs: 0 });
  const stop = store.getState().start();
  await new Promise((r) => setTimeout(r, 0));
  return { fake, store, stop };
}

describe('toasts (headless notifications)', () => {
  it('a finished import the user started becomes one toast; scheduled and running jobs do not', async () => {
    const { fake, store, stop } = await setup(prefs(false));
    const done = testJob('j1', { scraper_name: 'cotahist', status: 'completed' });
    fake.emit('job.updated', { job: done });
    fake.emit('job.updated', { job: done });
    fake.emit('job.updated', { job: testJob('j2', { scraper_name: 'cotahist', status: 'running' }) });
    fake.emit('job.updated', {
      job: testJob('j3', { scraper_name: 'cotahist', status: 'completed', metadata: { schedule: 'daily' } }),
    });
    fake.emit('job.updated', {
      job: testJob('j4', {
        scraper_name: 'ai',
        ticker: 'PETR4',
        status: 'failed',
        error: { code: 'TIMEOUT', message: 'slow' },
      }),
    });
    expect(store.getState().toasts.map((t) => [t.id, t.status, t.error])).toEqual([
      ['j1:completed', 'completed', null],
      ['j4:failed', 'failed', 'slow'],
    ]);
    store.getState().dismiss('j1:completed');
    expect(store.getState().toasts).toHaveLength(1);
    stop();
  });

  it('none where the OS shows notifications, nor when the kind is switched off', async () => {
    for (const p of [prefs(true), prefs(false, false)]) {
      const { fake, store, stop } = await setup(p);
      fake.emit('job.updated', { job: testJob('j1', { scraper_name: 'cotahist', status: 'completed' }) });
      expect(store.getState().toasts).toEqual([]);
      stop();
    }
  });
});
