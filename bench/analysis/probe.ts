/**
 * One step of the analysis benchmark per process (a fresh heap each time):
 *   node bin/run-ts.mjs bench/analysis/probe.ts setup FILE DATA_DIR TICKERS_JSON
 *   node bin/run-ts.mjs bench/analysis/probe.ts raw-serve PG_DIR   (one JSON line per stdin line)
 *   node bin/run-ts.mjs bench/analysis/probe.ts parts PG_DIR TICKERS_JSON WARMUP
 * Prints one JSON line at the end. `raw-serve` and `parts` open a copy of the data dir's PGlite
 * (the server holds the original's lock) with the app's PostgreSQL settings (`pgStartParams`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';
import { pgStartParams } from '../../services/core/storage/pg';
import { loadBarColumns } from '../../services/core/analysis/loaders';
import { startCore } from '../../services/core/app';
import { configureLogging } from '../../services/core/logging/logger';
import { fixture } from '../../test/helpers/fixtures';
import { timeParts } from './parts';

const [mode, a, b, c] = process.argv.slice(2);
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** The real Fundamentus WEGE3 pages with the ticker rewritten, one pair per ticker. */
function pagesFor(ticker: string, dir: string): { details: string; dividends: string } {
  const rewrite = (name: string): string => {
    const text = readFileSync(fixture('fundamentus', name), 'latin1').replaceAll('WEGE3', ticker);
    const path = join(dir, `${ticker}-${name}`);
    writeFileSync(path, text, 'latin1');
    return path;
  };
  return { details: rewrite('wege3_details.html'), dividends: rewrite('wege3_dividends.html') };
}

/**
 * Import the file with the real importer (`import.cotahist`, what `b3ai import cotahist` calls),
 * then ingest the rewritten Fundamentus pages of every ticker (`sources.ingest`: parse, vault
 * snapshot, store), so the analysis has fundamentals and dividends to work on.
 */
async function setup(file: string, dataDir: string, tickers: string[]): Promise<Record<string, unknown>> {
  configureLogging({ level: 'warn' });
  const core = await startCore({ dataDir });
  try {
    let t = performance.now();
    const r = await core.call('import.cotahist', { paths: [file] });
    if (!r.ok) throw new Error(`import.cotahist: ${r.error.message}`);
    const importMs = performance.now() - t;
    const pages = join(dataDir, '..', 'pages');
    mkdirSync(pages, { recursive: true });
    t = performance.now();
    let fundamentals = 0;
    let dividends = 0;
    for (const ticker of tickers) {
      const p = pagesFor(ticker, pages);
      for (const [model, path] of [
        ['fundamentals', p.details],
        ['dividends', p.dividends],
      ] as const) {
        const s = await core.call('sources.ingest', { source: 'fundamentus', model, file: path, ticker });
        if (!s.ok) throw new Error(`sources.ingest ${model} ${ticker}: ${s.error.message}`);
        const stored = (s.data as { stored: number }).stored;
        if (model === 'fundamentals') fundamentals += stored;
        else dividends += stored;
      }
    }
    const ingestMs = performance.now() - t;
    return { importMs, ...(r.data as Record<string, unknown>), ingestMs, fundamentals, dividends };
  } finally {
    await core.close();
  }
}

const RAW_SQL =
  'SELECT date, open, high, low, close, quantity FROM daily_bars WHERE ticker = $1 ORDER BY date';

/**
 * The raw read, served one line at a time (see raw-reader.ts): `raw TICKER` reads the same rows
 * straight from PGlite, `loader TICKER` runs the analysis' own bar loader (`loadBarColumns`, its
 * query and parse), `quit` closes. One JSON line per request.
 */
async function rawServe(pgDir: string): Promise<void> {
  const pg = await PGlite.create({ dataDir: pgDir, startParams: pgStartParams() });
  console.log(JSON.stringify({ ready: true }));
  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, ticker] = line.split(' ');
    if (cmd === 'quit') break;
    const cpu = process.cpuUsage();
    const s = performance.now();
    const rows = cmd === 'raw' ? (await pg.query(RAW_SQL, [ticker])).rows.length : -1;
    if (cmd === 'loader') await loadBarColumns(pg, ticker!);
    const ms = performance.now() - s;
    const used = process.cpuUsage(cpu);
    console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, rows }));
  }
  await pg.close();
}

const tickersOf = (file: string | undefined): string[] => JSON.parse(readFileSync(file!, 'utf8')) as string[];

let result: object = {};
if (mode === 'setup' && a && b) result = await setup(a, b, tickersOf(c));
else if (mode === 'raw-serve' && a) await rawServe(a);
else if (mode === 'parts' && a) result = await timeParts(a, tickersOf(b), Number(c ?? 0));
else {
  console.error(
    'usage: probe.ts setup FILE DATA_DIR TICKERS_JSON | raw-serve PG_DIR | parts PG_DIR TICKERS_JSON WARMUP',
  );
  process.exit(2);
}
console.log(JSON.stringify({ ...result, maxRssMb: rssMb() }));
