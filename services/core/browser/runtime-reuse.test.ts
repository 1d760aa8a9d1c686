import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIntercepted } from '../../sources/raw';
import { PARK_AFTER_MS, BrowserRuntime } from './runtime';
import type { PageRequest } from './page-fetch';
import { quoteOf, startTestSite, type TestSite } from './test-site';

// The page kept from fetch to fetch (real Chromium, local site): reused straight, parked when idle,
// and never mixing the last document's answers into the next page's. Also: Debian's headless shell.

let site: TestSite;
let dir: string;
let rt: BrowserRuntime;
const never = new AbortController().signal;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const req = (path: string, spec: PageRequest['spec']): PageRequest => ({
  url: `${site.url}${path}`,
  spec,
  timeoutMs: 20_000,
  allowedHosts: [site.host],
});

beforeAll(async () => {
  // Every JSON answer comes 120 ms late: the polling page always has some in flight.
  site = await startTestSite({ jsonDelayMs: 120 });
  dir = mkdtempSync(join(tmpdir(), 'b3ai-browser-reuse-'));
  rt = new BrowserRuntime({ profilesDir: dir, env: { B3AI_CHROMIUM: '/usr/bin/chromium' } });
});

afterAll(async () => {
  await rt.closeAll();
  await site.stop();
  rmSync(dir, { recursive: true, force: true });
});

const polls = (ticker: string): number =>
  site.requests.filter((r) => r === `/api/quote/${ticker}.json`).length;

describe('BrowserRuntime: the kept page', () => {
  it("keeps only the new document's answers when the last page was still fetching its own", async () => {
    for (let i = 0; i < 5; i++) {
      // The last page polls PETR4's JSON; the next fetch, straight after, intercepts '/api/quote/'.
      const last = await rt.open('reuse', req('/poll/PETR4', { waitFor: '#root' }), never);
      await sleep(100);
      await last.close();
      const page = await rt.open('reuse', req('/quote/VALE3', { intercept: ['/api/quote/'] }), never);
      await page.close();
      const doc = JSON.parse(page.raw.text()) as { answers: { url: string }[] };
      expect(doc.answers.map((a) => new URL(a.url).pathname)).toEqual(['/api/quote/VALE3.json']);
      expect(JSON.parse(readIntercepted(page.raw, '/api/quote/VALE3.json', 't').body)).toEqual(
        quoteOf('VALE3'),
      );
    }
    expect(polls('PETR4')).toBeGreaterThan(5);
  });

  it("parks a page not reused within PARK_AFTER_MS: the last document's scripts stop", async () => {
    const page = await rt.open('reuse', req('/poll/ITUB4', { waitFor: '#root' }), never);
    await sleep(300);
    await page.close();
    expect(polls('ITUB4')).toBeGreaterThan(0);
    await sleep(PARK_AFTER_MS + 1_500);
    const parked = polls('ITUB4');
    await sleep(1_000);
    expect(polls('ITUB4')).toBe(parked);
    // The parked page serves the next fetch.
    const next = await rt.open('reuse', req('/quote/ITUB4', { waitFor: '#quote .price' }), never);
    await next.close();
    expect(next.raw.text()).toContain(`<td class="price">${quoteOf('ITUB4').price.toFixed(2)}</td>`);
  });

  it("uses Debian's headless shell for jobs when Chromium comes from the standard paths", async () => {
    const shellRt = new BrowserRuntime({ profilesDir: dir, env: {} });
    try {
      const page = await shellRt.open('shell', req('/quote/WEGE3', { waitFor: '#quote .price' }), never);
      await page.close();
      expect(page.raw.text()).toContain(`<td class="price">${quoteOf('WEGE3').price.toFixed(2)}</td>`);
      const pid = shellRt.pid('shell')!;
      // The pid is the browser itself (a hung one is killed by it), not a wrapper script.
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toBe(
        '/usr/lib/chromium/chromium-headless-shell',
      );
    } finally {
      await shellRt.closeAll();
    }
  });
});
