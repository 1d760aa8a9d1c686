/**
 * Memory benchmark: the RSS of every process of a real `b3ai serve` (the server and its worker
 * processes, found through /proc children), at rest on a new data dir and again after the analysis
 * benchmark's import (its generated 20-year COTAHIST file, imported through the server's own API,
 * plus the real Fundamentus WEGE3 pages ingested for every ticker) and its cold analyses (one
 * `GET /api/analysis/stock/{t}` per ticker). Beside each, the peer: a bare PGlite opened on the same
 * database, at rest and after reading the same rows.
 *
 * Sizes: BENCH_MEMORY_TICKERS (400), BENCH_MEMORY_WARMUP (20, left out of the cold count),
 * BENCH_MEMORY_SETTLE_S (5, the wait before an "at rest" sample), BENCH_MEMORY_FUNDAMENTUS=0 to skip
 * the page ingest. BENCH_MEMORY_ROOT=/path/to/another/checkout measures that checkout's `b3ai`
 * (the figures before a change), with this one's data and peer.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture, REPO_ROOT } from '../../test/helpers/fixtures';
import { makeHistoryFile } from '../analysis/make-history';
import { pgStartParams } from '../../services/core/storage/pg';
import { peer, type PeerMem } from './peer';
import { formatTree, totalRss, treeMem } from './procs';
import { startServe, type Serve } from './serve';

const AT_REST_TARGET = 450;
const RUN_TS = join(REPO_ROOT, 'bin', 'run-ts.mjs');
const FIRST_START = join(REPO_ROOT, 'bench', 'memory', 'first-start.ts');

interface FirstStart {
  from: string;
  ms: number;
  cpuMs: number;
}

/**
 * `openPg` in a fresh process: on a new folder from the shipped template, or with initdb (as before);
 * or reopening a folder made before.
 */
function firstStart(mode: Mode, dir: string): FirstStart {
  const out = execFileSync(process.execPath, [RUN_TS, FIRST_START, mode, dir], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as FirstStart;
}

type Mode = 'template' | 'initdb' | 'existing';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const LOADED_TARGET = 600;

const peerLine = (what: string, m: PeerMem): string =>
  `  peer, a bare PGlite on the same database, ${what}: ${m.rss.toFixed(0)} MB (peak ${m.hwm.toFixed(0)}, anon ${m.anon.toFixed(0)}, file ${m.file.toFixed(0)})`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The real Fundamentus WEGE3 pages with the ticker rewritten (as bench/analysis does). */
function pagesFor(ticker: string, dir: string): [string, string][] {
  return (['fundamentals', 'dividends'] as const).map((model) => {
    const name = model === 'fundamentals' ? 'wege3_details.html' : 'wege3_dividends.html';
    const path = join(dir, `${ticker}-${name}`);
    writeFileSync(
      path,
      readFileSync(fixture('fundamentus', name), 'latin1').replaceAll('WEGE3', ticker),
      'latin1',
    );
    return [model, path];
  });
}

async function analyses(server: Serve, tickers: readonly string[]): Promise<number> {
  let ok = 0;
  for (const t of tickers) {
    await server.api('GET', `api/analysis/stock/${t}`);
    ok++;
  }
  return ok;
}

export async function runMemoryBench(
  tickerCount = Number(process.env.BENCH_MEMORY_TICKERS ?? 400),
  warmup = Number(process.env.BENCH_MEMORY_WARMUP ?? 20),
  settleMs = 1000 * Number(process.env.BENCH_MEMORY_SETTLE_S ?? 5),
): Promise<void> {
  const t0 = performance.now();
  const root = process.env.BENCH_MEMORY_ROOT ?? REPO_ROOT;
  const made = makeHistoryFile(tickerCount);
  console.log(
    `\n== Memory benchmark: RSS of every process of b3ai serve (${root === REPO_ROOT ? 'this checkout' : root}), ${cpus().length} CPUs, Node ${process.version}\n`,
  );
  const work = mkdtempSync(join(tmpdir(), 'b3ai-bench-memory-'));
  let server: Serve | null = null;
  try {
    // 0. The database's first start on a new folder: the shipped template against initdb.
    const runs = Number(process.env.BENCH_MEMORY_FIRST_STARTS ?? 3);
    const starts: Record<Mode, FirstStart[]> = { template: [], initdb: [], existing: [] };
    for (let i = 0; i < runs; i++)
      for (const mode of ['template', 'existing', 'initdb'] as const) {
        const folder = mode === 'existing' ? 'template' : mode;
        const r = firstStart(mode, join(work, `first-${folder}-${i}`, 'pg'));
        if (r.from !== mode) throw new Error(`first start in ${mode} mode came from ${r.from}`);
        starts[mode].push(r);
      }
    const line = (mode: Mode): string =>
      `${s(median(starts[mode].map((r) => r.ms)))} (CPU ${s(median(starts[mode].map((r) => r.cpuMs)))})`;
    console.log(
      `first start of the database on a new folder (openPg: create + migrations), median of ${runs} fresh process${runs === 1 ? '' : 'es'}:\n` +
        `  from the shipped template ${line('template')}; with initdb, as before, ${line('initdb')};` +
        ` reopening that folder afterwards ${line('existing')}\n`,
    );

    // 1. A new data dir, at rest.
    const fresh = join(work, 'fresh');
    server = await startServe(root, fresh);
    await sleep(settleMs);
    const rest = treeMem(server.child.pid!);
    const freshReadyMs = server.readyMs;
    await server.stop();
    server = null;
    const freshPeer = peer(join(fresh, 'pg'));
    const freshPeerOurs = peer(join(fresh, 'pg'), undefined, pgStartParams());
    console.log(`new data dir: b3ai serve answered /health 200 ${s(freshReadyMs)} after it was spawned`);
    console.log(
      formatTree(
        `b3ai serve at rest on a new data dir (${s(settleMs)} after /health 200)`,
        rest,
        AT_REST_TARGET,
      ),
    );
    console.log(peerLine('at rest', freshPeer.atRest));
    console.log(peerLine("at rest, with the app's settings", freshPeerOurs.atRest));

    // 2. The analysis benchmark's load, through the server.
    const dataDir = join(work, 'data');
    const pagesDir = join(work, 'pages');
    mkdirSync(dataDir);
    mkdirSync(pagesDir);
    // The API names files only under the configured import folders.
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ imports: { allowedDirs: [dirname(made.path), pagesDir] } }),
    );
    server = await startServe(root, dataDir);
    let t = performance.now();
    const summary = await server.api<{ records_imported?: number }>('POST', 'api/import/cotahist', {
      paths: [made.path],
    });
    const importMs = performance.now() - t;
    const afterImport = treeMem(server.child.pid!);
    t = performance.now();
    let pages = 0;
    if (process.env.BENCH_MEMORY_FUNDAMENTUS !== '0') {
      for (const ticker of made.tickers)
        for (const [model, file] of pagesFor(ticker, pagesDir)) {
          await server.api('POST', `api/sources/fundamentus/ingest`, { model, file, ticker });
          pages++;
        }
    }
    const ingestMs = performance.now() - t;
    t = performance.now();
    await analyses(server, made.tickers.slice(0, warmup));
    const cold = await analyses(server, made.tickers.slice(warmup));
    const analysisMs = performance.now() - t;
    const afterLoad = treeMem(server.child.pid!);
    await sleep(settleMs);
    const afterLoadRest = treeMem(server.child.pid!);
    await server.stop();
    server = null;

    // 3. The same database, served again from a fresh start: at rest, then the same cold analyses.
    server = await startServe(root, dataDir);
    await sleep(settleMs);
    const reopened = treeMem(server.child.pid!);
    await analyses(server, made.tickers.slice(0, warmup));
    await analyses(server, made.tickers.slice(warmup));
    const reopenedLoad = treeMem(server.child.pid!);
    await server.stop();
    server = null;
    const tickersFile = join(work, 'tickers.json');
    writeFileSync(tickersFile, JSON.stringify(made.tickers));
    const loadedPeer = peer(join(dataDir, 'pg'), tickersFile);
    const loadedPeerOurs = peer(join(dataDir, 'pg'), tickersFile, pgStartParams());

    console.log(
      `\nload: imported ${made.records.toLocaleString('en')} bars (${made.tickers.length} tickers × ${made.days} days, ${JSON.stringify(summary).slice(0, 120)}) through POST /api/import/cotahist in ${s(importMs)};` +
        ` ingested ${pages} Fundamentus pages in ${s(ingestMs)}; ${warmup} + ${cold} cold analyses in ${s(analysisMs)}`,
    );
    console.log(formatTree('after the import', afterImport));
    console.log(
      formatTree(`after the import, the pages and ${cold} cold analyses`, afterLoad, LOADED_TARGET),
    );
    console.log(formatTree(`  the same, ${s(settleMs)} later`, afterLoadRest, LOADED_TARGET));
    console.log(formatTree(`restarted on the loaded data dir, at rest`, reopened, AT_REST_TARGET));
    console.log(
      formatTree(
        `restarted on the loaded data dir, after ${cold} cold analyses`,
        reopenedLoad,
        LOADED_TARGET,
      ),
    );
    console.log(peerLine('at rest', loadedPeer.atRest));
    const read = `after reading the same ${loadedPeer.rows.toLocaleString('en')} rows`;
    console.log(peerLine(read, loadedPeer.afterRead));
    console.log(peerLine("at rest, with the app's settings", loadedPeerOurs.atRest));
    console.log(peerLine(`${read}, with the app's settings`, loadedPeerOurs.afterRead));
    console.log(
      `\nsummary: at rest on a new data dir ${totalRss(rest).toFixed(0)} MB (peer ${freshPeer.atRest.rss.toFixed(0)} MB);` +
        ` after the load ${totalRss(afterLoad).toFixed(0)} MB (peer ${loadedPeer.afterRead.rss.toFixed(0)} MB)`,
    );
    console.log(`  (whole benchmark ${s(performance.now() - t0)})`);
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// Run on its own: `node bin/run-ts.mjs bench/memory/index.ts`.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runMemoryBench();
