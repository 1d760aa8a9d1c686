import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { INTERCEPTED_TYPE, readIntercepted } from '../../sources/raw';
import { pidGone, waitFor } from '../workers/test-workers/helpers';
import { processTree } from './procs';
import { BrowserRuntime } from './runtime';
import type { PageRequest } from './page-fetch';
import { quoteOf, startTestSite, type TestSite } from './test-site';

// A real Chromium (/usr/bin/chromium) against a local site: no network, no mocks.

let site: TestSite;
let dir: string;
let rt: BrowserRuntime;
const env = { B3AI_CHROMIUM: '/usr/bin/chromium' };
const never = new AbortController().signal;

const req = (path: string, spec: PageRequest['spec'] = {}, timeoutMs = 20_000): PageRequest => ({
  url: `${site.url}${path}`,
  spec,
  timeoutMs,
  allowedHosts: [site.host],
});

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the page to fail');
}

async function read(path: string, spec: PageRequest['spec'] = {}): Promise<string> {
  const page = await rt.open('test-site', req(path, spec), never);
  try {
    return page.raw.text();
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  site = await startTestSite();
  dir = mkdtempSync(join(tmpdir(), 'b3ai-browser-'));
  rt = new BrowserRuntime({ profilesDir: dir, env, idleCloseMs: 60_000, pageMemoryMb: 64 });
});

afterAll(async () => {
  await rt.closeAll();
  await site.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('BrowserRuntime', () => {
  it('reads a page rendered with JavaScript once waitFor is there, with images, fonts and media blocked', async () => {
    const html = await read('/quote/PETR4', { waitFor: '#quote .price' });
    expect(html).toContain(`<td class="price">${quoteOf('PETR4').price.toFixed(2)}</td>`);
    expect(html).not.toContain('carregando');
    expect(site.requests).toContain('/api/quote/PETR4.json');
    for (const blocked of ['/img/logo.png', '/fonts/t.woff2', '/media/clip.mp4'])
      expect(site.requests).not.toContain(blocked);
    expect(rt.running()).toEqual(['test-site']);
  });

  it('keeps the JSON answers a page loads (intercept) as the intercepted document', async () => {
    const page = await rt.open('test-site', req('/quote/VALE3', { intercept: ['/api/quote/'] }), never);
    await page.close();
    expect(page.raw.contentType).toBe(INTERCEPTED_TYPE);
    const answer = readIntercepted(page.raw, '/api/quote/VALE3.json', 'test');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual(quoteOf('VALE3'));
  });

  it('loads images when the fetcher allows them', async () => {
    const before = site.requests.filter((r) => r === '/img/logo.png').length;
    await read('/quote/ITUB4', { waitFor: '#quote', allow: ['image'] });
    expect(site.requests.filter((r) => r === '/img/logo.png').length).toBe(before + 1);
    expect(site.requests.filter((r) => r === '/fonts/t.woff2')).toEqual([]);
  });

  it('a page that is not ready in time fails with TIMEOUT, and the next page works on the same browser', async () => {
    const pid = rt.pid('test-site');
    expect(pid).not.toBeNull();
    const started = Date.now();
    const e = await failure(rt.open('test-site', req('/quote/ABEV3', { waitFor: '#never' }, 1_500), never));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('#never');
    expect(Date.now() - started).toBeLessThan(8_000);
    const hung = await failure(rt.open('test-site', req('/hang', {}, 1_500), never));
    expect(hung.code).toBe('TIMEOUT');
    expect(await read('/quote/ABEV3', { waitFor: '#quote' })).toContain('class="price"');
    expect(rt.pid('test-site')).toBe(pid);
  });

  it('a browser killed mid-page fails that page only; the next page starts a new browser', async () => {
    await read('/quote/WEGE3', { waitFor: '#quote' });
    const pid = rt.pid('test-site')!;
    const pending = rt.open('test-site', req('/hang', {}, 20_000), never);
    setTimeout(() => process.kill(pid, 'SIGKILL'), 500);
    const e = await failure(pending);
    expect(e.code).toBe('WORKER_CRASHED');
    await waitFor(() => pidGone(pid), 5_000, 'the killed browser to go');
    expect(await read('/quote/WEGE3', { waitFor: '#quote' })).toContain('class="price"');
    const next = rt.pid('test-site');
    expect(next).not.toBeNull();
    expect(next).not.toBe(pid);
  });

  it('a hung browser (stopped process) fails the page with TIMEOUT and is killed; the next page relaunches', async () => {
    await read('/quote/RENT3', { waitFor: '#quote' });
    const pid = rt.pid('test-site')!;
    const pending = rt.open('test-site', req('/quote/RENT3', { waitFor: '#never' }, 2_000), never);
    setTimeout(() => process.kill(pid, 'SIGSTOP'), 300);
    const e = await failure(pending);
    expect(e.code).toBe('TIMEOUT');
    await waitFor(() => pidGone(pid), 15_000, 'the hung browser to be killed');
    expect(await read('/quote/RENT3', { waitFor: '#quote' })).toContain('class="price"');
    expect(rt.pid('test-site')).not.toBe(pid);
  });

  it('a page over its memory budget fails (WORKER_CRASHED), and the next page works', async () => {
    const e = await failure(rt.open('test-site', req('/memory', { waitFor: '#never' }, 30_000), never));
    expect(e.code).toBe('WORKER_CRASHED');
    expect(e.message).toContain('MB of JavaScript heap, over its 64 MB');
    expect(e.details?.['reason']).toBe('memory');
    expect(await read('/quote/BBAS3', { waitFor: '#quote' })).toContain('class="price"');
  });

  it('a page allocating without yielding is stopped too (heap check or the --js-flags cap)', async () => {
    const e = await failure(rt.open('test-site', req('/oom', { waitFor: '#never' }, 30_000), never));
    expect(e.code).toBe('WORKER_CRASHED');
    expect(e.message).toMatch(/MB of JavaScript heap|the page crashed/);
    expect(await read('/quote/BBAS3', { waitFor: '#quote' })).toContain('class="price"');
  });

  it('a renderer that dies mid-page (page crash) fails that page only, on the same browser', async () => {
    await read('/quote/BBAS3', { waitFor: '#quote' });
    const pid = rt.pid('test-site')!;
    const pending = rt.open('test-site', req('/quote/BBDC4', { waitFor: '#never' }, 20_000), never);
    await new Promise((r) => setTimeout(r, 1_000));
    const renderers = processTree(pid).filter((p) => cmdline(p).includes('--type=renderer'));
    expect(renderers.length).toBeGreaterThan(0);
    for (const r of renderers) process.kill(r, 'SIGKILL');
    const e = await failure(pending);
    expect(e.code).toBe('WORKER_CRASHED');
    expect(e.message).toContain('the page crashed');
    expect(await read('/quote/BBDC4', { waitFor: '#quote' })).toContain('class="price"');
    expect(rt.pid('test-site')).toBe(pid);
  });

  it('refuses a navigation to a host the source does not name (BLOCKED)', async () => {
    const e = await failure(
      rt.open('test-site', req(`/offsite?to=http://localhost:9/x`, { waitFor: '#never' }), never),
    );
    expect(e.code).toBe('BLOCKED');
    expect(e.message).toContain('localhost:9');
  });

  it('a page answering 404 fails NOT_FOUND with the payload kept', async () => {
    const e = await failure(rt.open('test-site', req('/missing'), never));
    expect(e.code).toBe('NOT_FOUND');
    expect((e as unknown as { raw?: { status: number } }).raw?.status).toBe(404);
  });

  it('closes an idle browser: its process is gone', async () => {
    const quick = new BrowserRuntime({ profilesDir: dir, env, idleCloseMs: 1_000 });
    const page = await quick.open('idle-site', req('/quote/PETR4', { waitFor: '#quote' }), never);
    const pid = quick.pid('idle-site')!;
    expect(pid).toBeGreaterThan(0);
    await page.close();
    expect(pidGone(pid)).toBe(false);
    await waitFor(() => pidGone(pid), 10_000, 'the idle browser to exit');
    expect(quick.running()).toEqual([]);
  });

  it('no browser found: UNAVAILABLE naming the browsers and paths looked for', async () => {
    const none = new BrowserRuntime({ profilesDir: dir, env: {}, exists: () => false });
    const e = await failure(none.open('test-site', req('/quote/PETR4'), never));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('Google Chrome, Chromium, Microsoft Edge, Brave');
    expect(e.message).toContain('/usr/bin/chromium');
  });
});
