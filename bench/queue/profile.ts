/**
 * Where our queue's time goes, per job: wraps the store, event bus and runner methods (at runtime,
 * no product change) and runs the same workload as probe.ts.
 *   node bin/run-ts.mjs bench/queue/profile.ts <ipc|inproc> CONCURRENCY JOBS [what-if]
 * `what-if` also patches, in this process only, the three hot spots found (see the findings
 * printed by index.ts): wake() by setImmediate instead of setTimeout(0), claim's subquery forced onto
 * the partial index jobs_ready, nextDueAt() on a partial index over next_run_at. Nothing under
 * services/ is changed; this only shows what those changes would buy.
 */
import type { Statement } from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Job } from '../../services/contract';
import { startCore } from '../../services/core/app';
import { EventBus } from '../../services/core/events/bus';
import { JobStore } from '../../services/core/jobs/job-store';
import { selftestJob, type JobType } from '../../services/core/jobs/job-types';
import { JobRunner } from '../../services/core/jobs/runner';
import { WORKER_ENTRY } from '../../services/core/jobs/workers-component';
import { configureLogging } from '../../services/core/logging/logger';
import { forkSpawner } from '../../services/core/workers/fork';
import type { StateDb } from '../../services/core/storage/state';

const [mode, cArg, nArg, whatIf] = process.argv.slice(2);
const C = Number(cArg ?? 1);
const N = Number(nArg ?? 5000);
configureLogging({ level: 'warn' });
process.env.B3AI_LOG_LEVEL = 'warn';

const acc = new Map<string, { n: number; ms: number }>();
const add = (key: string, ms: number): void => {
  const a = acc.get(key) ?? { n: 0, ms: 0 };
  a.n++;
  a.ms += ms;
  acc.set(key, a);
};
let measuring = false;

type AnyFn = (...args: unknown[]) => unknown;
function wrap(proto: object, method: string, label: string): void {
  const p = proto as Record<string, AnyFn>;
  const orig = p[method]!;
  p[method] = function (this: unknown, ...args: unknown[]): unknown {
    if (!measuring) return orig.apply(this, args);
    const t = performance.now();
    try {
      return orig.apply(this, args);
    } finally {
      add(label, performance.now() - t);
    }
  };
}
wrap(JobStore.prototype, 'enqueue', 'store.enqueue (INSERT tx + get)');
wrap(JobStore.prototype, 'claim', 'store.claim (UPDATE..RETURNING tx)');
wrap(JobStore.prototype, 'complete', 'store.complete (tx: find + prepare + UPDATE + get)');
wrap(JobStore.prototype, 'nextDueAt', 'store.nextDueAt (min over waiting jobs)');
wrap(JobStore.prototype, 'get', 'store.get (SELECT + toJob)');
wrap(EventBus.prototype, 'emit', 'events.emit (all listeners)');
wrap(JobRunner.prototype, 'tick', 'runner.tick (whole, incl. claims)');

// The runner's wake(): from the call to the tick its setTimeout(0) schedules.
const runnerProto = JobRunner.prototype as unknown as Record<string, AnyFn>;
const origWake = runnerProto.wake!;
const origTick = runnerProto.tick!;
let wokeAt: number | null = null;
runnerProto.wake = function (this: unknown): unknown {
  if (measuring) {
    add('runner.wake calls', 0);
    wokeAt ??= performance.now();
  }
  return origWake.call(this);
};
runnerProto.tick = function (this: unknown): unknown {
  if (measuring && wokeAt !== null) add('wake → tick latency', performance.now() - wokeAt);
  wokeAt = null;
  return origTick.call(this);
};

if (whatIf === 'what-if') {
  const WHAT_IF_CLAIM = `UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = @now, completed_at = NULL,
      lease_owner = @owner, lease_expires_at = @expires
    WHERE seq = (SELECT seq FROM jobs INDEXED BY jobs_ready WHERE status IN ('pending', 'retry')
                   AND coalesce(next_run_at, 0) <= @now
                   AND scraper_name NOT IN (SELECT value FROM json_each(@exclude))
                 ORDER BY priority, seq LIMIT 1)
    RETURNING *`;
  const stmts = new WeakMap<object, { claim: Statement; due: Statement }>();
  const prepared = (store: object): { claim: Statement; due: Statement } => {
    let s = stmts.get(store);
    if (!s) {
      const db = (store as unknown as { db: StateDb }).db;
      db.exec(
        `CREATE INDEX IF NOT EXISTS jobs_due ON jobs (next_run_at) WHERE status IN ('pending', 'retry')`,
      );
      s = {
        claim: db.prepare(WHAT_IF_CLAIM),
        due: db.prepare(
          `SELECT min(next_run_at) AS at FROM jobs INDEXED BY jobs_due WHERE status IN ('pending', 'retry')`,
        ),
      };
      stmts.set(store, s);
    }
    return s;
  };
  const storeProto = JobStore.prototype as unknown as Record<string, AnyFn>;
  // Replace the (timed) methods, then time the replacements the same way.
  const claimImpl = function (
    this: object,
    opts: { owner: string; leaseMs: number; excludeSources?: string[] },
  ) {
    const now = Date.now();
    return prepared(this).claim.get({
      now,
      owner: opts.owner,
      expires: now + opts.leaseMs,
      exclude: JSON.stringify(opts.excludeSources ?? []),
    });
  };
  const dueImpl = function (this: object) {
    return (prepared(this).due.get() as { at: number | null }).at;
  };
  storeProto.claim = claimImpl as AnyFn;
  storeProto.nextDueAt = dueImpl;
  wrap(JobStore.prototype, 'claim', 'store.claim (UPDATE..RETURNING tx)');
  wrap(JobStore.prototype, 'nextDueAt', 'store.nextDueAt (min over waiting jobs)');
  type R = { started: boolean; stopping: boolean; timer: NodeJS.Timeout | undefined; imm?: NodeJS.Immediate };
  const tick = runnerProto.tick;
  runnerProto.wake = function (this: R): void {
    if (measuring) {
      add('runner.wake calls', 0);
      wokeAt ??= performance.now();
    }
    if (!this.started || this.stopping || this.imm) return;
    this.imm = setImmediate(() => {
      this.imm = undefined;
      clearTimeout(this.timer);
      tick.call(this);
    });
  };
}

const base: JobType = { ...selftestJob, concurrency: C };
const type: JobType = {
  ...base,
  async execute(row, env) {
    const t = performance.now();
    try {
      return mode === 'inproc'
        ? { result: { action: row.query ?? 'noop', jobId: row.id } }
        : await base.execute.call(base, row, env);
    } finally {
      add(
        mode === 'inproc' ? 'execute (in-process)' : 'execute (IPC round trip main→worker→main)',
        performance.now() - t,
      );
    }
  },
};

const dataDir = mkdtempSync(join(tmpdir(), 'b3ai-bench-queue-prof-'));
const core = await startCore({
  dataDir,
  run: true,
  scheduler: false,
  workers: {
    size: C,
    // BENCH_WORKER_CPUPROF=DIR: each worker process writes a V8 CPU profile there when it exits.
    ...(process.env.BENCH_WORKER_CPUPROF
      ? {
          spawn: forkSpawner(WORKER_ENTRY, {
            execArgv: [
              '--import',
              pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
              '--cpu-prof',
              '--cpu-prof-dir',
              process.env.BENCH_WORKER_CPUPROF,
            ],
          }),
        }
      : {}),
  },
  jobTypes: [type],
});
let done = 0;
const marks: number[] = [];
let finish!: () => void;
let all = new Promise<void>((r) => (finish = r));
let target = C;
core.events.subscribe((name, payload) => {
  if (name !== 'job.updated' || (payload as { job: Job }).job.status !== 'completed') return;
  done++;
  if (target === C && done === C) finish();
  if (target === C) return;
  if (done % 1000 === 0 || done === N) marks.push(performance.now());
  if (done === N) finish();
});
/** CPU ms used so far by the worker processes (Linux /proc; 100 ticks per second). */
async function workersCpuMs(): Promise<number> {
  const st = await core.call('jobs.queueStatus', {});
  if (!st.ok) return NaN;
  const procs = (st.data as { workers: { processes: Array<{ pid: number | null }> } }).workers.processes;
  let ticks = 0;
  for (const { pid } of procs) {
    if (!pid) continue;
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      return NaN;
    }
  }
  return ticks * 10;
}
// Warm-up, as probe.ts: C jobs start the worker processes (they start lazily) before the clock.
{
  const warm = await core.call('jobs.createBatch', {
    jobs: Array.from({ length: C }, () => ({ scraper_name: 'selftest', query: 'noop', metadata: {} })),
  });
  if (!warm.ok) throw new Error(warm.error.message);
  await all;
  done = 0;
  target = N;
  all = new Promise<void>((r) => (finish = r));
}
const wcpu0 = await workersCpuMs();
// BENCH_CPUPROF=FILE: a V8 CPU profile of the main process over the measured window only.
const inspector = process.env.BENCH_CPUPROF ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}
measuring = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// As probe.ts: jobs.createBatch in chunks of 1,000 (one transaction per chunk).
for (let i = 0; i < N; i += 1_000) {
  const jobs = Array.from({ length: Math.min(1_000, N - i) }, () => ({
    scraper_name: 'selftest',
    query: 'noop',
    priority: 'normal' as const,
    max_retries: 3,
    metadata: {},
  }));
  const r = await core.call('jobs.createBatch', { jobs });
  if (!r.ok) throw new Error(r.error.message);
}
const enq = performance.now() - t0;
await all;
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
measuring = false;
const wcpu = (await workersCpuMs()) - wcpu0;
if (inspector) {
  const { profile } = await inspector.post('Profiler.stop');
  writeFileSync(process.env.BENCH_CPUPROF!, JSON.stringify(profile));
  inspector.disconnect();
}
await core.close();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `${mode}${whatIf === 'what-if' ? ' (what-if patches)' : ''} C=${C} N=${N}: ${total.toFixed(0)} ms (${((N / total) * 1000).toFixed(0)} jobs/s), enqueue phase ${enq.toFixed(0)} ms; main-process CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, sys ${(cpu.system / 1000).toFixed(0)}); worker processes CPU ${wcpu.toFixed(0)} ms`,
);
console.log(
  'what'.padEnd(58),
  'calls'.padStart(7),
  'total ms'.padStart(9),
  'µs/call'.padStart(8),
  'µs/job'.padStart(8),
);
for (const [k, a] of [...acc].sort((x, y) => y[1].ms - x[1].ms)) {
  console.log(
    k.padEnd(58),
    String(a.n).padStart(7),
    a.ms.toFixed(0).padStart(9),
    ((a.ms / a.n) * 1000).toFixed(0).padStart(8),
    ((a.ms / N) * 1000).toFixed(0).padStart(8),
  );
}
let prev = t0;
console.log(
  'ms per 1,000 completions:',
  marks
    .map((m) => {
      const d = m - prev;
      prev = m;
      return d.toFixed(0);
    })
    .join(' '),
);
