import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERCEPTED_TYPE, makeRaw } from '../../sources/raw';
import { runTransform } from '../../sources/run-transform';
import { quoteOf, startTestSite, type TestSite } from '../browser/test-site';
import { testBrowserRegistry } from '../browser/test-source';
import { forkSpawner } from '../workers/fork';
import { createSupervisor } from '../workers/supervisor';
import { fixture, memoryLogger } from '../workers/test-workers/helpers';
import { closeWorkerBrowser } from './browser-fetch';
import { runFetchTask, type FetchTaskInput, type FetchTaskResult } from './fetch-task';
import { hasScreenshot, readBlob, removeBlob, screenshotPath } from './vault-files';

// Browser fetchers end to end: runFetchTask → a real Chromium on a local site → the vault; then
// the same through a worker process. The sources are test-only (test-source.ts).

let site: TestSite;
let dir: string;
const registry = testBrowserRegistry();

const input = (source: string, ticker: string, extra: Partial<FetchTaskInput> = {}): FetchTaskInput => ({
  source,
  model: 'quote',
  query: { ticker },
  baseUrl: site.url,
  credentials: {},
  vaultDir: join(dir, 'vault'),
  spillDir: join(dir, 'tmp'),
  timeoutMs: 30_000,
  browser: { dir: join(dir, 'browser'), executablePath: '/usr/bin/chromium', idleCloseMs: 2_000 },
  ...extra,
});

const run = (payload: FetchTaskInput): Promise<FetchTaskResult> =>
  runFetchTask(payload, new AbortController().signal, 'job-1', registry);

beforeAll(async () => {
  site = await startTestSite();
  dir = mkdtempSync(join(tmpdir(), 'b3ai-browser-fetch-'));
});

afterAll(async () => {
  await closeWorkerBrowser();
  await site.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser fetchers through runFetchTask', () => {
  it('keeps the rendered DOM in the vault and parses it; reparsing the stored payload gives the same items', async () => {
    const out = await run(input('test-browser', 'PETR4'));
    expect(out.error).toBeUndefined();
    const q = quoteOf('PETR4');
    expect(out.items).toMatchObject([{ ticker: 'PETR4', price: q.price, volume: q.volume }]);
    expect(out.fetch.contentType).toBe('text/html; charset=utf-8');
    expect(out.fetch.status).toBe(200);
    const body = readBlob(join(dir, 'vault'), out.fetch.sha256);
    expect(body.toString('utf8')).toContain(`<td class="price">${q.price.toFixed(2)}</td>`);
    // What `reparse` does: the stored bytes through the transform again.
    const raw = makeRaw({ ...out.fetch, body });
    const fetcher = registry.fetcher('test-browser', 'quote')!;
    expect(await runTransform('test-browser', fetcher, raw, { ticker: 'PETR4' })).toEqual(out.items);
    expect(existsSync(join(dir, 'browser', 'test-browser'))).toBe(true);
    expect(site.requests).not.toContain('/img/logo.png');
  });

  it('keeps the intercepted JSON document for an intercept fetcher', async () => {
    const out = await run(input('test-browser-json', 'VALE3'));
    expect(out.error).toBeUndefined();
    expect(out.items).toMatchObject([{ ticker: 'VALE3', price: quoteOf('VALE3').price }]);
    expect(out.fetch.contentType).toBe(INTERCEPTED_TYPE);
    const doc = JSON.parse(readBlob(join(dir, 'vault'), out.fetch.sha256).toString('utf8')) as {
      page: string;
      answers: { url: string; body: string }[];
    };
    expect(doc.page).toBe(`${site.url}/quote/VALE3`);
    expect(doc.answers.map((a) => a.url)).toEqual([`${site.url}/api/quote/VALE3.json`]);
  });

  it('LAYOUT_CHANGED keeps a PNG of the page beside the payload', async () => {
    const out = await run(input('test-browser', 'RENAMED3'));
    expect(out.error?.code).toBe('LAYOUT_CHANGED');
    expect(out.error?.message).toContain('test-browser quote (ticker=RENAMED3)');
    expect(out.fetch.screenshot).toBe(true);
    const png = readFileSync(screenshotPath(join(dir, 'vault'), out.fetch.sha256));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(1_000);
    // The payload itself is kept too, so a fixed parser can reparse it.
    expect(readBlob(join(dir, 'vault'), out.fetch.sha256).toString('utf8')).toContain('id="cotacao"');
    expect(hasScreenshot(join(dir, 'vault'), out.fetch.sha256)).toBe(true);
    // The vault's retention removes the screenshot with its payload.
    removeBlob(join(dir, 'vault'), out.fetch.sha256);
    expect(hasScreenshot(join(dir, 'vault'), out.fetch.sha256)).toBe(false);
    expect(existsSync(join(dir, 'vault', out.fetch.sha256.slice(0, 2), `${out.fetch.sha256}.gz`))).toBe(
      false,
    );
  });

  it('a timeout fails the attempt with TIMEOUT naming source and query', async () => {
    const slow = await startTestSite({ jsonDelayMs: 10_000 });
    try {
      const started = Date.now();
      const e = await run(input('test-browser', 'ITUB4', { baseUrl: slow.url, timeoutMs: 2_000 })).catch(
        (err: unknown) => err as { code: string; message: string },
      );
      expect(e).toMatchObject({ code: 'TIMEOUT' });
      expect((e as { message: string }).message).toContain('test-browser quote (ticker=ITUB4)');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await slow.stop();
    }
    // The next attempt, on the normal site, works.
    expect((await run(input('test-browser', 'ITUB4'))).items).toHaveLength(1);
  });

  it('without browser settings the task fails UNAVAILABLE, naming source and query', async () => {
    const e = await run(input('test-browser', 'BBAS3', { browser: undefined })).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'UNAVAILABLE' });
    expect((e as Error).message).toContain('test-browser quote (ticker=BBAS3)');
  });
});

describe('browser fetchers in a worker process', () => {
  it('runs source.fetch in the worker with its own browser, twice on one worker', async () => {
    const log = memoryLogger();
    const sup = createSupervisor({
      spawn: forkSpawner(fixture('browser-worker.ts'), { log }),
      size: 1,
      log,
      maxOldSpaceMb: 256,
    });
    try {
      await sup.start();
      const first = await sup.run({
        jobId: 'w-1',
        task: 'source.fetch',
        payload: input('test-browser', 'WEGE3'),
        timeoutMs: 60_000,
      });
      expect(first).toMatchObject({ ok: true });
      const result = (first as { result: FetchTaskResult }).result;
      expect(result.items).toMatchObject([{ ticker: 'WEGE3', price: quoteOf('WEGE3').price }]);
      const second = await sup.run({
        jobId: 'w-2',
        task: 'source.fetch',
        payload: input('test-browser-json', 'WEGE3'),
        timeoutMs: 60_000,
      });
      expect(second).toMatchObject({ ok: true, pid: (first as { pid: number }).pid });
      expect(readBlob(join(dir, 'vault'), result.fetch.sha256).toString('utf8')).toContain('class="price"');
    } finally {
      await sup.stop(2_000);
    }
  });
});
