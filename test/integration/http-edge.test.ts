import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../services/core/app';
import { startApiServer, type ApiServer } from '../../services/server/http';
import { ensureApiToken } from '../../services/server/token';
import { pgTemplate } from '../helpers/pg-template';
import { json, removeDir, send, tempDir, type ErrorBody } from './helpers';

/** Edge cases of the HTTP adapter: body limits, odd URLs, a missing UI build, the lock. */
let dataDir: string;
let staticDir: string;
let core: Core;
let server: ApiServer;
let small: ApiServer;
let noUi: ApiServer;
let token: string;

beforeAll(async () => {
  dataDir = tempDir();
  staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>ui</body></html>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ imports: { allowedDirs: [staticDir] } }));
  core = await startCore({ dataDir, pgTemplate: await pgTemplate() });
  token = ensureApiToken(dataDir);
  server = await startApiServer({ core, token, staticDir, port: 0 });
  small = await startApiServer({ core, token, staticDir, port: 0, maxBodyBytes: 64 });
  noUi = await startApiServer({ core, token, staticDir: join(staticDir, 'missing'), port: 0 });
});

afterAll(async () => {
  await noUi?.close();
  await small?.close();
  await server?.close();
  await core?.close();
  removeDir(dataDir);
  removeDir(staticDir);
});

const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('request bodies', () => {
  it('a body over maxBodyBytes → 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ paths: ['x'.repeat(200)] });
    const res = await send(small.port, {
      method: 'POST',
      path: '/api/import/cotahist',
      headers: { ...auth(), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    expect(json<ErrorBody>(res).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body under the limit reaches the method', async () => {
    const res = await send(small.port, {
      method: 'POST',
      path: '/api/import/cotahist',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.code).toBe('INVALID_INPUT');
  });

  it('a path outside the import folders → 403; a missing file inside one → 422 FILE_NOT_FOUND', async () => {
    const post = (path: string) =>
      send(server.port, {
        method: 'POST',
        path: '/api/import/cotahist',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ paths: [path] }),
      });
    const outside = await post(join(dataDir, 'nope.TXT'));
    expect(outside.status).toBe(403);
    expect(json<ErrorBody>(outside).error.code).toBe('FORBIDDEN');
    const inside = await post(join(staticDir, 'nope.TXT'));
    expect(inside.status).toBe(422);
    expect(json<ErrorBody>(inside).error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('odd URLs', () => {
  it('a URL-encoded ticker is decoded before validation', async () => {
    const res = await send(server.port, { path: '/api/quotes/PETR%34', headers: auth() });
    expect(res.status).toBe(404);
    expect(json<ErrorBody>(res).error).toMatchObject({ code: 'NOT_FOUND', details: { ticker: 'PETR4' } });
  });

  it('a path param with a bad percent-encoding is a client error (400), not a server error', async () => {
    const res = await send(server.port, { path: '/api/quotes/%E0%A4%A', headers: auth() });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.code).toBe('INVALID_INPUT');
  });

  it('a page path with a bad percent-encoding is not a server error', async () => {
    const res = await send(server.port, { path: '/%E0%A4%A' });
    expect(res.status).toBeLessThan(500);
  });

  it('extra path segments do not match a route', async () => {
    const res = await send(server.port, { path: '/api/quotes/PETR4/extra', headers: auth() });
    expect(res.status).toBe(404);
    expect(json<ErrorBody>(res).error.code).toBe('UNKNOWN_METHOD');
  });

  it('an encoded path traversal stays inside the static dir', async () => {
    const res = await send(server.port, { path: '/..%2f..%2f..%2f..%2fetc%2fpasswd' });
    expect(res.text).not.toContain('root:');
    const res2 = await send(server.port, { path: '/%2e%2e/%2e%2e/etc/hostname.txt' });
    expect(res2.status).toBe(404);
  });

  it('static assets get their type; a missing asset is 404; a client route falls back to the shell', async () => {
    const js = await send(server.port, { path: '/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/text\/javascript/);
    expect(js.text).toBe('console.log(1)');
    expect((await send(server.port, { path: '/nope.css' })).status).toBe(404);
    // The shell goes only to a signed-in browser (a session cookie from a one-time link).
    const anonymous = await send(server.port, { path: '/settings/data' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toContain('b3ai serve');
    const link = new URL(server.signInUrl());
    const signed = await send(server.port, { path: `/${link.search}` });
    const cookie = String(signed.headers['set-cookie']?.[0]).split(';')[0] ?? '';
    const shell = await send(server.port, { path: '/settings/data', headers: { cookie } });
    expect(shell.status).toBe(200);
    expect(shell.text).toContain('ui');
  });

  it('a POST outside /api/ → 405', async () => {
    const res = await send(server.port, { method: 'POST', path: '/', body: '' });
    expect(res.status).toBe(405);
  });

  it('IPv6 loopback in the Host header is allowed', async () => {
    const res = await send(server.port, { path: '/health', headers: { host: `[::1]:${server.port}` } });
    expect(res.status).toBe(200);
  });
});

describe('without a UI build', () => {
  it('GET / says the UI is not built (503) while the API still works', async () => {
    const res = await send(noUi.port, { path: '/' });
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build');
    expect(res.text).not.toContain(token);
    expect((await send(noUi.port, { path: '/health' })).status).toBe(200);
  });
});

describe('the data-dir lock', () => {
  it('a lock held by another live process refuses the core with UNAVAILABLE naming it', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'core.lock'), JSON.stringify({ pid: process.ppid, owner: 'someone else' }));
      const err: unknown = await startCore({ dataDir: dir, pgTemplate: await pgTemplate() }).then(
        async (c) => {
          await c.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'UNAVAILABLE', details: { pid: process.ppid } });
      expect((err as Error).message).toContain(String(process.ppid));
      expect((err as Error).message).toContain('someone else');
    } finally {
      removeDir(dir);
    }
  });

  it('a lock left by a dead process is taken over and released on close', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'core.lock'), JSON.stringify({ pid: 2 ** 30, owner: 'gone' }));
      const c = await startCore({ dataDir: dir, pgTemplate: await pgTemplate() });
      try {
        expect(JSON.parse(readFileSync(join(dir, 'core.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      } finally {
        await c.close();
      }
      expect(existsSync(join(dir, 'core.lock'))).toBe(false);
    } finally {
      removeDir(dir);
    }
  });
});
