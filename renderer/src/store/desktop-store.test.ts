import { describe, expect, it } from 'vitest';
import type { LocalApiStatus, Result } from '../../../services/contract';
import { createClient } from '../../../services/contract/client';
import { createDesktopStore, parsePort } from './desktop-store';
import { fakeTransport } from './test-support';

const ok = (data: unknown): Result<unknown> => ({ ok: true, data });
const api = (patch: Partial<LocalApiStatus> = {}): LocalApiStatus => ({
  mode: 'desktop',
  enabled: false,
  running: false,
  port: 4817,
  url: null,
  docs_url: null,
  token: 'x'.repeat(43),
  error: null,
  ...patch,
});
const updates = {
  supported: false,
  reason: 'headless',
  reason_code: 'headless',
  current_version: '0.1.0',
  channel: 'stable',
  feed_url: null,
  auto_check: true,
  phase: 'idle',
  available: null,
  progress_percent: null,
  last_check_at: null,
  next_check_at: null,
  error: null,
};
const prefs = {
  keep_running: true,
  start_at_login: false,
  notifications: { 'job-finished': true, 'signin-expiring': true, 'portfolio-alert': true, update: true },
  wizard_done: false,
  capabilities: { tray: true, login_item: true, os_notifications: true },
};

describe('desktop settings store', () => {
  it('parses ports the API accepts', () => {
    expect(parsePort('4817')).toBe(4817);
    expect(parsePort(' 65535 ')).toBe(65535);
    expect(parsePort('80')).toBeNull();
    expect(parsePort('70000')).toBeNull();
    expect(parsePort('48a7')).toBeNull();
  });

  it('loads, turns the API on with the typed port, and shows a port in use', async () => {
    let status = api();
    const fake = fakeTransport({
      'desktop.localApi.get': () => ok(status),
      'desktop.localApi.set': (input) => {
        const i = input as { enabled: boolean; port: number };
        if (i.port === 5000) {
          status = api({ error: { code: 'CONFLICT', message: 'port 5000 is in use' } });
          return { ok: false, error: { code: 'CONFLICT', message: 'port 5000 is in use' } };
        }
        status = api({
          enabled: i.enabled,
          running: i.enabled,
          port: i.port,
          url: `http://127.0.0.1:${i.port}/`,
        });
        return ok(status);
      },
      'desktop.updates.get': () => ok(updates),
      'desktop.prefs.get': () => ok(prefs),
    });
    const store = createDesktopStore(createClient(fake.transport));
    await store.getState().load();
    expect(store.getState().localApi?.enabled).toBe(false);
    expect(store.getState().portDraft).toBe('4817');

    store.getState().setPortDraft('5001');
    await store.getState().setLocalApi(true);
    expect(fake.calls.at(-1)).toEqual({
      method: 'desktop.localApi.set',
      input: { enabled: true, port: 5001 },
    });
    expect(store.getState().localApi?.url).toBe('http://127.0.0.1:5001/');

    store.getState().setPortDraft('5000');
    await store.getState().setLocalApi(true);
    expect(store.getState().error?.code).toBe('CONFLICT');
    expect(store.getState().localApi?.error?.code).toBe('CONFLICT');

    store.getState().setPortDraft('22');
    const before = fake.calls.length;
    await store.getState().setLocalApi(true);
    expect(fake.calls.length).toBe(before);
    expect(store.getState().error?.code).toBe('INVALID_INPUT');
  });

  it('headless (no switchable API): the panel hides, the rest loads', async () => {
    const fake = fakeTransport({
      'desktop.localApi.get': () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'no' } }),
      'desktop.updates.get': () => ok(updates),
      'desktop.prefs.get': () => ok(prefs),
      'desktop.prefs.set': (input) =>
        ok({
          ...prefs,
          notifications: { ...prefs.notifications, ...(input as { notifications: object }).notifications },
        }),
    });
    const store = createDesktopStore(createClient(fake.transport));
    await store.getState().load();
    expect(store.getState().error).toBeNull();
    expect(store.getState().localApi).toBeNull();
    expect(store.getState().updates?.supported).toBe(false);
    await store.getState().setNotification('job-finished', false);
    expect(fake.calls.at(-1)).toEqual({
      method: 'desktop.prefs.set',
      input: { notifications: { 'job-finished': false } },
    });
    expect(store.getState().prefs?.notifications['job-finished']).toBe(false);
  });
});
