/**
 * One step of the analysis benchmark per process (a fresh heap each time):
 *   node bin/run-ts.mjs bench/analysis/probe.ts setup FILE DATA_DIR TICKERS_JSON
 *   node bin/run-ts.mjs bench/analysis/probe.ts raw PG_DIR TICKERS_JSON WARMUP
 *   node bin/run-ts.mjs bench/analysis/probe.ts parts PG_DIR TICKERS_JSON WARMUP
 * Prints one JSON line. `raw` and `parts` open a copy of the data dir's PGlite (the server holds
 * the original's lock).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
/** The analysis loader's own bar query (services/core/analysis/loaders.ts `loadBars`), for comparison. */
const LOADER_SQL = `SELECT to_char(date, 'YYYY-MM-DD') AS date, open::float8 AS open, high::float8 AS high, low::float8 AS low,
            close::float8 AS close, quantity::float8 AS volume
     FROM daily_bars WHERE ticker = $1 ORDER BY date`;

/**
 * The raw read: the same rows straight from PGlite, the first read of each timed ticker (as the
 * server's first request per ticker); then the analysis loader's own query over the same tickers.
 */
async function raw(pgDir: string, tickers: string[], warmup: number): Promise<Record<string, unknown>> {
  const pg = await PGlite.create({ dataDir: pgDir });
  try {
    const time = async (sql: string, t: string): Promise<[number, number]> => {
      const s = performance.now();
      const r = await pg.query(sql, [t]);
      return [performance.now() - s, r.rows.length];
    };
    for (const t of tickers.slice(0, warmup)) await time(RAW_SQL, t);
    const timed = tickers.slice(warmup);
    const cold: number[] = [];
    const loader: number[] = [];
    let rows = 0;
    for (const t of timed) {
      const [ms, n] = await time(RAW_SQL, t);
      cold.push(ms);
      rows += n;
    }
    for (const t of timed) loader.push((await time(LOADER_SQL, t))[0]);
    return { cold, loader, rows };
  } finally {
    await pg.close();
  }
}

const tickersOf = (file: string | undefined): string[] => JSON.parse(readFileSync(file!, 'utf8')) as string[];

let result: object;
if (mode === 'setup' && a && b) result = await setup(a, b, tickersOf(c));
else if (mode === 'raw' && a) result = await raw(a, tickersOf(b), Number(c ?? 0));
else if (mode === 'parts' && a) result = await timeParts(a, tickersOf(b), Number(c ?? 0));
else {
  console.error('usage: probe.ts setup FILE DATA_DIR TICKERS_JSON | raw|parts PG_DIR TICKERS_JSON WARMUP');
  process.exit(2);
}
console.log(JSON.stringify({ ...result, maxRssMb: rssMb() }));
