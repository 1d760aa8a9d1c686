/**
 * The peer figure of bench/memory: a bare PGlite (no app, no tsx) opened on a database, its RSS at
 * rest and after reading the same rows the analyses read. Run as plain JavaScript
 * (`node --input-type=module -e`) so that nothing but Node and PGlite is in its RSS.
 */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../../test/helpers/fixtures';

export interface PeerMem {
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}
export interface Peer {
  openMs: number;
  atRest: PeerMem;
  afterRead: PeerMem;
  rows: number;
}

const SOURCE = `
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const [dir, tickersFile, params] = process.argv.slice(1);
if (!dir) {
  console.error('usage: PG_DIR [TICKERS_JSON|""] [START_PARAMS_JSON]');
  process.exit(2);
}

function mem() {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(\`^\${k}:\\\\s+(\\\\d+) kB\`, 'm').exec(s)?.[1] ?? NaN) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
const started = performance.now();
const pg = await PGlite.create({ dataDir: dir, ...(params ? { startParams: JSON.parse(params) } : {}) });
const openMs = performance.now() - started;
await settle();
const atRest = mem();
let rows = 0;
if (tickersFile) {
  const tickers = JSON.parse(readFileSync(tickersFile, 'utf8'));
  for (const t of tickers) {
    const r = await pg.query(
      'SELECT date, open, high, low, close, quantity FROM daily_bars WHERE ticker = $1 ORDER BY date',
      [t],
    );
    rows += r.rows.length;
  }
}
await settle();
const afterRead = mem();
await pg.close();
console.log(JSON.stringify({ openMs, atRest, afterRead, rows }));
`;

/**
 * Open PG_DIR with a bare PGlite in a new process (PGlite's own settings, or the given start
 * parameters); read every ticker of TICKERS_JSON, if given.
 */
export function peer(pgDir: string, tickersFile?: string, startParams?: string[]): Peer {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      SOURCE,
      pgDir,
      tickersFile ?? '',
      ...(startParams ? [JSON.stringify(startParams)] : []),
    ],
    { encoding: 'utf8', cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Peer;
}
