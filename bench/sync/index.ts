/**
 * Sync benchmark (issue 17 item 5): rows/s of `sync push` of daily bars from a data dir to a local
 * PostgreSQL 15, next to `psql \copy` of the same rows from a CSV into an equal empty table, in the
 * same run. Default: the analysis benchmark's 2,087,600 bars (400 tickers × the 5,219 weekdays of
 * 26/06/2001–25/06/2021), generated in SQL (test/helpers/sync-data.ts) rather than imported from
 * the COTAHIST file. `--bars N` runs a smaller set (about N: whole tickers of 5,219 days).
 *   npx tsx bench/sync/index.ts [--bars N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateRemote } from '../../services/core/sync/remote-schema';
import { syncOpen } from '../../services/core/sync/sync';
import { defaultResourcesDir } from '../../services/core/storage/migrations';
import { pgTemplate } from '../../test/helpers/pg-template';
import { startRealPg } from '../../test/helpers/real-pg';
import { addBars, addSnapshot, openStores } from '../../test/helpers/sync-data';

const DAYS = 5_219;
const PSQL = join(process.env.B3AI_PG_BIN ?? '/usr/lib/postgresql/15/bin', 'psql');
const COLS =
  'ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor, snapshot_id';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--bars');
  const wanted = i > 0 ? Number(process.argv[i + 1]) : 2_087_600;
  const tickers = Math.max(1, Math.round(wanted / DAYS));
  const server = await startRealPg();
  const work = mkdtempSync(join(tmpdir(), 'b3ai-bench-sync-'));
  try {
    const stores = await openStores(join(work, 'data'), await pgTemplate());
    let bars: number;
    try {
      const snap = addSnapshot(stores.state, 'e'.repeat(64));
      const t0 = performance.now();
      bars = await addBars(stores.pg, { tickers, from: '2001-06-26', to: '2021-06-25', snapshotId: snap });
      console.log(
        `\n== Sync benchmark: ${bars.toLocaleString('en')} daily bars (${tickers} tickers × ${DAYS} weekdays), ${cpus().length} CPUs, Node ${process.version}; generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
      // Both sides start from a migrated, empty schema: the timings are of the rows.
      const url = await server.createDb('push');
      const c0 = new pg.Client({ connectionString: url });
      await c0.connect();
      await migrateRemote(c0, defaultResourcesDir());
      await c0.end();
      const t1 = performance.now();
      const report = await syncOpen(stores, { direction: 'push', url });
      const pushS = (performance.now() - t1) / 1000;
      if (report.tables.daily_bars !== bars) throw new Error(`pushed ${report.tables.daily_bars} of ${bars}`);
      const pushRate = bars / pushS;
      console.log(
        `sync push (snapshot index, bars, user state; schema already there): ${pushS.toFixed(1)} s, ${Math.round(pushRate).toLocaleString('en')} rows/s`,
      );

      // The same rows as CSV (from the remote), then psql \copy into an equal, empty schema.
      const csv = join(work, 'bars.csv');
      execFileSync(PSQL, ['-q', '-d', url, '-c', `\\copy (SELECT ${COLS} FROM daily_bars) TO '${csv}' CSV`]);
      const url2 = await server.createDb('copy');
      const c = new pg.Client({ connectionString: url2 });
      await c.connect();
      await migrateRemote(c, defaultResourcesDir());
      await c.end();
      const t2 = performance.now();
      execFileSync(PSQL, ['-q', '-d', url2, '-c', `\\copy daily_bars (${COLS}) FROM '${csv}' CSV`]);
      const copyS = (performance.now() - t2) / 1000;
      const copyRate = bars / copyS;
      console.log(
        `psql \\copy of the same rows from a CSV (${(statSync(csv).size / 1e6).toFixed(0)} MB): ${copyS.toFixed(1)} s, ${Math.round(copyRate).toLocaleString('en')} rows/s`,
      );
      const ratio = pushRate / copyRate;
      console.log(
        `ratio sync/copy: ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? 'meets target' : 'MISSES target'})`,
      );
    } finally {
      await stores.close();
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
