/**
 * Analysis benchmark: `GET /api/analysis/stock/{ticker}` on a real `b3ai serve` with 400 tickers ×
 * 20 years of daily bars loaded (a COTAHIST file generated from the real daily file's records,
 * imported with the real importer, plus the real Fundamentus WEGE3 pages ingested for every
 * ticker), each request next to a raw PGlite read of the same rows (its own process on a copy of
 * the database, the app's PostgreSQL settings, one read per request in turn, so load from the rest
 * of the machine weighs on both sides alike); p50/p99, CPU time per request, the server's RSS, and
 * an in-process breakdown of a cold answer. Each step that needs a fresh heap is its own process
 * (probe.ts); the server, the reader and the temp dir are always removed.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../test/helpers/fixtures';
import { startServe, type ServeProcess } from '../../test/e2e/serve-process';
import { makeHistoryFile } from './make-history';
import { PART_NAMES, type PartsResult } from './parts';
import { RawReader, type RawRead } from './raw-reader';
import { cpuMsOf, percentile, rssOf, type Rss } from './stats';

const RUNNER = join(REPO_ROOT, 'bin', 'run-ts.mjs');
const PROBE = join(REPO_ROOT, 'bench', 'analysis', 'probe.ts');
const TARGET = 1.2;

const PROBE_ENV = { ...process.env, B3AI_LOG_LEVEL: process.env.B3AI_LOG_LEVEL ?? 'warn' };

function probe<T>(...args: string[]): T {
  const out = execFileSync(process.execPath, [RUNNER, PROBE, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    env: PROBE_ENV,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

interface Setup {
  importMs: number;
  records: number;
  imported: number;
  ingestMs: number;
  fundamentals: number;
  dividends: number;
  maxRssMb: number;
}
/**
 * One timed GET per ticker, in order; the time runs from the request to the last body byte. With a
 * raw reader, each ticker's raw read goes right next to its GET (first on every other ticker).
 */
async function timeGets(url: string, token: string, tickers: readonly string[], reader?: RawReader) {
  const ms: number[] = [];
  const raw: RawRead[] = [];
  let bytes = 0;
  let technical = 0;
  for (const [i, t] of tickers.entries()) {
    if (reader && i % 2 === 0) raw.push(await reader.raw(t));
    const start = performance.now();
    const res = await fetch(`${url}api/analysis/stock/${t}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    ms.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`GET analysis ${t}: HTTP ${res.status} ${body.slice(0, 300)}`);
    bytes += body.length;
    if ((JSON.parse(body) as { technical: unknown }).technical) technical++;
    if (reader && i % 2 === 1) raw.push(await reader.raw(t));
  }
  return { ms, raw, bytes: bytes / tickers.length, technical };
}

const fmt = (ms: number): string => ms.toFixed(1);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const mb = (r: Rss): string =>
  `VmRSS ${r.rssMb.toFixed(0)} MB, VmHWM ${r.hwmMb.toFixed(0)} MB; ${r.children} worker processes ${r.childrenRssMb.toFixed(0)} MB`;
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export async function runAnalysisBench(
  tickerCount = Number(process.env.BENCH_ANALYSIS_TICKERS ?? 400),
  warmup = Number(process.env.BENCH_ANALYSIS_WARMUP ?? 20),
  partsSample = Number(process.env.BENCH_ANALYSIS_PARTS ?? 60),
): Promise<void> {
  const t0 = performance.now();
  const made = makeHistoryFile(tickerCount);
  const genMs = performance.now() - t0;
  console.log(
    `\n== Analysis benchmark: GET /api/analysis/stock/{ticker}, ${made.tickers.length} tickers × ${made.days} weekdays (${made.first}–${made.last}) = ${made.records.toLocaleString('en')} daily bars, ${cpus().length} CPUs, Node ${process.version}\n`,
  );
  const work = mkdtempSync(join(tmpdir(), 'b3ai-bench-analysis-'));
  const dataDir = join(work, 'data');
  let server: ServeProcess | null = null;
  let reader: RawReader | null = null;
  try {
    const tickersFile = join(work, 'tickers.json');
    writeFileSync(tickersFile, JSON.stringify(made.tickers));
    const setup = probe<Setup>('setup', made.path, dataDir, tickersFile);
    const copy = join(work, 'pg-copy');
    cpSync(join(dataDir, 'pg'), copy, { recursive: true });

    reader = await RawReader.start(RUNNER, PROBE, copy, PROBE_ENV);
    server = await startServe(dataDir);
    const pid = server.child.pid!;
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const idle = rssOf(pid);
    await timeGets(server.url, token, made.tickers.slice(0, warmup), reader);
    const timed = made.tickers.slice(warmup);
    const cpuBefore = cpuMsOf(pid);
    const cold = await timeGets(server.url, token, timed, reader);
    const coldCpuMs = (cpuMsOf(pid) - cpuBefore) / timed.length;
    const afterCold = rssOf(pid);
    const warm = await timeGets(server.url, token, timed);
    const afterWarm = rssOf(pid);
    const queue = await fetch(`${server.url}api/jobs/queue/status`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ by_status?: Record<string, number> }>);
    await server.stop();
    server = null;
    const loader: number[] = [];
    for (const t of timed) loader.push((await reader.loader(t)).ms);
    await reader.close();
    reader = null;
    const raw = { cold: cold.raw.map((r) => r.ms), coldCpuMs: mean(cold.raw.map((r) => r.cpuMs)), loader };
    const rawRows = cold.raw.reduce((n, r) => n + r.rows, 0);

    const partsFile = join(work, 'parts-tickers.json');
    writeFileSync(partsFile, JSON.stringify(made.tickers.slice(0, warmup + partsSample)));
    const parts = probe<PartsResult>('parts', copy, partsFile, String(warmup));
    rmSync(copy, { recursive: true, force: true });

    console.log(
      `setup: ${genMs > 1000 ? `generated the file in ${s(genMs)}` : 'reused the generated file'} (${(made.bytes / 2 ** 20).toFixed(0)} MiB, ${made.path});` +
        ` imported ${setup.imported.toLocaleString('en')} of ${setup.records.toLocaleString('en')} records in ${s(setup.importMs)};` +
        ` ingested ${made.tickers.length} × 2 Fundamentus pages (${setup.fundamentals} fundamentals rows, ${setup.dividends} dividends) in ${s(setup.ingestMs)}\n`,
    );
    const rows: [string, number[], string?][] = [
      ['raw PGlite read of the same rows', raw.cold],
      ["  the analysis' bar loader (loadBarColumns), same tickers after", raw.loader],
      [
        'GET /api/analysis/stock/{t}, cold (first per ticker)',
        cold.ms,
        `${(cold.bytes / 1024).toFixed(1)} KiB`,
      ],
      ['GET /api/analysis/stock/{t}, warm (cached answer)', warm.ms, `${(warm.bytes / 1024).toFixed(1)} KiB`],
    ];
    console.log(
      'what'.padEnd(56),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'requests'.padStart(9),
      'body'.padStart(10),
    );
    for (const [what, ms, body] of rows)
      console.log(
        what.padEnd(56),
        fmt(percentile(ms, 0.5)).padStart(8),
        fmt(percentile(ms, 0.99)).padStart(8),
        String(ms.length).padStart(9),
        (body ?? '').padStart(10),
      );
    console.log(
      `  (${warmup} tickers warmed up first on each side and left out; ${rawRows / raw.cold.length} rows per ticker; ${cold.technical}/${cold.ms.length} cold answers with a technical block)`,
    );

    const rawP50 = percentile(raw.cold, 0.5);
    const ratio = percentile(cold.ms, 0.5) / rawP50;
    console.log('\nratios');
    console.log(
      `  cold analysis p50 / raw read p50 = ${ratio.toFixed(2)}x  (target <= ${TARGET}x: ${verdict(ratio <= TARGET)})`,
    );
    console.log(`  warm analysis p50 / raw read p50 = ${(percentile(warm.ms, 0.5) / rawP50).toFixed(2)}x`);
    console.log(
      `  CPU time per cold request: the server ${fmt(coldCpuMs)} ms / the raw read's process ${fmt(raw.coldCpuMs)} ms = ${(coldCpuMs / raw.coldCpuMs).toFixed(2)}x (less sensitive to other load on the machine than wall time)`,
    );
    console.log('\nserver RSS (b3ai serve, /proc/<pid>/status)');
    console.log(`  after start:       ${mb(idle)}`);
    console.log(`  after cold pass:   ${mb(afterCold)}`);
    console.log(`  after warm pass:   ${mb(afterWarm)}`);
    console.log(`  jobs in the queue at the end: ${JSON.stringify(queue.by_status ?? {})}`);

    console.log(
      `\nwhere a cold answer goes, in-process on a copy of the database (${parts.total.length} tickers, ${parts.bars} bars, ${(parts.bytes / 1024).toFixed(1)} KiB JSON each)`,
    );
    console.log('part'.padEnd(60), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
    const line = (what: string, ms: number[]): void =>
      console.log(
        what.padEnd(60),
        fmt(percentile(ms, 0.5)).padStart(8),
        fmt(percentile(ms, 0.99)).padStart(8),
      );
    line('AnalysisService.stock, cold (no HTTP, no dispatcher)', parts.service);
    for (const name of PART_NAMES) line(`  ${name}`, parts.parts[name]);
    line('  sum of the parts', parts.total);
    const [top, topMs] = PART_NAMES.map((n) => [n, percentile(parts.parts[n], 0.5)] as const).reduce(
      (a, b) => (b[1] > a[1] ? b : a),
    );
    const serviceP50 = percentile(parts.service, 0.5);
    console.log(
      `  largest part: ${top}, ${fmt(topMs)} ms = ${((100 * topMs) / serviceP50).toFixed(0)}% of the service's p50; without it ${fmt(serviceP50 - topMs)} ms = ${((serviceP50 - topMs) / rawP50).toFixed(2)}x the raw read`,
    );
    const c = parts.caches;
    console.log(
      `  the service's caches after ${parts.service.length + warmup} answers: ${c.answers.entries} answers (~${(c.answers.bytes / 2 ** 20).toFixed(1)} MiB estimated), ${c.tickers.entries} tickers' data (~${(c.tickers.bytes / 2 ** 20).toFixed(1)} MiB estimated)`,
    );
    console.log(`\n  (whole benchmark ${s(performance.now() - t0)})`);
  } finally {
    reader?.kill();
    if (server) {
      const stopping = server.stop();
      const pid = server.child.pid;
      const timer = setTimeout(() => pid && process.kill(pid, 'SIGKILL'), 10_000);
      await stopping;
      clearTimeout(timer);
    }
    rmSync(work, { recursive: true, force: true });
  }
}

// Run on its own: `node bin/run-ts.mjs bench/analysis/index.ts`.
if (process.argv[1] === fileURLToPath(import.meta.url)) await runAnalysisBench();
