// fetchRaw against a real local server: how each HTTP status ends (retries, errors, raw kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../raw';
import { fetchRaw } from './client';
import { rawOf } from './http-errors';
import { failure, opts, recordingSleep, TestServer } from './test-server';

const server = new TestServer();
beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

describe('fetchRaw: statuses', () => {
  it('waits out Retry-After on 429, then returns the 200', async () => {
    const url = server.route('/rate', (_req, res, hit) => {
      if (hit === 1) res.writeHead(429, { 'Retry-After': '1' }).end('slow down');
      else res.writeHead(200).end('fine');
    });
    const { sleeps, sleep } = recordingSleep();
    const raw = await fetchRaw({ url }, opts({ sleep, backoffMs: 10 }));
    expect(raw.text()).toBe('fine');
    expect(server.hits('/rate')).toBe(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(1000);
  });

  it('honours an HTTP-date Retry-After on 503', async () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    const url = server.route('/date-retry', (_req, res, hit) => {
      if (hit === 1) res.writeHead(503, { 'Retry-After': new Date(now + 5000).toUTCString() }).end();
      else res.writeHead(200).end('back');
    });
    const { sleeps, sleep } = recordingSleep();
    const raw = await fetchRaw({ url }, opts({ sleep, now: () => now }));
    expect(raw.text()).toBe('back');
    expect(sleeps).toEqual([5000]);
  });

  it('gives up at once with RATE_LIMITED when Retry-After is longer than allowed', async () => {
    const url = server.route('/rate-long', (_req, res) => {
      res.writeHead(429, { 'Retry-After': '600' }).end('come back in 10 minutes');
    });
    const { sleeps, sleep } = recordingSleep();
    const e = await failure(fetchRaw({ url }, opts({ sleep })));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.details?.['retryAfterMs']).toBe(600_000);
    expect(server.hits('/rate-long')).toBe(1);
    expect(sleeps).toEqual([]);
    expect(rawOf(e)?.text()).toBe('come back in 10 minutes');
  });

  it('RATE_LIMITED after the retries when 429 persists', async () => {
    const url = server.route('/rate-forever', (_req, res) => res.writeHead(429).end());
    const e = await failure(fetchRaw({ url }, opts({ retries: 1 })));
    expect(e.code).toBe('RATE_LIMITED');
    expect(server.hits('/rate-forever')).toBe(2);
  });

  it('retries 503 with exponential backoff, then UNAVAILABLE with the last body', async () => {
    const url = server.route('/down', (_req, res) => res.writeHead(503).end('maintenance'));
    const { sleeps, sleep } = recordingSleep();
    const e = await failure(fetchRaw({ url }, opts({ sleep, retries: 3, backoffMs: 1000 })));
    expect(e.code).toBe('UNAVAILABLE');
    expect(server.hits('/down')).toBe(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(e.details?.['status']).toBe(503);
    expect(e.details?.['attempts']).toBe(4);
    expect(e.message).toContain(url);
    expect(e.message).toContain('503');
    expect(rawOf(e)?.body.toString()).toBe('maintenance');
  });

  it('404 → NOT_FOUND carrying the served body, not retried and not enumerable', async () => {
    const body = '<html><body>Nenhum papel encontrado</body></html>';
    const url = server.route('/missing', (_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
    });
    const e = await failure(fetchRaw({ url }, opts()));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.details?.['status']).toBe(404);
    expect(e.message).toContain('404');
    expect(server.hits('/missing')).toBe(1);
    const raw = rawOf(e);
    expect(raw?.body.toString('utf8')).toBe(body);
    expect(raw?.status).toBe(404);
    expect(Object.keys(e)).not.toContain('raw');
    expect(JSON.stringify(e.toJSON())).not.toContain('Nenhum');
    expect(rawOf(new Error('plain'))).toBeUndefined();
    expect(rawOf('text')).toBeUndefined();
  });

  it('returns a status listed in acceptStatus as a payload', async () => {
    const url = server.route('/yahoo-404', (_req, res) => {
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end('{"chart":{"result":null,"error":{"code":"Not Found"}}}');
    });
    const raw = await fetchRaw({ url, acceptStatus: [404] }, opts());
    expect(raw.status).toBe(404);
    expect(readJson(raw, 'yahoo')).toEqual({ chart: { result: null, error: { code: 'Not Found' } } });
  });

  it('maps 401, 403, 410, 418 to UNAUTHORIZED, BLOCKED, NOT_FOUND, UNAVAILABLE', async () => {
    const cases: [number, string][] = [
      [401, 'UNAUTHORIZED'],
      [403, 'BLOCKED'],
      [410, 'NOT_FOUND'],
      [418, 'UNAVAILABLE'],
      [501, 'UNAVAILABLE'],
    ];
    for (const [status, code] of cases) {
      const url = server.route(`/status-${status}`, (_req, res) => res.writeHead(status).end('x'));
      const e = await failure(fetchRaw({ url }, opts()));
      expect([status, e.code]).toEqual([status, code]);
      expect(server.hits(`/status-${status}`)).toBe(1);
    }
  });

  it('an anti-bot challenge is BLOCKED whatever its status, without retries', async () => {
    const page = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>';
    const cf403 = server.route('/cf-403', (_req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/html' }).end(page);
    });
    const cf503 = server.route('/cf-503', (_req, res) => {
      res
        .writeHead(503, { 'Content-Type': 'text/html' })
        .end('<html><script src="/cdn-cgi/challenge-platform/h/b/orchestrate"></script></html>');
    });
    const cf200 = server.route('/cf-200', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'cf-mitigated': 'challenge' }).end('<html></html>');
    });
    const captcha = server.route('/captcha', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<div class="g-recaptcha"></div>');
    });
    for (const url of [cf403, cf503, cf200, captcha]) {
      const e = await failure(fetchRaw({ url }, opts()));
      expect(e.code).toBe('BLOCKED');
      expect(e.message).toContain('challenge');
      expect(rawOf(e)?.body.length).toBeGreaterThan(0);
    }
    expect(server.hits('/cf-503')).toBe(1);
    // JSON data that mentions a captcha is data, not a challenge.
    const json = server.route('/json-captcha', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"title":"captcha news"}');
    });
    expect((await fetchRaw({ url: json }, opts())).status).toBe(200);
  });

  it('keeps credentials out of messages', async () => {
    server.route('/secret', (_req, res) => res.writeHead(404).end());
    const e = await failure(
      fetchRaw({ url: `${server.url}/secret?token=S3CRET&apikey=K3Y&key=K4&ticker=PETR4` }, opts()),
    );
    expect(e.message).toContain('ticker=PETR4');
    expect(e.message).toContain('/secret');
    expect(JSON.stringify(e.toJSON())).not.toMatch(/S3CRET|K3Y|K4/);
  });

  it('an unparsable URL is INVALID_INPUT', async () => {
    const e = await failure(fetchRaw({ url: 'not a url' }, opts()));
    expect(e.code).toBe('INVALID_INPUT');
  });
});
