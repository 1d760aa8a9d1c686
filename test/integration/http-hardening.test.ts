import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
