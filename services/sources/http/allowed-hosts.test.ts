import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRaw } from './client';
import { hostAllowed, hostKey } from './allowed-hosts';
import { failure, opts, TestServer } from './test-server';

// F4: requests and their redirects reach only the configured hosts. Two real servers on loopback:
// `site` (allowed) and `inside` (another port: another host, standing in for an internal service).
let site: TestServer;
let inside: TestServer;

beforeAll(async () => {
  site = await new TestServer().start();
  inside = await new TestServer().start();
  inside.route('/secret', (_req, res) => void res.end('INTERNAL-SECRET-BODY'));
  site.route('/page', (_req, res) => void res.end('ok page'));
  site.route('/local-redirect', (_req, res) => void res.writeHead(302, { location: '/page' }).end());
  site.route('/away', (_req, res) => void res.writeHead(302, { location: `${inside.url}/secret` }).end());
  site.route('/loop', (_req, res) => void res.writeHead(307, { location: '/loop' }).end());
});

afterAll(async () => {
  await site?.stop();
  await inside?.stop();
});

const allowed = (): string[] => [hostKey(site.url) ?? ''];

describe('hostKey and hostAllowed', () => {
  it('compare host and port, lower case, default ports dropped', () => {
    expect(hostKey('https://WWW.Example.com:443/x')).toBe('www.example.com');
    expect(hostKey('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(hostKey('file:///etc/passwd')).toBeNull();
    expect(hostAllowed('http://127.0.0.1:8081/', ['127.0.0.1:8080'])).toBe(false);
    expect(hostAllowed('http://user@127.0.0.1:8080/', ['127.0.0.1:8080'])).toBe(true);
    expect(hostAllowed('gopher://127.0.0.1:8080/', undefined)).toBe(false);
  });
});

describe('fetchRaw with allowedHosts', () => {
  it('follows a redirect on the same host', async () => {
    const raw = await fetchRaw({ url: `${site.url}/local-redirect` }, opts({ allowedHosts: allowed() }));
    expect(raw.text()).toBe('ok page');
    expect(raw.url).toBe(`${site.url}/page`);
  });

  it('refuses a redirect to another host before requesting it, and shows nothing of it', async () => {
    const before = inside.received.length;
    const e = await failure(fetchRaw({ url: `${site.url}/away` }, opts({ allowedHosts: allowed() })));
    expect(e.code).toBe('BLOCKED');
    expect(e.message).toContain('redirected to 127.0.0.1:');
    expect(JSON.stringify(e)).not.toContain('INTERNAL-SECRET-BODY');
    expect(inside.received.length).toBe(before);
  });

  it('refuses a URL whose host is not configured without sending anything', async () => {
    const before = inside.received.length;
    const e = await failure(fetchRaw({ url: `${inside.url}/secret` }, opts({ allowedHosts: allowed() })));
    expect(e.code).toBe('BLOCKED');
    expect(inside.received.length).toBe(before);
  });

  it('stops a redirect loop', async () => {
    const e = await failure(fetchRaw({ url: `${site.url}/loop` }, opts({ allowedHosts: allowed() })));
    expect(e.code).toBe('BLOCKED');
    expect(e.message).toContain('more than 5 redirects');
  });
});
