/**
 * COTAHIST benchmark: our parser and importer next to the I/O floor, pandas.read_fwf and native
 * PostgreSQL 15 COPY, on ~750k records (the real daily file repeated over 100 business days).
 * The load rate is measured BENCH_COTAHIST_RUNS times (default 5), each run side by side: our parse,
 * our import (each in a new process) and native COPY of the same rows into a new database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../test/helpers/fixtures';
import { makeBenchFile, WORK_DIR } from './make-file';
import { NativePg, nativePgAvailable, type NativeCopy } from './native-pg';

interface Probe {
  ms: number;
  rows: number;
  kept?: number;
  /** CPU time (user + system) of the timed part. */
  cpuMs?: number;
  maxRssMb: number;
  /** The import probe's second import in the same process, and a parse just before it. */
  warmMs?: number;
  warmCpuMs?: number;
  warmParseMs?: number;
  warmParseCpuMs?: number;
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
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

export function runCotahistBench(
  days = Number(process.env.BENCH_DAYS ?? 100),
  runs = Number(process.env.BENCH_COTAHIST_RUNS ?? 5),
): void {
  const made = makeBenchFile(days);
  const work = mkdtempSync(join(WORK_DIR, 'run-'));
  const native = nativePgAvailable() ? new NativePg(54000 + (process.pid % 1000)) : null;
  try {
    const mb = made.bytes / 2 ** 20;
    console.log(
      `\n== COTAHIST benchmark: ${made.records.toLocaleString('en')} records, ${mb.toFixed(0)} MiB (${days} business days of the real 25/06/2021 file)\n`,
    );

    const floor = best(3, () => probe('floor', made.path, work));
    const bare = best(3, () => probe('pglite', made.path, work));
    native?.start();
    // Side by side, `runs` times: our parse, our import (parse + load), native COPY of the same rows.
    const loads: LoadRun[] = [];
    for (let i = 0; i < runs; i++) {
      const parse = probe('parse', made.path, work);
      const load = probe('import', made.path, work);
      loads.push({ parse, load, native: native?.copy(join(work, 'daily_bars.copy')) ?? null });
    }
    const mid = (pick: (r: (typeof loads)[number]) => Probe): Probe =>
      loads.map(pick).sort((a, b) => a.ms - b.ms)[Math.floor(loads.length / 2)]!;
    const parse = mid((r) => r.parse);
    const load = mid((r) => r.load);

    const pandas = runPandas(made.path);
    const kept = load.kept ?? 0;
    const nativeMs = loads.every((r) => r.native) ? median(loads.map((r) => r.native!.ms)) : null;
    const nativeRows = loads[0]?.native?.rows ?? 0;
    const rows = [
      ['I/O floor: Node read + line split', floor.ms, floor.rows, floor.maxRssMb],
      ['ours: parse (check all lines, validate+encode kept)', parse.ms, parse.rows, parse.maxRssMb],
      ['ours: parse + load into PGlite (import)', load.ms, load.rows, load.maxRssMb],
      ['bare PGlite process (create, SELECT 1, close)', bare.ms, 0, bare.maxRssMb],
      ...(pandas
        ? [['pandas.read_fwf (official colspecs)', pandas.ms, pandas.rows, pandas.maxRssMb] as const]
        : []),
      ...(nativeMs !== null
        ? [[`native PostgreSQL 15 COPY of the ${kept} kept rows`, nativeMs, nativeRows, NaN] as const]
        : []),
    ] as const;
    console.log(`(medians; parse, import and native COPY over ${runs} runs, the others over 3)`);
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
    if (nativeMs !== null) printLoadRuns(loads, kept);
    else console.log('  native PostgreSQL: not run (install postgresql-15)');
    const rss = load.maxRssMb / bare.maxRssMb;
    console.log(
      `  our import peak RSS / bare PGlite RSS  = ${rss.toFixed(2)}   (${load.maxRssMb} vs ${bare.maxRssMb} MB; target <= 1.3: ${verdict(rss <= 1.3)})`,
    );
    console.log(`  (file: ${made.path}, ${statSync(made.path).size} bytes)`);
  } finally {
    native?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** pandas.read_fwf over the file, or null when Debian's python3-pandas is not installed. */
function runPandas(file: string): Probe | null {
  if (!existsSync(PY)) return null;
  try {
    execFileSync(PY, ['-c', 'import pandas'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const script = join(REPO_ROOT, 'bench', 'cotahist', 'pandas_read_fwf.py');
  return JSON.parse(
    execFileSync(PY, [script, file], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim(),
  ) as Probe;
}

interface LoadRun {
  parse: Probe;
  load: Probe;
  native: NativeCopy | null;
}

interface Side {
  ms: number;
  importMs: number;
  parseMs: number;
  cpuMs: number;
}

/** Our load time (import minus parse) and CPU, cold (first import of its process) or warm (second). */
function side(run: LoadRun, warm: boolean): Side | null {
  const { parse, load } = run;
  const importMs = warm ? load.warmMs : load.ms;
  const parseMs = warm ? load.warmParseMs : parse.ms;
  const importCpu = warm ? load.warmCpuMs : load.cpuMs;
  const parseCpu = warm ? load.warmParseCpuMs : parse.cpuMs;
  if (importMs === undefined || parseMs === undefined) return null;
  const cpuMs = importCpu !== undefined && parseCpu !== undefined ? importCpu - parseCpu : NaN;
  return { ms: importMs - parseMs, importMs, parseMs, cpuMs };
}

/**
 * Each run's load rate next to native COPY's, measured side by side: our load time is the
 * import's minus the parse's (same run), so it holds the COPY, the key, securities, provenance and
 * the commit; native's is psql's `\timing` of the COPY (autocommit, so its commit too). Cold is the
 * first import of a new process, warm the same import again in that process (a new database).
 */
function printLoadRuns(loads: LoadRun[], kept: number): void {
  console.log(
    `  our load rate / native PG COPY rate (load = import time - parse time; ${kept} rows; CPU = user + system):`,
  );
  const ratios: Record<'cold' | 'warm', number[]> = { cold: [], warm: [] };
  for (const [i, run] of loads.entries()) {
    const n = run.native!;
    if (n.rows !== kept) console.log(`  WARNING: native loaded ${n.rows} rows, ours ${kept}`);
    const parts: string[] = [];
    for (const warm of [false, true]) {
      const o = side(run, warm);
      if (!o) continue;
      const r = n.ms / o.ms;
      ratios[warm ? 'warm' : 'cold'].push(r);
      const cpu = Number.isNaN(o.cpuMs) ? '' : `, CPU ${o.cpuMs.toFixed(0)}`;
      parts.push(
        `${warm ? 'warm' : 'cold'} ${r.toFixed(2)} (${o.ms.toFixed(0)} ms = ${o.importMs.toFixed(0)} - ${o.parseMs.toFixed(0)}${cpu})`,
      );
    }
    const nCpu = Number.isNaN(n.cpuMs) ? '' : `, CPU ${n.cpuMs.toFixed(0)}`;
    console.log(`    run ${i + 1}: ${parts.join('; ')}; native COPY ${n.ms.toFixed(0)} ms${nCpu}`);
  }
  for (const [which, rs] of Object.entries(ratios)) {
    if (rs.length === 0) continue;
    const met = rs.filter((r) => r >= 0.5).length;
    const label = which === 'cold' ? 'first import of a process' : 'again in the same process';
    console.log(
      `  load rate ratio, ${label}: ${rs.map((r) => r.toFixed(2)).join(', ')}; ${met} of ${rs.length} runs >= 0.5 (target: all: ${verdict(met === rs.length)})`,
    );
  }
  const end = loads.map(({ load, native }) => native!.ms / load.ms);
  console.log(
    `  our import rate incl. parse / native   = ${end.map((r) => r.toFixed(2)).join(', ')}   (cold, end to end, reading and validating all ${loads[0]!.load.rows} records)`,
  );
}

// Run on its own: `node bin/run-ts.mjs bench/cotahist/index.ts`.
if (process.argv[1] === fileURLToPath(import.meta.url)) runCotahistBench();
