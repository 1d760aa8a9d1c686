import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApiStatus } from '../contract';
import { pgTemplate } from '../../test/helpers/pg-template';
import { startCore, type Core } from '../core/app';
import type { DesktopHooks } from '../core/desktop/hooks';
import { DesktopSettingsStore } from '../core/desktop/settings';
import { withApi } from '../server/cli/api-caller';
import { readServerFile } from '../server/server-file';
import { LocalApi } from './local-api';

// The desktop app's REST port on a real core and real ports: live start/stop, persistence across a
// restart of the core, token regeneration, the Host check, a port in use, and `b3ai` commands
// (withApi, what the CLI runs) reaching the app through server.json.

let template: Blob;
let dataDir: string;
let core: Core | undefined;
let api: LocalApi | undefined;

beforeAll(async () => {
  template = await pgTemplate();
});

afterEach(async () => {
  await api?.close();
  await core?.close();
  api = undefined;
  core = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port free right now (listen on 0, read it, close). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Start the core the way the desktop shell does: hooks filled with the LocalApi after start. */
async function boot(dir: string): Promise<{ core: Core; api: LocalApi }> {
  const desktop: DesktopHooks = {};
  const c = await startCore({ dataDir: dir, owner: 'test', pgTemplate: template, desktop });
  const a = new LocalApi({
    core: c,
    settings: new DesktopSettingsStore(() => c.stores().state),
    staticDir: join(dir, 'no-renderer'),
    stopDelayMs: 0,
  });
  desktop.localApi = a;
  await a.startFromSettings();
  return { core: c, api: a };
}

async function call<T>(c: Core, method: string, input: unknown = {}): Promise<T> {
  const r = await c.call(method, input, 'remote');
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as T;
}

/** GET with a chosen Host header (fetch would not let us set it). */
function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const refused = (port: number): Promise<boolean> =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    () => false,
    () => true,
  );

describe('desktop local REST API', () => {
  it('is off by default, starts and stops live on 127.0.0.1, and writes server.json while on', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const off = await call<LocalApiStatus>(core, 'desktop.localApi.get');
    expect(off).toMatchObject({ mode: 'desktop', enabled: false, running: false, port: 4817, url: null });
    expect(readServerFile(dataDir)).toBeNull();

    const port = await freePort();
    const on = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: true, port });
    expect(on).toMatchObject({ enabled: true, running: true, url: `http://127.0.0.1:${port}/` });
    expect(on.docs_url).toBe(`http://127.0.0.1:${port}/docs`);
    const token = on.token!;
    const health = await fetch(`http://127.0.0.1:${port}/api/desktop/local-api`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(health.status).toBe(200);
    expect(((await health.json()) as LocalApiStatus).running).toBe(true);
    expect(await get(port, '/docs', { host: `127.0.0.1:${port}` })).toBe(200);
    expect(readServerFile(dataDir)).toEqual({ pid: process.pid, url: `http://127.0.0.1:${port}/` });

    // What `b3ai jobs list` and the other commands do: find server.json and call through it.
    const where = await withApi(dataDir, async (fn, w) => {
      const q = await fn('jobs.queueStatus', {});
      expect(q.total_pending).toBe(0);
      return w;
    });
    expect(where).toBe('server');

    const stopped = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: false });
    expect(stopped).toMatchObject({ enabled: false, running: false, url: null, port });
    await expect.poll(() => refused(port), { timeout: 5_000 }).toBe(true);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  });

  it('keeps the switch and the port across a restart of the core', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const port = await freePort();
    await call(core, 'desktop.localApi.set', { enabled: true, port });
    await api.close();
    await core.close();
    expect(await refused(port)).toBe(true);

    ({ core, api } = await boot(dataDir));
    const s = await call<LocalApiStatus>(core, 'desktop.localApi.get');
    expect(s).toMatchObject({ enabled: true, running: true, port });
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  });

  it('a regenerated token replaces the old one at once (and in <data-dir>/api-token)', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const port = await freePort();
    const { token: old } = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: true, port });
    const url = `http://127.0.0.1:${port}/api/jobs/queue/status`;
    const auth = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    expect((await fetch(url, auth(old!))).status).toBe(200);

    const { token: fresh } = await call<LocalApiStatus>(core, 'desktop.localApi.regenerateToken');
    expect(fresh).not.toBe(old);
    expect(readFileSync(join(dataDir, 'api-token'), 'utf8').trim()).toBe(fresh);
    expect((await fetch(url, auth(old!))).status).toBe(401);
    expect((await fetch(url, auth(fresh!))).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) like b3ai serve', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const port = await freePort();
    const { token } = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: true, port });
    const auth = `Bearer ${token}`;
    expect(
      await get(port, '/api/jobs/queue/status', { host: `localhost:${port}`, authorization: auth }),
    ).toBe(200);
    expect(
      await get(port, '/api/jobs/queue/status', { host: `evil.example:${port}`, authorization: auth }),
    ).toBe(403);
    expect(
      await get(port, '/api/jobs/queue/status', { host: `127.0.0.1:${port + 1}`, authorization: auth }),
    ).toBe(403);
  });

  it('a port in use answers CONFLICT, keeps the running port and saves nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as AddressInfo).port;
    try {
      const r1 = await core.call('desktop.localApi.set', { enabled: true, port: busy }, 'remote');
      expect(r1.ok).toBe(false);
      if (!r1.ok) {
        expect(r1.error.code).toBe('CONFLICT');
        expect(r1.error.message).toContain(String(busy));
      }
      expect(await call<LocalApiStatus>(core, 'desktop.localApi.get')).toMatchObject({
        enabled: false,
        running: false,
        error: { code: 'CONFLICT' },
      });

      // Running on a good port, a move to the busy one fails and the good one stays up.
      const good = await freePort();
      await call(core, 'desktop.localApi.set', { enabled: true, port: good });
      const r2 = await core.call('desktop.localApi.set', { enabled: true, port: busy }, 'remote');
      expect(r2.ok).toBe(false);
      expect((await fetch(`http://127.0.0.1:${good}/health`)).status).toBe(200);
      expect(await call<LocalApiStatus>(core, 'desktop.localApi.get')).toMatchObject({
        port: good,
        running: true,
      });
      expect(readServerFile(dataDir)?.url).toBe(`http://127.0.0.1:${good}/`);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('turned off through its own port, it still answers that request, then stops', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const port = await freePort();
    const { token } = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: true, port });
    const res = await fetch(`http://127.0.0.1:${port}/api/desktop/local-api`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as LocalApiStatus).running).toBe(false);
    await expect.poll(() => refused(port), { timeout: 5_000 }).toBe(true);
  });

  it('moves live to another port', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    ({ core, api } = await boot(dataDir));
    const a = await freePort();
    await call(core, 'desktop.localApi.set', { enabled: true, port: a });
    const b = await freePort();
    const s = await call<LocalApiStatus>(core, 'desktop.localApi.set', { enabled: true, port: b });
    expect(s).toMatchObject({ port: b, running: true });
    await expect.poll(() => refused(a), { timeout: 5_000 }).toBe(true);
    expect((await fetch(`http://127.0.0.1:${b}/health`)).status).toBe(200);
  });

  it('without a desktop shell the methods are UNAVAILABLE, not a crash', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'b3ai-localapi-'));
    core = await startCore({ dataDir, owner: 'test', pgTemplate: template });
    const r = await core.call('desktop.localApi.get', {}, 'remote');
    expect(r.ok ? null : r.error.code).toBe('UNAVAILABLE');
    const bad = await core.call('desktop.localApi.set', { enabled: true, port: 80 }, 'remote');
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });
});
