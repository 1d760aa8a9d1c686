/**
 * Browser bench: the worker's BrowserRuntime (real Chromium: the browser the jobs would use here,
 * i.e. Debian's headless shell where installed, else /usr/bin/chromium; B3AI_CHROMIUM picks one)
 * reading a JS-rendered page of the local test site (services/core/browser/test-site.ts: the page
 * draws its numbers from a JSON endpoint 50 ms after load; images, fonts and media blocked), two
 * ways: the rendered DOM (`waitFor`) and the JSON answer the page loads (`intercept`, what the
 * sources use where a page loads its data as JSON), next to the same data fetched over plain HTTP
 * from that JSON endpoint with the sources' HTTP client.
 *
 * Prints: the cold start (launch + first page), pages per minute and per-page times for N warm pages
 * per way and N HTTP fetches, the ratio warm page / HTTP fetch (target ≤ 3×), peak memory (this
 * process and the browser's process tree from /proc: RSS summed, and PSS, which shares shared pages
 * out), and how long after the last page the browser's memory was released (target ≤ 60 s; the HTTP
 * run happens meanwhile, so the browser is idle then), with the app's default idle close
 * (BENCH_BROWSER_IDLE_S sets another).
 *
 * Two rounds: on localhost as is (no network: the pure cost of the browser), and with every answer
 * of the site delayed BENCH_BROWSER_LATENCY_MS (default 150 ms, a round trip to a real site). A page
 * there needs two round trips (the page, then its JSON) where HTTP needs one: 2.3× is the floor.
 * BENCH_BROWSER_PAGES (default 30). `node bin/run-ts.mjs bench/browser/index.ts`. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processTree, rssMb } from '../../services/core/browser/procs';
import { BrowserRuntime } from '../../services/core/browser/runtime';
import type { PageRequest } from '../../services/core/browser/page-fetch';
import { startTestSite, type TestSite } from '../../services/core/browser/test-site';
import { fetchRaw } from '../../services/sources/http';

const PAGES = Number(process.env.BENCH_BROWSER_PAGES ?? 30);
/** Idle close for the bench, in s; unset: the app's default (DEFAULT_IDLE_CLOSE_MS). */
const IDLE_S = process.env.BENCH_BROWSER_IDLE_S ? Number(process.env.BENCH_BROWSER_IDLE_S) : 0;
const LATENCY_MS = Number(process.env.BENCH_BROWSER_LATENCY_MS ?? 150);
const TICKERS = ['PETR4', 'VALE3', 'ITUB4', 'BBDC4', 'ABEV3', 'WEGE3', 'BBAS3', 'RENT3', 'SUZB3', 'GGBR4'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const f1 = (n: number): string => n.toFixed(1);
const never = new AbortController().signal;

function pssMb(pid: number): number {
  try {
    const kb = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Mem {
  self: number;
  rss: number;
  pss: number;
  procs: number;
}

/** The browser tree's memory; PSS (reading smaps_rollup is slow) only when asked. */
function browserMem(rt: BrowserRuntime, withPss = false): Mem {
  const pid = rt.pid('bench');
  const tree = pid === null ? [] : processTree(pid);
  return {
    self: process.memoryUsage().rss / 2 ** 20,
    rss: tree.reduce((n, p) => n + rssMb(p), 0),
    pss: withPss ? tree.reduce((n, p) => n + pssMb(p), 0) : NaN,
    procs: tree.length,
  };
}

/** Samples RSS every 250 ms; `peak` is the highest browser RSS seen (PSS taken at that moment). */
function sampler(rt: BrowserRuntime): { stop(): Mem } {
  let peak: Mem = { self: 0, rss: 0, pss: 0, procs: 0 };
  const take = (): void => {
    const m = browserMem(rt);
    if (m.rss > peak.rss) peak = browserMem(rt, true);
  };
  const timer = setInterval(take, 250);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

type Spec = PageRequest['spec'];

/** One way of reading the quote page: the rendered DOM (`waitFor`), or its JSON answer (`intercept`). */
const MODES: { name: string; spec: Spec; check: string }[] = [
  { name: 'rendered DOM (waitFor)', spec: { waitFor: '#quote .price' }, check: 'class="price"' },
  { name: 'its JSON answer (intercept)', spec: { intercept: ['/api/quote/'] }, check: '\\"price\\":' },
];

async function round(label: string, site: TestSite, profiles: string): Promise<void> {
  const rt = new BrowserRuntime({
    profilesDir: profiles,
    ...(IDLE_S ? { idleCloseMs: IDLE_S * 1000 } : {}),
  });
  const mem = sampler(rt);
  const page = async (ticker: string, mode: (typeof MODES)[number]): Promise<number> => {
    const t = performance.now();
    const p = await rt.open(
      'bench',
      { url: `${site.url}/quote/${ticker}`, spec: mode.spec, timeoutMs: 60_000, allowedHosts: [site.host] },
      never,
    );
    if (!p.raw.text().includes(mode.check)) throw new Error(`bench: no quote in the page (${mode.name})`);
    await p.close();
    return performance.now() - t;
  };
  const cold = await page('PETR4', MODES[0]!);
  const browser = rt.pid('bench');
  const exe =
    browser === null ? '?' : (readFileSync(`/proc/${browser}/cmdline`, 'utf8').split('\0')[0] ?? '?');
  const warm = new Map<string, { times: number[]; totalMs: number }>();
  for (const mode of MODES) {
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < PAGES; i++) times.push(await page(TICKERS[i % TICKERS.length]!, mode));
    warm.set(mode.name, { times, totalMs: performance.now() - t0 });
  }
  const peak = mem.stop();
  const idleFrom = performance.now();
  const pid = rt.pid('bench');

  const http: number[] = [];
  const h0 = performance.now();
  for (let i = 0; i < PAGES; i++) {
    const t = performance.now();
    const raw = await fetchRaw(
      { url: `${site.url}/api/quote/${TICKERS[i % TICKERS.length]!}.json` },
      { signal: never, timeoutMs: 30_000, retries: 0 },
    );
    JSON.parse(raw.text());
    http.push(performance.now() - t);
  }
  const httpTotal = performance.now() - h0;

  let releasedS = NaN;
  while (performance.now() - idleFrom < 90_000) {
    if (pid === null || browserMem(rt).rss === 0 || rssMb(pid) === 0) {
      releasedS = (performance.now() - idleFrom) / 1000;
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await rt.closeAll();

  const idleMs = rt.idleCloseMs;
  console.log(`\n${label}`);
  console.log(`  browser: ${exe}`);
  console.log(`  cold start (launch + first page): ${cold.toFixed(0)} ms`);
  console.log(
    `  plain HTTP (the JSON endpoint): ${PAGES} in ${(httpTotal / 1000).toFixed(2)} s = ${((PAGES * 60_000) / httpTotal).toFixed(0)} fetches/min; median ${f1(median(http))} ms`,
  );
  for (const [name, w] of warm) {
    const ratio = median(w.times) / median(http);
    console.log(
      `  warm browser pages, ${name}: ${PAGES} in ${(w.totalMs / 1000).toFixed(1)} s = ${((PAGES * 60_000) / w.totalMs).toFixed(0)} pages/min; median ${f1(median(w.times))} ms, max ${f1(Math.max(...w.times))} ms; ${f1(ratio)}× the HTTP fetch (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'})`,
    );
  }
  console.log(
    `  peak memory: browser tree ${peak.rss.toFixed(0)} MB RSS summed over ${peak.procs} processes (PSS ${peak.pss.toFixed(0)} MB), this process ${peak.self.toFixed(0)} MB`,
  );
  console.log(
    `  browser memory released ${Number.isNaN(releasedS) ? 'NOT within 90 s' : `${f1(releasedS)} s after the last page`} (idle close ${idleMs / 1000} s${IDLE_S ? ', set for the bench' : ", the app's default"}; target ≤ 60 s: ${releasedS <= 60 ? 'met' : 'NOT met'})`,
  );
}

export async function runBrowserBench(): Promise<void> {
  console.log(`\n== browser: BrowserRuntime pages vs plain HTTP (${PAGES} pages per run) ==`);
  const profiles = mkdtempSync(join(tmpdir(), 'b3ai-bench-browser-'));
  try {
    for (const latencyMs of [0, LATENCY_MS]) {
      const site = await startTestSite({ latencyMs });
      try {
        await round(
          latencyMs === 0
            ? "localhost, no added latency (the browser's own cost)"
            : `every answer delayed ${latencyMs} ms (a real site's round trip)`,
          site,
          profiles,
        );
      } finally {
        await site.stop();
      }
    }
  } finally {
    rmSync(profiles, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

// Run on its own: `node bin/run-ts.mjs bench/browser/index.ts`.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runBrowserBench();
