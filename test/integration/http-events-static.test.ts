import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureApiToken } from '../../services/server/token';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { json, removeDir, send, tempDir, type HttpAnswer } from './helpers';
import { PKG_VERSION, startTestServer, type TestServer } from './server-harness';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.close();
});

interface SseFrame {
  event: string;
  data: unknown;
}

/** Opens /api/events, runs `action` once the stream is connected, and collects frames up to `last`. */
function collectEvents(last: string, action: () => Promise<unknown>): Promise<SseFrame[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: t.port, path: '/api/events', headers: t.auth() },
      (res) => {
        if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
          reject(new Error(`SSE answered ${res.statusCode} ${res.headers['content-type']}`));
          return;
        }
        let buf = '';
        let started = false;
        const frames: SseFrame[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          if (!started && buf.includes(': connected\n\n')) {
            started = true;
            action().catch((e: unknown) => {
              req.destroy();
              reject(e instanceof Error ? e : new Error(String(e)));
            });
          }
          let end: number;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) frames.push({ event, data: JSON.parse(data) as unknown });
            if (event === last) {
              req.destroy();
              resolve(frames);
            }
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('events over SSE', () => {
  it('GET /api/events needs the token', async () => {
    const res = await send(t.port, { path: '/api/events' });
    expect(res.status).toBe(401);
  });

  it('streams import.progressed and import.completed while an import runs', async () => {
    let answer: HttpAnswer | undefined;
    const frames = await collectEvents('import.completed', async () => {
      answer = await t.upload('COTAHIST_D25062021.TXT', COTAHIST_DAILY());
      // A failed import emits no import.completed: fail now rather than wait for the timeout.
      if (answer.status !== 200) throw new Error(`import answered ${answer.status}: ${answer.text}`);
    });
    const progressed = frames.filter((f) => f.event === 'import.progressed');
    expect(progressed.length).toBeGreaterThan(0);
    expect(progressed.at(-1)?.data).toMatchObject({
      file: 'COTAHIST_D25062021.TXT',
      fileIndex: 0,
      fileCount: 1,
      records: 989,
    });
    const done = frames.at(-1);
    expect(done?.event).toBe('import.completed');
    expect(done?.data).toMatchObject({ files: 1, records: 7518, imported: 989 });
    await expect.poll(() => answer?.status).toBe(200);
    expect(await t.dailyBars()).toBe(989);
  });
});

describe('job events over SSE', () => {
  it('pushes job.updated when a job is created and when it is cancelled', async () => {
    let id = '';
    const frames = await collectEvents('job.updated', async () => {
      const res = await t.postJson('/api/jobs/create', { scraper_name: 'selftest', query: 'noop' });
      id = json<{ job: { id: string } }>(res).job.id;
    });
    expect(frames.at(-1)).toMatchObject({
      event: 'job.updated',
      data: { job: { id, status: 'pending', scraper_name: 'selftest' } },
    });
    const cancelled = await collectEvents('job.updated', () =>
      t.api({ method: 'DELETE', path: `/api/jobs/${id}` }),
    );
    expect(cancelled.at(-1)).toMatchObject({ data: { job: { id, status: 'cancelled' } } });
  });
});

describe('static files, docs and OpenAPI', () => {
  it('GET / serves index.html to a signed-in browser, never with the token', async () => {
    const cookie = await t.signIn();
    const res = await send(t.port, { path: '/', headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.text).toContain('app');
    expect(res.text).not.toContain(t.token);
    const deep = await send(t.port, { path: '/quotes/PETR4', headers: { cookie } });
    expect(deep.text).toContain('app');
    const missing = await send(t.port, { path: '/assets/missing.js' });
    expect(missing.status).toBe(404);
  });

  it('GET /docs is an HTML page listing the API', async () => {
    const res = await send(t.port, { path: '/docs' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('/api/quotes/{ticker}');
  });

  it('GET /openapi.json lists every route', async () => {
    const res = await send(t.port, { path: '/openapi.json' });
    expect(res.status).toBe(200);
    const doc = json<{
      openapi: string;
      info: { version: string };
      paths: Record<string, Record<string, unknown>>;
    }>(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(PKG_VERSION);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/quotes/{ticker}',
        '/api/import/cotahist',
        '/api/tickers/search',
      ]),
    );
    expect(doc.paths['/api/import/cotahist']).toHaveProperty('post');
    expect(doc.paths['/api/quotes/{ticker}']).toHaveProperty('get');
  });
});

describe('API token file', () => {
  it('is owner-only (0600) and reused across calls', () => {
    const file = join(t.dataDir, 'api-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(t.token);
    expect(t.token.length).toBeGreaterThanOrEqual(32);
    expect(ensureApiToken(t.dataDir)).toBe(t.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a fresh data dir gets a different token', () => {
    const other = tempDir();
    try {
      const fresh = ensureApiToken(other);
      expect(fresh).not.toBe(t.token);
      expect(statSync(join(other, 'api-token')).mode & 0o777).toBe(0o600);
    } finally {
      removeDir(other);
    }
  });
});
