/**
 * Queue benchmark: N no-op jobs end to end (first enqueue → last completion) through our durable
 * SQLite queue and through BullMQ on a throwaway Debian redis-server, at concurrency 1 and 10.
 * Each measurement runs in its own process (probe.ts); Redis is started here and always stopped.
 * The sides run in rounds, ours then BullMQ's back to back at each concurrency, so the ratio of a
 * round compares two runs made under the same load (the machine may be shared); every round is
 * printed, then the medians.
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
  cpuMs: number;
  peerCpuMs: number;
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
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');
const perJob = (ms: number, p: Probe): string => `${((ms / p.jobs) * 1000).toFixed(0)}`;

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

const LABELS: Record<Variant, string> = {
  'ours-ipc': 'ours, through worker processes',
  'ours-inproc': 'ours, attempt in the main process',
  bullmq: 'BullMQ, processor in-process',
};

function printRow(round: string, c: number, v: Variant, p: Probe): void {
  const peer = v === 'bullmq' ? 'redis' : v === 'ours-ipc' ? 'workers' : '-';
  console.log(
    round.padEnd(6),
    String(c).padEnd(3),
    LABELS[v].padEnd(34),
    rate(p).toFixed(0).padStart(7),
    `${(p.ms / 1000).toFixed(2)} s`.padStart(8),
    `${(p.enqueueMs / 1000).toFixed(2)} s`.padStart(8),
    `${perJob(p.cpuMs, p)} + ${perJob(p.peerCpuMs, p)} ${peer}`.padStart(20),
  );
}

export async function runQueueBench(
  jobs = Number(process.env.BENCH_QUEUE_JOBS ?? 10_000),
  rounds = Number(process.env.BENCH_QUEUE_ROUNDS ?? 3),
): Promise<void> {
  console.log(
    `\n== Queue benchmark: ${jobs.toLocaleString('en')} no-op jobs end to end (first enqueue → last completion), concurrency ${CONCURRENCIES.join(' and ')}, ${rounds} round(s), ${cpus().length} CPUs\n`,
  );
  const runs: Array<{ round: number; c: number; v: Variant; p: Probe }> = [];
  let redis: RedisServer | null = null;
  if (redisAvailable()) redis = await startRedis();
  else console.log(`BullMQ: not run (${REDIS_SERVER} missing; install it with: ${REDIS_INSTALL_HINT})\n`);
  console.log(
    'round'.padEnd(6),
    'C'.padEnd(3),
    'what'.padEnd(34),
    'jobs/s'.padStart(7),
    'total'.padStart(8),
    'enqueue'.padStart(8),
    'CPU µs/job'.padStart(20),
  );
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const c of CONCURRENCIES) {
        // The attempt in the main process is the floor the process boundary is measured against; once is enough.
        const variants: Variant[] =
          round === 1 ? ['ours-ipc', 'bullmq', 'ours-inproc'] : ['ours-ipc', 'bullmq'];
        for (const v of variants) {
          if (v === 'bullmq' && !redis) continue;
          const p = probe(v, c, jobs, v === 'bullmq' ? redis!.port : undefined);
          runs.push({ round, c, v, p });
          printRow(String(round), c, v, p);
        }
      }
    }
  } finally {
    await redis?.stop();
  }
  console.log(
    '  (total = first enqueue → last completion; enqueue = time to enqueue all jobs, workers already up;\n' +
      '   CPU = this process + its peer, per job, over the same span)',
  );

  console.log('\nour jobs/s ÷ BullMQ jobs/s, through the process boundary (target ≥ 1×)');
  for (const c of CONCURRENCIES) {
    const ours = runs.filter((r) => r.c === c && r.v === 'ours-ipc');
    const theirs = runs.filter((r) => r.c === c && r.v === 'bullmq');
    if (theirs.length === 0) {
      console.log(`  C=${c}: BullMQ not run`);
      continue;
    }
    const ratios = ours.map((o) => rate(o.p) / rate(theirs.find((t) => t.round === o.round)!.p));
    const med = median(ratios);
    console.log(
      `  C=${String(c).padEnd(3)} ours ${median(ours.map((o) => rate(o.p))).toFixed(0)} jobs/s, BullMQ ${median(theirs.map((t) => rate(t.p))).toFixed(0)} jobs/s (medians);` +
        ` ratio per round ${ratios.map((r) => `${r.toFixed(2)}x`).join(', ')}; median ${med.toFixed(2)}x (${verdict(med >= 1)})`,
    );
  }

  const sync = ourSynchronousMode();
  console.log('\nhow it was run');
  console.log(
    `  ours:   startCore({ run: true, scheduler: false, workers: { size: C } }) on a fresh temp data dir: C tasks at once over at most one worker process per CPU\n` +
      `          (C=10 on 2 CPUs: 2 processes × 5 tasks); C warm-up jobs start the processes (they start lazily) before the clock. Jobs added with\n` +
      `          jobs.createBatch (selftest/noop) in chunks of 1,000, one SQLite transaction per chunk (as BullMQ's addBulk); selftest's per-source limit (4)\n` +
      `          raised to C. "Through worker processes": every attempt goes to a worker process over the fork IPC channel (JSON, the runs of one\n` +
      `          dispatcher tick batched per process) and its result comes back (main → worker → main); "in the main process": the same job type with\n` +
      `          an execute that answers at once, no worker.`,
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
      ? `  BullMQ: ${bullmqVersion()} on Redis ${redis.version} AOF (appendonly ${redis.config.appendonly}, appendfsync ${redis.config.appendfsync}, save '${redis.config.save}'): up to ~1 s of writes can be lost on a crash.`
      : '  BullMQ: not run',
  );
}

// Run on its own: `node bin/run-ts.mjs bench/queue/index.ts` (bench/index.ts runs it after COTAHIST).
if (process.argv[1] === fileURLToPath(import.meta.url)) await runQueueBench();
