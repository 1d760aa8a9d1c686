import { readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openaiWhole, TestModelServer } from '../../services/core/ai/providers/test-model-server';
import { startApiServer } from '../../services/server/http';
import { sendStream, type Outcome } from '../security/http-client';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { json, send, type ErrorBody } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

/** The requests of issue 12's attack run, each sent again against a real server (F7…). */
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

describe('F7: the Host check is a strict parse; absolute-form targets are refused', () => {
  it.each([
    (p: number) => `127.0.0.1:${p}@evil.com`,
    () => '[::1]evil.com',
    () => '127.0.0.1:evil.com',
    (p: number) => `[::1]evil.com:${p}`,
    (p: number) => `localhost:${p + 1}`,
  ])('Host %# → 403', async (host) => {
    for (const path of ['/health', '/api/tickers/search', '/']) {
      const res = await send(t.port, { path, headers: { ...t.auth(), host: host(t.port) } });
      expect(res.status, `${host(t.port)} ${path}`).toBe(403);
      expect(json<ErrorBody>(res).error.code).toBe('FORBIDDEN');
    }
  });

  it('an absolute-form request target → 400, even with a good Host and token', async () => {
    for (const path of [
      `http://127.0.0.1:${t.port}/api/tickers/search`,
      'http://evil.com/api/tickers/search',
      '//evil.com/api/tickers/search',
    ]) {
      const res = await send(t.port, { path, headers: t.auth() });
      expect(res.status, path).toBe(400);
      expect(json<ErrorBody>(res).error.code).toBe('INVALID_INPUT');
    }
  });

  it('an Origin other than the server itself → 403; its own origin is fine', async () => {
    const evil = await send(t.port, {
      path: '/api/tickers/search',
      headers: { ...t.auth(), origin: 'http://evil.example' },
    });
    expect(evil.status).toBe(403);
    const otherPort = await send(t.port, {
      path: '/api/tickers/search',
      headers: { ...t.auth(), origin: `http://127.0.0.1:${t.port + 1}` },
    });
    expect(otherPort.status).toBe(403);
    const own = await send(t.port, {
      path: '/api/tickers/search',
      headers: { ...t.auth(), origin: `http://127.0.0.1:${t.port}` },
    });
    expect(own.status).toBe(200);
  });
});

describe('F6: prototype names and deep inputs are refused, never a 500', () => {
  it.each(['toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty'])(
    'screener preset %j → 404 NOT_FOUND',
    async (preset) => {
      const res = await t.postJson('/api/analysis/screener', { preset });
      expect(res.status).toBe(404);
      expect(json<ErrorBody>(res).error.code).toBe('NOT_FOUND');
    },
  );

  it.each(['constructor', '__proto__', 'toString', 'prototype'])('sort field %j → 200', async (field) => {
    const res = await t.postJson('/api/analysis/screener', { sort: { field, dir: 'asc' } });
    expect(res.status).toBe(200);
  });

  it('metadata nested 5,000 deep in jobs.create → 400 naming the depth, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await t.api({
      method: 'POST',
      path: '/api/jobs/create',
      headers: { 'content-type': 'application/json' },
      body: `{"scraper_name":"selftest","metadata":${deep}}`,
    });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.message).toContain('deeper than');
  });

  it('metadata within the depth limit but over 8 levels is refused by its own schema', async () => {
    let metadata: unknown = 1;
    for (let i = 0; i < 12; i++) metadata = { a: metadata };
    const res = await t.postJson('/api/jobs/create', { scraper_name: 'selftest', metadata });
    expect(res.status).toBe(400);
    expect(json<ErrorBody>(res).error.message).toContain('metadata');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a %j key anywhere in a body → 400', async (key) => {
    for (const body of [
      `{"${key}":{"polluted":true},"scraper_name":"selftest"}`,
      `{"scraper_name":"selftest","metadata":{"x":{"${key}":1}}}`,
    ]) {
      const res = await t.api({
        method: 'POST',
        path: '/api/jobs/create',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(res.status, body).toBe(400);
      expect(json<ErrorBody>(res).error.message).toContain(key);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a prototype key in the query string → 400', async () => {
    const res = await t.api({ path: '/api/tickers/search?__proto__=x&q=PE' });
    expect(res.status).toBe(400);
  });
});

describe('F5: JSON bodies capped at 1 MB, uploads streamed to disk under their own cap', () => {
  let small: TestServer;
  const MB = 1024 * 1024;

  beforeAll(async () => {
    small = await startTestServer({ maxUploadBytes: 2 * MB });
  });

  afterAll(async () => {
    await small?.close();
  });

  const status = (o: Outcome): number | 'dropped' => (o.kind === 'answer' ? o.status : 'dropped');

  it('a JSON body declared at 300 MB → 413 at once, typed', async () => {
    const o = await sendStream(t.port, {
      path: '/api/import/cotahist',
      headers: { ...t.auth(), 'content-type': 'application/json' },
      bytes: 300 * MB,
      declare: true,
    });
    expect(status(o)).toBe(413);
    if (o.kind === 'answer') expect((JSON.parse(o.text) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('four concurrent 64 MB chunked bodies are refused without being buffered (memory stays flat)', async () => {
    const before = process.memoryUsage().rss;
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(() =>
        sendStream(t.port, {
          path: '/api/jobs/create',
          headers: { ...t.auth(), 'content-type': 'application/json' },
          bytes: 64 * MB,
        }),
      ),
    );
    const grew = (process.memoryUsage().rss - before) / MB;
    for (const o of outcomes) expect(status(o)).toBe(413);
    // The old adapter held each body whole (4 × 64 MB) before answering.
    expect(grew).toBeLessThan(96);
  });

  it('an upload is streamed to the data dir and imported by its id, once', async () => {
    const res = await small.upload('COTAHIST_D25062021.TXT', COTAHIST_DAILY());
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ imported: 989 });
    // Used once: nothing is left in the uploads folder.
    const left = readdirSync(join(small.dataDir, 'uploads')).filter((f) => /^[0-9a-f-]{36}/.test(f));
    expect(left).toEqual([]);
    const again = await small.postJson('/api/import/cotahist', {
      upload_ids: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(again.status).toBe(404);
  });

  it('an upload over the configured cap → 413 and nothing kept', async () => {
    for (const declare of [true, false]) {
      const o = await sendStream(small.port, {
        path: '/api/uploads?name=big.ZIP',
        headers: { ...small.auth(), 'content-type': 'application/octet-stream' },
        bytes: 3 * MB,
        declare,
      });
      expect(status(o), `declared: ${declare}`).toBe(413);
    }
    const dir = join(small.dataDir, 'uploads');
    const files = readdirSync(dir).filter((f) => !statSync(join(dir, f)).isDirectory());
    expect(files).toEqual([]);
  });

  it('an upload name with a folder → 400', async () => {
    const res = await small.api({ method: 'POST', path: '/api/uploads?name=..%2Fx.TXT', body: 'x' });
    expect(res.status).toBe(400);
  });
});

describe('F2: the page holds no token; a one-time link gives the browser a session cookie', () => {
  it('GET / without a session → 401 page saying how to open the app, with no token and no path', async () => {
    for (const path of ['/', '/settings', '/index.html']) {
      const res = await send(t.port, { path });
      expect(res.status, path).toBe(401);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('b3ai serve');
      expect(res.text).not.toContain(t.token);
      expect(res.text).not.toContain('b3ai-token');
      expect(res.text).not.toContain(t.dataDir);
    }
  });

  it('the link signs in once: 303 to the page without the code, an HttpOnly SameSite=Strict host cookie', async () => {
    const link = new URL(t.server.signInUrl());
    expect(link.searchParams.get('auth')).toMatch(/^[\w-]{43}$/);
    const first = await send(t.port, { path: `/${link.search}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(new RegExp(`^b3ai_session_${t.port}=[\\w-]{43}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toMatch(/Domain=/i);
    const again = await send(t.port, { path: `/${link.search}` });
    expect(again.status).toBe(401);
    expect(again.text).toContain('already been used');
    const guessed = await send(t.port, { path: `/?auth=${'A'.repeat(43)}` });
    expect(guessed.status).toBe(401);
  });

  it('an expired link does not sign in', async () => {
    const short = await startApiServer({
      core: t.core,
      token: t.token,
      staticDir: t.staticDir,
      port: 0,
      sessions: { codeTtlMs: 1 },
    });
    try {
      const link = new URL(short.signInUrl());
      await new Promise((r) => setTimeout(r, 20));
      const res = await send(short.port, { path: `/${link.search}` });
      expect(res.status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('the API takes the cookie with the UI header; without it, from another origin or another port, no', async () => {
    const cookie = await t.signIn();
    const path = '/api/tickers/search?q=PE';
    const ok = await send(t.port, { path, headers: { cookie, 'x-b3ai-client': 'web' } });
    expect(ok.status).toBe(200);
    const sameOrigin = await send(t.port, {
      path,
      headers: { cookie, 'x-b3ai-client': 'web', origin: `http://127.0.0.1:${t.port}` },
    });
    expect(sameOrigin.status).toBe(200);
    // A form post or an <img> from a page on another port of localhost (same-site: the cookie goes).
    const noHeader = await send(t.port, {
      method: 'POST',
      path: '/api/jobs/create',
      headers: { cookie },
      body: '{}',
    });
    expect(noHeader.status).toBe(403);
    const otherOrigin = await send(t.port, {
      path,
      headers: { cookie, 'x-b3ai-client': 'web', origin: 'http://localhost:9999' },
    });
    expect(otherOrigin.status).toBe(403);
    const forged = await send(t.port, {
      path,
      headers: { cookie: `b3ai_session_${t.port}=${'x'.repeat(43)}`, 'x-b3ai-client': 'web' },
    });
    expect(forged.status).toBe(401);
    const otherPort = await send(t.port, {
      path,
      headers: { cookie: cookie.replace(`_${t.port}=`, `_${t.port + 1}=`), 'x-b3ai-client': 'web' },
    });
    expect(otherPort.status).toBe(401);
  });

  it('only the token holder mints links; a session cannot', async () => {
    const cookie = await t.signIn();
    const bySession = await send(t.port, {
      method: 'POST',
      path: '/api/session/link',
      headers: { cookie, 'x-b3ai-client': 'web' },
    });
    expect(bySession.status).toBe(403);
    const byToken = await t.api({ method: 'POST', path: '/api/session/link' });
    expect(byToken.status).toBe(200);
    expect(json<{ url: string }>(byToken).url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${t.port}/\\?auth=`),
    );
  });
});

describe('F3: a stored model key is bound to the origin it was given for', () => {
  const KEY = 'sk-origin-Qw3Er5Ty7Ui9Op1As';
  let a: TestModelServer;
  let b: TestModelServer;

  beforeAll(async () => {
    a = await new TestModelServer().otherwise(openaiWhole('ok')).start();
    b = await new TestModelServer().otherwise(openaiWhole('ok')).start();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const save = (body: Record<string, unknown>) =>
    t.postJson('/api/analysis/ai/models/moved', {
      provider: 'openai',
      model: 'gpt-test',
      stream: false,
      ...body,
    });

  it('another path on the same origin keeps the key', async () => {
    expect(json(await save({ base_url: `${a.url}/v1`, api_key: KEY }))).toMatchObject({ has_key: true });
    expect(json(await save({ base_url: `${a.url}/other/v1` }))).toMatchObject({ has_key: true });
  });

  it('base_url moved to another origin without api_key → the key is dropped and never sent there', async () => {
    const moved = await save({ base_url: `${b.url}/v1` });
    expect(moved.status).toBe(200);
    expect(json(moved)).toMatchObject({ has_key: false });
    const tested = await t.postJson('/api/analysis/ai/models/moved/test', {});
    expect(tested.status).toBe(200);
    expect(b.requests.length).toBeGreaterThan(0);
    for (const r of b.requests) expect(JSON.stringify(r.headers)).not.toContain(KEY);
  });

  it('a new key sent with the move is kept for the new origin', async () => {
    expect(json(await save({ base_url: `${a.url}/v1`, api_key: KEY }))).toMatchObject({ has_key: true });
    const both = await save({ base_url: `${b.url}/v1`, api_key: `${KEY}-b` });
    expect(json(both)).toMatchObject({ has_key: true });
    await t.postJson('/api/analysis/ai/models/moved/test', {});
    expect(b.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}-b`);
  });
});

describe('F4: outgoing requests reach only configured hosts; errors show statuses, never foreign bytes', () => {
  let inside: Server;
  let site: Server;
  let insideUrl = '';
  let siteUrl = '';
  let insideHits = 0;
  let cfg: TestServer;

  const listen = async (srv: Server): Promise<string> => {
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    inside = createServer((_req, res) => {
      insideHits++;
      res.writeHead(400, { 'content-type': 'text/plain' }).end('INTERNAL-SECRET-BODY');
    });
    insideUrl = await listen(inside);
    site = createServer((_req, res) => void res.writeHead(302, { location: `${insideUrl}/secret` }).end());
    siteUrl = await listen(site);
    cfg = await startTestServer({ config: { sources: { fundamentus: { baseUrl: siteUrl } } } });
  });

  afterAll(async () => {
    await cfg?.close();
    await new Promise((r) => inside?.close(r));
    await new Promise((r) => site?.close(r));
  });

  it('POST /api/jobs/create {cotahist, query: http://127.0.0.1:…/redir} → 403 (only B3 or the configured base URL)', async () => {
    const res = await t.postJson('/api/jobs/create', { scraper_name: 'cotahist', query: `${siteUrl}/redir` });
    expect(res.status).toBe(403);
    expect(json<ErrorBody>(res).error.code).toBe('FORBIDDEN');
    for (const query of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', `${insideUrl}/secret`]) {
      expect((await t.postJson('/api/jobs/create', { scraper_name: 'COTAHIST', query })).status, query).toBe(
        403,
      );
    }
  });

  it('a source whose site redirects to another host: BLOCKED, the other host gets nothing', async () => {
    const before = insideHits;
    const res = await cfg.postJson('/api/scrapers/test', { scraper: 'fundamentus', query: 'PETR4' });
    expect(res.status).not.toBe(500);
    expect(res.text).toContain('BLOCKED');
    expect(res.text).not.toContain('INTERNAL-SECRET-BODY');
    expect(insideHits).toBe(before);
  });

  it('a model base_url: a 4xx is shown by its status only; a redirect is not followed', async () => {
    const save = (base_url: string) =>
      t.postJson('/api/analysis/ai/models/probe', {
        provider: 'openai',
        model: 'x',
        stream: false,
        base_url,
      });
    expect((await save(insideUrl)).status).toBe(200);
    const test = json<{ ok: boolean; message: string }>(
      await t.postJson('/api/analysis/ai/models/probe/test', {}),
    );
    expect(test.ok).toBe(false);
    expect(test.message).toContain('(400)');
    expect(test.message).not.toContain('INTERNAL-SECRET-BODY');
    const before = insideHits;
    expect((await save(siteUrl)).status).toBe(200);
    const moved = json<{ ok: boolean; message: string }>(
      await t.postJson('/api/analysis/ai/models/probe/test', {}),
    );
    expect(moved.ok).toBe(false);
    expect(moved.message).toContain('redirect');
    expect(insideHits).toBe(before);
  });
});
