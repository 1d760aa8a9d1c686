/**
 * Queue benchmark: N no-op jobs end to end (first enqueue → last completion) through our durable
 * SQLite queue and through BullMQ on a throwaway Debian redis-server, at concurrency 1 and 10.
 * Each measurement runs in its own process (probe.ts); Redis is started here and always stopped.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../test/helpers/fixtures';
import { REDIS_INSTALL_HINT, REDIS_SERVER, redisAvailable, startRedis, type RedisServer } from './redis';

interface Probe {
  ms: number;
  enqueueMs: number;
  jobs: number;
  completed: number;
}

type Variant = 'ours-ipc' | 'ours-inproc' | 'bullmq';

const RUNNER = join(REPO_ROOT, 'bin', 'run-ts.mjs');
const PROBE = join(REPO_ROOT, 'bench', 'queue', 'probe.ts');
const CONCURRENCIES = [1, 10] as const;

function probe(variant: Variant, concurrency: number, jobs: number, port?: number): Probe {
  const out = execFileSync(
    process.execPath,
    [RUNNER, PROBE, variant, String(concurrency), String(jobs), ...(port ? [String(port)] : [])],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, B3AI_LOG_LEVEL: process.env.B3AI_LOG_LEVEL ?? 'warn' },
    },
  );
  const p = JSON.parse(out.trim().split('\n').pop()!) as Probe;
  if (p.completed !== jobs)
    throw new Error(`${variant} C=${concurrency}: ${p.completed} of ${jobs} completed`);
  return p;
}

const rate = (p: Probe): number => (p.jobs / p.ms) * 1000;
const fmtRate = (p: Probe | undefined): string => (p ? rate(p).toFixed(0) : 'n/a');
const fmtS = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

/** The synchronous mode our state database is opened with, read from the source that sets it. */
function ourSynchronousMode(): string {
  const src = readFileSync(join(REPO_ROOT, 'services', 'core', 'storage', 'state.ts'), 'utf8');
  return /synchronous\s*=\s*(\w+)/.exec(src)?.[1] ?? 'unknown';
}

function bullmqVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'bullmq', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function runQueueBench(jobs = Number(process.env.BENCH_QUEUE_JOBS ?? 10_000)): Promise<void> {
  console.log(
    `\n== Queue benchmark: ${jobs.toLocaleString('en')} no-op jobs end to end (first enqueue → last completion), concurrency ${CONCURRENCIES.join(' and ')}, ${cpus().length} CPUs\n`,
  );
  const results = new Map<string, Probe>();
  const key = (v: Variant, c: number): string => `${v}:${c}`;

  for (const c of CONCURRENCIES) {
    results.set(key('ours-ipc', c), probe('ours-ipc', c, jobs));
    results.set(key('ours-inproc', c), probe('ours-inproc', c, jobs));
  }

  let redis: RedisServer | null = null;
  if (redisAvailable()) {
    redis = await startRedis();
    try {
      for (const c of CONCURRENCIES) results.set(key('bullmq', c), probe('bullmq', c, jobs, redis.port));
    } finally {
      await redis.stop();
    }
  } else console.log(`BullMQ: not run (${REDIS_SERVER} missing; install it with: ${REDIS_INSTALL_HINT})\n`);

  const labels: Record<Variant, string> = {
    'ours-ipc': 'ours: attempt runs in a worker process (process boundary)',
    'ours-inproc': 'ours: attempt runs in the main process (no boundary)',
    bullmq: `BullMQ ${bullmqVersion()}: processor in-process (no boundary)`,
  };
  console.log(
    'C'.padEnd(4),
    'what'.padEnd(60),
    'jobs/s'.padStart(8),
    'total'.padStart(9),
    'enqueue'.padStart(9),
  );
  for (const c of CONCURRENCIES) {
    for (const v of ['ours-ipc', 'ours-inproc', 'bullmq'] as const) {
      const p = results.get(key(v, c));
      console.log(
        String(c).padEnd(4),
        labels[v].padEnd(60),
        fmtRate(p).padStart(8),
        fmtS(p?.ms).padStart(9),
        fmtS(p?.enqueueMs).padStart(9),
      );
    }
  }
  console.log(
    '  (total = first enqueue → last completion; enqueue = time to enqueue all jobs, workers already running)',
  );

  console.log('\nratios: our jobs/s / BullMQ jobs/s (target >= 1x)');
  for (const c of CONCURRENCIES) {
    const theirs = results.get(key('bullmq', c));
    if (!theirs) {
      console.log(`  C=${c}: BullMQ not run`);
      continue;
    }
    const ipc = rate(results.get(key('ours-ipc', c))!) / rate(theirs);
    const inproc = rate(results.get(key('ours-inproc', c))!) / rate(theirs);
    console.log(
      `  C=${String(c).padEnd(3)} with process boundary ${ipc.toFixed(2)}x (${verdict(ipc >= 1)});  without ${inproc.toFixed(2)}x (${verdict(inproc >= 1)})`,
    );
  }

  const sync = ourSynchronousMode();
  console.log('\nhow it was run');
  console.log(
    `  ours:   startCore({ run: true, scheduler: false, workers: { size: C } }) on a fresh temp data dir; jobs added with jobs.createBatch (selftest/noop)\n` +
      `          in chunks of 1,000, one SQLite transaction per chunk (as BullMQ's addBulk); selftest's per-source limit (4) raised to C so the runner's capacity (= C workers) is the limit.\n` +
      `          "process boundary": every attempt is sent to a worker process over the fork IPC channel (JSON) and its result comes back\n` +
      `          (main → worker → main); "no boundary": the same job type with an execute that answers in the main process.`,
  );
  console.log(
    `  BullMQ: one Queue and one Worker (concurrency C) in the same process, ioredis to 127.0.0.1; jobs added with addBulk in chunks of\n` +
      `          1,000 (BullMQ's fastest way in); the processor returns at once; completed jobs are kept (as our rows are); FLUSHALL between runs.`,
  );
  console.log('durability');
  console.log(
    `  ours:   SQLite WAL, synchronous=${sync}, one transaction per batch queued; the dispatcher group-commits the ends and claims of each tick: a commit survives a\n` +
      `          process crash; the last transactions can be lost on an OS crash or power loss.`,
  );
  console.log(
    redis
      ? `  BullMQ: Redis ${redis.version} AOF (appendonly ${redis.config.appendonly}, appendfsync ${redis.config.appendfsync}, save '${redis.config.save}'): up to ~1 s of writes can be lost on a crash.`
      : '  BullMQ: not run',
  );
}

// Run on its own: `node bin/run-ts.mjs bench/queue/index.ts` (bench/index.ts runs it after COTAHIST).
if (process.argv[1] === fileURLToPath(import.meta.url)) await runQueueBench();
