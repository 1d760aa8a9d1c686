import { describe, expect, it } from 'vitest';
import type { Job, UpdateStatus } from '../../contract';
import type { CookieStatus } from '../../contract/methods/scrapers';
import { loginItemSettings, onAllWindowsClosed, startHidden, trayExpected } from './background';
import { jobNotice, NoticeRouter, signinNotices, updateNotice, type Notice } from './notifications';
import { trayMenu, trayTooltip, updateAction } from './tray-model';

const updates = (phase: UpdateStatus['phase'], version: string | null = null) => ({
  supported: true,
  phase,
  progress_percent: phase === 'downloading' ? 42.4 : null,
  available: version ? { version, release_name: null, release_notes: null, release_date: null } : null,
});

const job = (patch: Partial<Job>): Job => ({
  id: 'j1',
  scraper_name: 'cotahist',
  ticker: null,
  query: '2024',
  priority: 'normal',
  status: 'completed',
  created_at: '2026-12-01T00:00:00.000Z',
  started_at: null,
  completed_at: null,
  attempts: 1,
  max_retries: 3,
  next_run_at: null,
  response_time: null,
  error: null,
  metadata: {},
  result: null,
  ...patch,
});

describe('tray menu', () => {
  it('has open, update, pause schedules and quit, in both languages', () => {
    const m = trayMenu({
      locale: 'pt-BR',
      updates: updates('idle'),
      schedulesPaused: false,
      schedulesAvailable: true,
    });
    expect(m.map((i) => (i.kind === 'separator' ? '-' : i.id))).toEqual([
      'open',
      'update',
      'pause-schedules',
      '-',
      'quit',
    ]);
    expect(m[0]).toMatchObject({ label: 'Abrir B3 AI Analysis' });
    const en = trayMenu({
      locale: 'en',
      updates: updates('idle'),
      schedulesPaused: true,
      schedulesAvailable: true,
    });
    expect(en[2]).toMatchObject({ kind: 'toggle', label: 'Pause schedules', checked: true });
    expect(trayTooltip('en', true)).toMatch(/paused/);
  });

  it('the update line follows the update state; no line when updates are not offered', () => {
    const line = (phase: UpdateStatus['phase'], v: string | null = null) =>
      trayMenu({
        locale: 'en',
        updates: updates(phase, v),
        schedulesPaused: false,
        schedulesAvailable: true,
      })[1];
    expect(line('downloaded', '1.2.0')).toMatchObject({
      id: 'update',
      label: 'Update now (version 1.2.0)',
      enabled: true,
    });
    expect(line('downloading', '1.2.0')).toMatchObject({ label: 'Downloading update… 42%', enabled: false });
    expect(line('error')).toMatchObject({ label: 'Check for updates', enabled: true });
    const none = trayMenu({
      locale: 'en',
      updates: { ...updates('idle'), supported: false },
      schedulesPaused: false,
      schedulesAvailable: true,
    });
    expect(none.some((i) => i.kind !== 'separator' && i.id === 'update')).toBe(false);
    expect(updateAction('downloaded')).toBe('install');
    expect(updateAction('checking')).toBe('none');
    expect(updateAction('not-available')).toBe('check');
  });
});

describe('background and login item', () => {
  it('closing the window hides to the tray only when asked and a tray exists', () => {
    expect(onAllWindowsClosed({ keepRunning: true, trayAvailable: true, platform: 'linux' })).toBe('hide');
    expect(onAllWindowsClosed({ keepRunning: true, trayAvailable: false, platform: 'linux' })).toBe('quit');
    expect(onAllWindowsClosed({ keepRunning: false, trayAvailable: true, platform: 'win32' })).toBe('quit');
    expect(onAllWindowsClosed({ keepRunning: false, trayAvailable: true, platform: 'darwin' })).toBe('stay');
  });

  it('knows where a tray shows', () => {
    expect(trayExpected('win32', {})).toBe(true);
    expect(trayExpected('linux', {})).toBe(false);
    expect(trayExpected('linux', { DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'KDE' })).toBe(true);
    expect(trayExpected('linux', { WAYLAND_DISPLAY: 'w', XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toBe(false);
  });

  it('starts at login hidden in the tray', () => {
    expect(loginItemSettings(true, 'win32')).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(loginItemSettings(false, 'linux')).toEqual({ openAtLogin: false, args: [] });
    expect(loginItemSettings(true, 'darwin')).toEqual({ openAtLogin: true, openAsHidden: true });
    expect(startHidden(['app', '--hidden'], false)).toBe(true);
    expect(startHidden(['app'], false)).toBe(false);
  });
});

describe('notifications', () => {
  it('long jobs the user started become notices; scheduled, running and short ones do not', () => {
    expect(jobNotice(job({}), 'pt-BR')).toMatchObject({
      kind: 'job-finished',
      title: 'Tarefa concluída',
      body: 'Importação de cotações',
    });
    expect(
      jobNotice(
        job({
          scraper_name: 'ai',
          ticker: 'PETR4',
          status: 'failed',
          error: { code: 'TIMEOUT', message: 'TIMEOUT' },
        }),
        'en',
      ),
    ).toMatchObject({
      title: 'Task failed',
      body: 'AI report — PETR4: TIMEOUT',
    });
    expect(jobNotice(job({ metadata: { schedule: 'daily-cotahist' } }), 'en')).toBeNull();
    expect(jobNotice(job({ status: 'running' }), 'en')).toBeNull();
    expect(jobNotice(job({ scraper_name: 'brapi' }), 'en')).toBeNull();
  });

  it('sign-ins close to expiry (or expired) become notices, once per day count', () => {
    const source = (id: string, days: number | null, signedIn = true, renewal = false) => ({
      id,
      name: id.toUpperCase(),
      state: 'signed-in',
      signed_in: signedIn,
      window_open: false,
      cookies: [],
      expires_in_days: days,
      needs_renewal: renewal,
      reason: null,
    });
    const status = {
      sources: [
        source('a', 2.5),
        source('b', 20),
        source('c', null, false, true),
        source('d', null, false, false),
      ],
    } as unknown as CookieStatus;
    const n = signinNotices(status, 'en');
    expect(n.map((x) => x.key)).toEqual(['signin:a:2', 'signin:c:0']);
    expect(n[0]!.body).toContain('expires in 2 day(s)');
    expect(n[1]!.body).toContain('has expired');
  });

  it('the router honours the per-kind switches and shows each notice once', () => {
    const shown: Notice[] = [];
    const off = new Set(['update']);
    const router = new NoticeRouter({
      enabled: (k) => !off.has(k),
      show: (x) => shown.push(x),
      locale: () => 'en',
    });
    router.onEvent('job.updated', { job: job({}) });
    router.onEvent('job.updated', { job: job({}) });
    router.onEvent('import.completed', {});
    expect(router.offer(updateNotice('1.2.0', 'en'))).toBe(false);
    off.delete('update');
    expect(router.offer(updateNotice('1.2.0', 'en'))).toBe(true);
    expect(shown.map((s) => s.kind)).toEqual(['job-finished', 'update']);
  });

  it('an alert that fires is a notice once, under the portfolio-alert switch', () => {
    const shown: Notice[] = [];
    let alertsOn = false;
    const router = new NoticeRouter({
      enabled: (k) => k !== 'portfolio-alert' || alertsOn,
      show: (x) => shown.push(x),
      locale: () => 'en',
    });
    const fired = {
      id: 7,
      rule_id: 2,
      kind: 'price_above',
      ticker: 'PETR4',
      fired_at: '2026-12-07T12:00:00Z',
      message: 'PETR4 closed above 40,00',
      data: [],
    };
    router.onEvent('alert.fired', fired);
    expect(shown).toEqual([]);
    alertsOn = true;
    router.onEvent('alert.fired', fired);
    router.onEvent('alert.fired', fired);
    router.onEvent('alert.fired', { ...fired, id: 8 });
    expect(shown.map((s) => [s.kind, s.key, s.title, s.body])).toEqual([
      ['portfolio-alert', 'alert:7', 'B3 AI Analysis: PETR4', 'PETR4 closed above 40,00'],
      ['portfolio-alert', 'alert:8', 'B3 AI Analysis: PETR4', 'PETR4 closed above 40,00'],
    ]);
  });
});
