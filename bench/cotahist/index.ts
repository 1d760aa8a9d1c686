/**
 * COTAHIST benchmark: our parser and importer next to the I/O floor, pandas.read_fwf and native
 * PostgreSQL 15 COPY, on ~750k records (the real daily file repeated over 100 business days).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/helpers/fixtures';
import { makeBenchFile, WORK_DIR } from './make-file';
import { nativeCopyMs, nativePgAvailable } from './native-pg';

interface Probe {
  ms: number;
  rows: number;
  kept?: number;
  maxRssMb: number;
}

const RUNNER = join(REPO_ROOT, 'bin', 'run-ts.mjs');
const PY = '/usr/bin/python3';

function probe(mode: string, file: string, work: string): Probe {
  const out = execFileSync(
    process.execPath,
    [RUNNER, join(REPO_ROOT, 'bench', 'cotahist', 'probe.ts'), mode, file, work],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Probe;
}

/** Median by time of `n` runs. */
function best(n: number, run: () => Probe): Probe {
  const runs = Array.from({ length: n }, run).sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)]!;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

export function runCotahistBench(days = Number(process.env.BENCH_DAYS ?? 100)): void {
  const made = makeBenchFile(days);
  const work = mkdtempSync(join(WORK_DIR, 'run-'));
  try {
    const mb = made.bytes / 2 ** 20;
    console.log(
      `\n== COTAHIST benchmark: ${made.records.toLocaleString('en')} records, ${mb.toFixed(0)} MiB (${days} business days of the real 25/06/2021 file)\n`,
    );

    const floor = best(3, () => probe('floor', made.path, work));
    const parse = best(3, () => probe('parse', made.path, work));
    const bare = best(3, () => probe('pglite', made.path, work));
    const load = probe('import', made.path, work);

    let pandas: Probe | null = null;
    if (
      existsSync(PY) &&
      execFileSync(PY, ['-c', 'import pandas; print(1)'], { encoding: 'utf8' }).trim() === '1'
    ) {
      const script = join(REPO_ROOT, 'bench', 'cotahist', 'pandas_read_fwf.py');
      pandas = JSON.parse(
        execFileSync(PY, [script, made.path], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim(),
      ) as Probe;
    }

    let native: { ms: number; rows: number } | null = null;
    if (nativePgAvailable())
      native = nativeCopyMs(join(work, 'daily_bars.copy'), 54000 + (process.pid % 1000));

    const kept = load.kept ?? 0;
    const rows = [
      ['I/O floor: Node read + line split', floor.ms, floor.rows, floor.maxRssMb],
      ['ours: parse (check all lines, validate+encode kept)', parse.ms, parse.rows, parse.maxRssMb],
      ['ours: parse + load into PGlite (import)', load.ms, load.rows, load.maxRssMb],
      ['bare PGlite process (create, SELECT 1, close)', bare.ms, 0, bare.maxRssMb],
      ...(pandas
        ? [['pandas.read_fwf (official colspecs)', pandas.ms, pandas.rows, pandas.maxRssMb] as const]
        : []),
      ...(native
        ? [[`native PostgreSQL 15 COPY of the ${kept} kept rows`, native.ms, native.rows, NaN] as const]
        : []),
    ] as const;
    console.log('what'.padEnd(56), 'time'.padStart(10), 'rows'.padStart(10), 'peak RSS'.padStart(10));
    for (const [what, ms, n, rss] of rows) {
      console.log(
        what.padEnd(56),
        fmt(ms).padStart(10),
        String(n).padStart(10),
        (Number.isNaN(rss) ? 'n/a' : `${rss} MB`).padStart(10),
      );
    }

    console.log('\nratios');
    const floorRatio = floor.ms / parse.ms;
    console.log(
      `  our parse speed / I/O floor speed      = ${floorRatio.toFixed(2)}   (target >= 0.33: ${verdict(floorRatio >= 1 / 3)})`,
    );
    if (pandas) {
      const r = pandas.ms / parse.ms;
      console.log(
        `  our parse speed / pandas.read_fwf      = ${r.toFixed(1)}x  (target >= 5x: ${verdict(r >= 5)})`,
      );
    } else console.log('  pandas: not run (install python3-pandas)');
    if (native) {
      const theirs = native.rows / native.ms;
      const loadOnly = kept / (load.ms - parse.ms);
      const endToEnd = kept / load.ms;
      const r = loadOnly / theirs;
      console.log(
        `  our load rate / native PG COPY rate    = ${r.toFixed(2)}   (${(loadOnly * 1000).toFixed(0)} vs ${(theirs * 1000).toFixed(0)} rows/s; load = import time - parse time; target >= 0.5: ${verdict(r >= 0.5)})`,
      );
      console.log(
        `  our import rate incl. parse / native   = ${(endToEnd / theirs).toFixed(2)}   (${(endToEnd * 1000).toFixed(0)} rows/s end to end, reading and validating all ${load.rows} records)`,
      );
      if (native.rows !== kept) console.log(`  WARNING: native loaded ${native.rows} rows, ours ${kept}`);
    } else console.log('  native PostgreSQL: not run (install postgresql-15)');
    const rss = load.maxRssMb / bare.maxRssMb;
    console.log(
      `  our import peak RSS / bare PGlite RSS  = ${rss.toFixed(2)}   (${load.maxRssMb} vs ${bare.maxRssMb} MB; target <= 1.3: ${verdict(rss <= 1.3)})`,
    );
    console.log(`  (file: ${made.path}, ${statSync(made.path).size} bytes)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
