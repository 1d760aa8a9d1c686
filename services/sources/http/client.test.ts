// fetchRaw against a real local server: bodies, encodings, headers, time, cancellation, network.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../raw';
import { ACCEPT_LANGUAGE, backoffDelay, DEFAULT_USER_AGENT, fetchRaw } from './client';
import { closedPort, failure, opts, recordingSleep, TestServer } from './test-server';

const server = new TestServer();
beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

describe('fetchRaw: bodies and encodings', () => {
  it('decodes a latin1 page whose charset is in the Content-Type header', async () => {
    // "Preço médio: não" written byte by byte in ISO-8859-1: ç 0xE7, é 0xE9, ã 0xE3.
    const bytes = Buffer.concat([
      Buffer.from('<p>Pre'),
      Buffer.from([0xe7]),
      Buffer.from('o m'),
      Buffer.from([0xe9]),
      Buffer.from('dio: n'),
      Buffer.from([0xe3]),
      Buffer.from('o</p>'),
    ]);
    const url = server.route('/latin1-header', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=ISO-8859-1' }).end(bytes);
    });
    const raw = await fetchRaw({ url }, opts());
    expect(raw.status).toBe(200);
    expect(raw.body.equals(bytes)).toBe(true);
    expect(raw.contentType).toBe('text/html; charset=ISO-8859-1');
    expect(raw.text()).toBe('<p>Preço médio: não</p>');
    expect(raw.url).toBe(url);
    expect(Number.isNaN(Date.parse(raw.fetchedAt))).toBe(false);
  });

  it('decodes a latin1 page that names its charset only in a meta tag', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
      Buffer.from('</head><body>Cota'),
      Buffer.from([0xe7, 0xe3]),
      Buffer.from('o: a'),
      Buffer.from([0xe7, 0xe3]),
      Buffer.from('o '),
      Buffer.from([0xe9]),
      Buffer.from('</body></html>'),
    ]);
    const url = server.route('/latin1-meta', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(bytes);
    });
    const raw = await fetchRaw({ url }, opts());
    expect(raw.text()).toContain('Cotação: ação é');
    // Forcing UTF-8 shows the bytes really are latin1.
    const forced = await fetchRaw({ url, encoding: 'utf-8' }, opts());
    expect(forced.text()).not.toContain('ação');
  });

  it('decompresses a gzip answer', async () => {
    const json = JSON.stringify({ ticker: 'WEGE3', price: 46.48, name: 'WEG ON' });
    const url = server.route('/gzip', (_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })
        .end(gzipSync(json));
    });
    const raw = await fetchRaw({ url }, opts());
    expect(raw.body.toString('utf8')).toBe(json);
    expect(readJson(raw, 'test')).toEqual({ ticker: 'WEGE3', price: 46.48, name: 'WEG ON' });
    expect(server.lastRequest('/gzip')?.headers['accept-encoding']).toContain('gzip');
  });

  it('follows redirects and reports the final URL', async () => {
    server.route('/new-place', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('arrived');
    });
    const url = server.route('/old-place', (_req, res) => {
      res.writeHead(302, { Location: '/new-place' }).end();
    });
    const raw = await fetchRaw({ url }, opts());
    expect(raw.status).toBe(200);
    expect(raw.url).toBe(`${server.url}/new-place`);
    expect(raw.text()).toBe('arrived');
  });

  it('sends a browser User-Agent, Accept and Accept-Language, plus the spec headers', async () => {
    const url = server.route('/headers', (_req, res) => res.writeHead(200).end('ok'));
    await fetchRaw({ url, headers: { 'X-Requested-With': 'XMLHttpRequest' } }, opts());
    const h = server.lastRequest('/headers')?.headers;
    expect(h?.['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^Mozilla\/5\.0 \(Windows NT 10\.0; Win64; x64\).*Chrome\/\d+/);
    expect(h?.['accept-language']).toBe(ACCEPT_LANGUAGE);
    expect(h?.['accept']).toMatch(/text\/html.*application\/json.*\*\/\*/);
    expect(h?.['x-requested-with']).toBe('XMLHttpRequest');

    await fetchRaw({ url, headers: { 'user-agent': 'Custom/1.0', Accept: 'application/json' } }, opts());
    const h2 = server.lastRequest('/headers')?.headers;
    expect(h2?.['user-agent']).toBe('Custom/1.0');
    expect(h2?.['accept']).toBe('application/json');
    await fetchRaw({ url }, opts({ userAgent: 'Other/2.0' }));
    expect(server.lastRequest('/headers')?.headers['user-agent']).toBe('Other/2.0');
  });

  it('POSTs the spec body', async () => {
    const url = server.route('/post', (req, res) => res.writeHead(200).end(req.method));
    const raw = await fetchRaw(
      {
        url,
        method: 'POST',
        body: 'a=1&b=2',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      opts(),
    );
    expect(raw.text()).toBe('POST');
    expect(server.lastRequest('/post')?.body).toBe('a=1&b=2');
  });

  it('refuses an answer over maxBytes, declared or streamed', async () => {
    const big = Buffer.alloc(10_000, 'a');
    const declared = server.route('/big', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(big.length) }).end(big);
    });
    const streamed = server.route('/big-chunked', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      for (let i = 0; i < 10; i++) res.write(big.subarray(i * 1000, (i + 1) * 1000));
      res.end();
    });
    for (const url of [declared, streamed]) {
      const e = await failure(fetchRaw({ url, maxBytes: 1000 }, opts()));
      expect(e.code).toBe('LAYOUT_CHANGED');
      expect(e.message).toContain('answer larger than 1000 bytes');
    }
    const exact = await fetchRaw({ url: streamed, maxBytes: 10_000 }, opts());
    expect(exact.body.length).toBe(10_000);
  });
});

describe('fetchRaw: time, cancellation and the network', () => {
  it('TIMEOUT quickly when the server never answers, not retried', async () => {
    const url = server.route('/hang-timeout', () => undefined);
    const started = Date.now();
    const e = await failure(fetchRaw({ url }, opts({ timeoutMs: 200 })));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.hits('/hang-timeout')).toBe(1);
  });

  it('TIMEOUT also bounds a body that stalls', async () => {
    const url = server.route('/stall', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html>');
    });
    const e = await failure(fetchRaw({ url }, opts({ timeoutMs: 200 })));
    expect(e.code).toBe('TIMEOUT');
  });

  it('a caller abort rejects with the abort reason', async () => {
    const url = server.route('/hang-abort', () => undefined);
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetchRaw({ url }, opts({ signal: controller.signal }))).rejects.toBe(reason);

    const already = new AbortController();
    already.abort(reason);
    await expect(fetchRaw({ url }, opts({ signal: already.signal }))).rejects.toBe(reason);
  });

  it('a caller abort during the backoff wait ends it (real sleep)', async () => {
    const url = server.route('/down-abort', (_req, res) => res.writeHead(503).end());
    const controller = new AbortController();
    const reason = new Error('stop');
    const { sleep: _unused, ...rest } = opts({ signal: controller.signal, backoffMs: 10_000 });
    setTimeout(() => controller.abort(reason), 100);
    const started = Date.now();
    await expect(fetchRaw({ url }, rest)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('connection refused: retried, then UNAVAILABLE with the network code', async () => {
    const port = await closedPort();
    const { sleeps, sleep } = recordingSleep();
    const e = await failure(fetchRaw({ url: `http://127.0.0.1:${port}/x` }, opts({ sleep, retries: 2 })));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.details?.['networkCode']).toBe('ECONNREFUSED');
    expect(e.message).toContain('ECONNREFUSED');
    expect(sleeps).toHaveLength(2);
  });

  it('a reset connection is retried and the next answer returned', async () => {
    const url = server.route('/reset', (req, res, hit) => {
      if (hit === 1) req.socket.destroy();
      else res.writeHead(200).end('second time lucky');
    });
    const { sleeps, sleep } = recordingSleep();
    const raw = await fetchRaw({ url }, opts({ sleep }));
    expect(raw.text()).toBe('second time lucky');
    expect(server.hits('/reset')).toBe(2);
    expect(sleeps).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with ±20% jitter and a 30 s cap', () => {
    expect(backoffDelay(0, 1000, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, 1000, () => 0.5)).toBe(2000);
    expect(backoffDelay(2, 1000, () => 0)).toBe(3200);
    expect(backoffDelay(2, 1000, () => 1)).toBe(4800);
    expect(backoffDelay(10, 1000, () => 1)).toBe(30_000);
  });
});
