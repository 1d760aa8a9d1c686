/**
 * One measurement per process, so each gets a clean peak RSS:
 *   node bin/run-ts.mjs bench/cotahist/probe.ts <floor|parse|import|pglite> FILE [WORKDIR]
 * Prints one JSON line: {ms, rows, maxRssMb, ...}.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DEFAULT_COTAHIST_MARKETS } from '../../services/contract';
import { startCore } from '../../services/core/app';
import { openCotahistSource } from '../../services/core/cotahist/source-file';
import { BinaryCopyEncoder } from '../../services/core/cotahist/binary-encoder';
import { marketFilter } from '../../services/core/cotahist/filter';
import { CotahistScanner } from '../../services/core/cotahist/scanner';
import { SecurityCollector } from '../../services/core/cotahist/securities';
import { configureLogging } from '../../services/core/logging/logger';

const [mode, file, work] = process.argv.slice(2);
const CHUNK = 1 << 20;
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function floor(): Promise<Record<string, number>> {
  // The I/O floor: read the file and split it into lines, nothing else.
  const t = performance.now();
  let lines = 0;
  for await (const chunk of createReadStream(file!, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let p = chunk.indexOf(10);
    while (p >= 0) {
      lines++;
      p = chunk.indexOf(10, p + 1);
    }
  }
  return { ms: performance.now() - t, rows: lines };
}

async function parse(): Promise<Record<string, number>> {
  // Our parse, as the importer runs it: validate every line, filter markets, encode kept rows for
  // (binary) COPY, collect the securities.
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const encoder = new BinaryCopyEncoder();
  const securities = new SecurityCollector();
  const scanner = new CotahistScanner(
    'bench',
    (buf, at) => {
      encoder.write(buf, at);
      securities.add(buf, at);
    },
    marketFilter(DEFAULT_COTAHIST_MARKETS),
  );
  let bytesOut = 0;
  const source = await openCotahistSource(file!);
  try {
    for await (const chunk of source.chunks) {
      scanner.push(chunk);
      for (const b of encoder.takeBlocks()) bytesOut += b.length;
    }
  } finally {
    source.close();
  }
  const r = scanner.end();
  for (const b of encoder.takeBlocks(true)) bytesOut += b.length;
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  return { ms, rows: r.records, kept: encoder.rows, bytesOut, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** One import through the core (a new data dir, so an empty daily_bars), timed around the call. */
async function timedImport(): Promise<{
  ms: number;
  cpuMs: number;
  records: number;
  kept: number;
  dataDir: string;
}> {
  const dataDir = mkdtempSync(join(work!, 'import-'));
  const core = await startCore({ dataDir });
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await core.call('import.cotahist', { paths: [file!] });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  await core.close();
  if (!r.ok) throw new Error(r.error.message);
  const summary = r.data as { imported: number; records: number };
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    records: summary.records,
    kept: summary.imported,
    dataDir,
  };
}

async function importFile(): Promise<Record<string, number>> {
  configureLogging({ level: 'warn' });
  // Cold: the first import of this process, as the first one after `b3ai serve` starts.
  const cold = await timedImport();
  const maxRssMb = rssMb();
  // Export the loaded rows so native PostgreSQL can COPY exactly the same ones.
  const pg = await PGlite.create({ dataDir: join(cold.dataDir, 'pg') });
  const out = await pg.query(`COPY daily_bars TO '/dev/blob'`);
  writeFileSync(join(work!, 'daily_bars.copy'), Buffer.from(await out.blob!.arrayBuffer()));
  await pg.close();
  rmSync(cold.dataDir, { recursive: true, force: true });
  const result: Record<string, number> = {
    ms: cold.ms,
    cpuMs: cold.cpuMs,
    rows: cold.records,
    kept: cold.kept,
    maxRssMb,
  };
  if (process.env.BENCH_COTAHIST_WARM === '0') return result;
  // Warm: the same again in this process (a new database, V8's code for PGlite and the parser already
  // optimised, as in a server that has imported before), with its own warm parse to subtract.
  const parsed = await parse();
  const warm = await timedImport();
  rmSync(warm.dataDir, { recursive: true, force: true });
  return {
    ...result,
    warmMs: warm.ms,
    warmCpuMs: warm.cpuMs,
    warmParseMs: parsed.ms!,
    warmParseCpuMs: parsed.cpuMs!,
  };
}

async function pglite(): Promise<Record<string, number>> {
  // A bare PGlite process: create a database on disk, run one query, close.
  const dataDir = mkdtempSync(join(work!, 'bare-'));
  const t = performance.now();
  const pg = await PGlite.create({ dataDir });
  await pg.query('SELECT 1');
  await pg.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { ms: performance.now() - t, rows: 0 };
}

const probes: Record<string, () => Promise<Record<string, number>>> = {
  floor,
  parse,
  import: importFile,
  pglite,
};
const probe = probes[mode ?? ''];
if (!probe || !file) {
  console.error('usage: probe.ts <floor|parse|import|pglite> FILE [WORKDIR]');
  process.exit(2);
}
const result = await probe();
console.log(JSON.stringify({ maxRssMb: rssMb(), ...result }));
