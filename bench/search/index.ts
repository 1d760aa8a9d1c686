// Ticker search under load: CLIENTS connections from another process (load-client.mjs) mixing
// /api/tickers/search?q=PE with quotes and analysis requests for SECONDS, after one warm-up pass
// over the analysis tickers; prints requests/s, p50/p99 per route and the server's RSS.
// `node bin/run-ts.mjs bench/search/index.ts` (B3AI_BENCH_SECONDS=10 B3AI_BENCH_CLIENTS=50).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCore } from '../../services/core/app';
import { importCotahist } from '../../services/core/cotahist/importer';
import { configureLogging } from '../../services/core/logging/logger';
import { startApiServer } from '../../services/server/http';
import { ensureApiToken } from '../../services/server/token';
import { COTAHIST_DAILY } from '../../test/helpers/fixtures';

const SECONDS = Number(process.env.B3AI_BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.B3AI_BENCH_CLIENTS ?? 50);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`.padStart(10);

export async function runSearchBench(): Promise<void> {
  configureLogging({ level: 'warn' });
  const dataDir = mkdtempSync(join(tmpdir(), 'b3ai-bench-search-'));
  const staticDir = mkdtempSync(join(tmpdir(), 'b3ai-bench-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const core = await startCore({ dataDir });
  try {
    const { pg } = core.stores();
    await importCotahist(pg, [COTAHIST_DAILY()]);
    const tickers = (
      await pg.query<{ ticker: string }>(
        `SELECT ticker FROM daily_bars WHERE codbdi = '02' ORDER BY volume DESC LIMIT 40`,
      )
    ).rows.map((r) => r.ticker);
    const token = ensureApiToken(dataDir);
    const server = await startApiServer({ core, token, staticDir, port: 0 });
    const headers = { authorization: `Bearer ${token}` };
    for (const t of tickers)
      await (await fetch(`${server.url}api/analysis/stock/${t}`, { headers })).arrayBuffer();
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(import.meta.dirname, 'load-client.mjs'),
      server.url,
      token,
      String(SECONDS),
      String(CLIENTS),
      tickers.join(','),
    ]);
    clearInterval(sampler);
    const out = JSON.parse(stdout) as { seconds: number; errors: number; times: Record<string, number[]> };
    const n = Object.values(out.times).reduce((a, l) => a + l.length, 0);
    console.log(
      `search bench: ${CLIENTS} clients, ${out.seconds.toFixed(1)} s, ${Math.round(n / out.seconds)} req/s, ${out.errors} errors, server peak RSS ${Math.round(peakRss / 2 ** 20)} MB`,
    );
    for (const [route, list] of Object.entries(out.times))
      console.log(
        `  ${route.padEnd(30)} n=${String(list.length).padStart(6)}  p50${ms(pct(list, 50))}  p99${ms(pct(list, 99))}`,
      );
    await server.close();
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSearchBench();
