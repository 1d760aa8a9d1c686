import { describe, expect, it } from 'vitest';
import { backoffDelay, buildHttpRequest, parseResultBody } from './http-request';

const origin = 'http://127.0.0.1:4321';

describe('buildHttpRequest', () => {
  it('builds a GET with the query string, the client header and the session cookie (no token)', () => {
    const req = buildHttpRequest('tickers.search', { q: 'PETR', limit: 10 }, origin);
    expect(req.url).toBe('http://127.0.0.1:4321/api/tickers/search?q=PETR&limit=10');
    expect(req.init.method).toBe('GET');
    expect(req.init.headers['X-B3AI-Client']).toBe('web');
    expect(req.init.headers.Authorization).toBeUndefined();
    expect(req.init.credentials).toBe('same-origin');
    expect(req.init.body).toBeUndefined();
    expect(req.init.headers['Content-Type']).toBeUndefined();
  });

  it('fills path params and leaves them out of the query', () => {
    const req = buildHttpRequest('quotes.list', { ticker: 'PETR4', from: '2021-01-04' }, origin);
    expect(req.url).toBe('http://127.0.0.1:4321/api/quotes/PETR4?from=2021-01-04');
  });

  it('sends POST inputs as a JSON body', () => {
    const input = { uploads: [{ name: 'COTAHIST_D25062021.TXT', dataBase64: 'QUJD' }] };
    const req = buildHttpRequest('import.cotahist', input, origin);
    expect(req.url).toBe('http://127.0.0.1:4321/api/import/cotahist');
    expect(req.init.method).toBe('POST');
    expect(req.init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(req.init.body ?? '')).toEqual(input);
  });

  it('builds routes outside /api/ the same way', () => {
    const req = buildHttpRequest('health.get', {}, origin);
    expect(req.url).toBe('http://127.0.0.1:4321/health');
    expect(req.init.headers.Authorization).toBeUndefined();
  });
});

describe('parseResultBody', () => {
  it('takes a 2xx body as the output and a non-2xx body as the error', () => {
    expect(parseResultBody(200, '{"items":[]}')).toEqual({
      ok: true,
      data: { items: [] },
    });
    const err = { code: 'MALFORMED_RECORD', message: 'x.TXT line 3: bad date', details: { line: 3 } };
    expect(parseResultBody(422, JSON.stringify({ ok: false, error: err }))).toEqual({
      ok: false,
      error: err,
    });
  });

  it('turns non-JSON or unexpected bodies into UNAVAILABLE', () => {
    const html = parseResultBody(502, '<html>Bad gateway</html>');
    expect(html.ok).toBe(false);
    if (!html.ok) expect(html.error.code).toBe('UNAVAILABLE');
    const odd = parseResultBody(404, '{"hello":1}');
    expect(!odd.ok && odd.error.code).toBe('UNAVAILABLE');
    const badCode = parseResultBody(500, '{"ok":false,"error":{"code":"NOPE","message":"m"}}');
    expect(!badCode.ok && badCode.error.code).toBe('UNAVAILABLE');
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms and caps at 30 s', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(10)).toBe(30_000);
    expect(backoffDelay(1000)).toBe(30_000);
  });
});
