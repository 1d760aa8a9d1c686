/**
 * One queue measurement per process (a fresh heap and a fresh data dir or Redis db each time):
 *   node bin/run-ts.mjs bench/queue/probe.ts <ours-ipc|ours-inproc> CONCURRENCY JOBS
 *   node bin/run-ts.mjs bench/queue/probe.ts bullmq CONCURRENCY JOBS REDIS_PORT
 * Prints one JSON line: {ms, enqueueMs, jobs, completed}; `ms` runs from the first enqueue to the
 * last completion.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Job } from '../../services/contract';
import { startCore } from '../../services/core/app';
import { selftestJob, type JobType } from '../../services/core/jobs/job-types';
import { configureLogging } from '../../services/core/logging/logger';
import { redisCommand } from './redis';

const [mode, cArg, nArg, portArg] = process.argv.slice(2);
const C = Number(cArg);
const N = Number(nArg);
const DEADLINE_MS = 150_000;

interface Measured {
  ms: number;
  enqueueMs: number;
  jobs: number;
  completed: number;
  /** CPU time over the measurement: this process, and its peer (our worker processes, or redis-server). */
  cpuMs: number;
  peerCpuMs: number;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

/** CPU ms used so far by these processes (Linux /proc: utime + stime, 100 ticks per second). */
function procCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone: its time is lost (the benchmark's workers do not exit during the run)
    }
  }
  return ticks * 10;
}

/** Resolves when `target` completions were counted; rejects past the deadline. */
function counter(target: number): { hit(): void; done: Promise<number>; count(): number } {
  let n = 0;
  let resolve!: (t: number) => void;
  const done = new Promise<number>((res, rej) => {
    resolve = res;
    const timer = setTimeout(
      () => rej(new Error(`only ${n} of ${target} jobs completed in ${DEADLINE_MS} ms`)),
      DEADLINE_MS,
    );
    timer.unref();
  });
  return {
    hit() {
      if (++n === target) resolve(performance.now());
    },
    done,
    count: () => n,
  };
}

/**
 * Our durable queue, as the serving process runs it. `ipc`: the built-in selftest job type, whose
 * attempt runs `selftest.echo` in a worker process (main → worker → main over the fork IPC channel).
 * `inproc`: the same job type with an execute that answers in the main process (no process boundary);
 * the claim, the completion and their events are unchanged. Both raise selftest's per-source limit
 * (4) to the concurrency, so the runner's capacity (= worker count) is the only limit.
 */
async function ours(inproc: boolean): Promise<Measured> {
  configureLogging({ level: 'warn' });
  process.env.B3AI_LOG_LEVEL = 'warn'; // the forked workers inherit it
  const type: JobType = inproc
    ? {
        ...selftestJob,
        concurrency: C,
        execute: (row) => Promise.resolve({ result: { action: row.query ?? 'noop', jobId: row.id } }),
      }
    : { ...selftestJob, concurrency: C };
  const dataDir = mkdtempSync(join(tmpdir(), 'b3ai-bench-queue-'));
  try {
    const core = await startCore({
      dataDir,
      run: true,
      scheduler: false,
      workers: { size: C },
      jobTypes: [type],
    });
    try {
      await warmUp(core);
      const completed = counter(N);
      core.events.subscribe((name, payload) => {
        if (name === 'job.updated' && (payload as { job: Job }).job.status === 'completed') completed.hit();
      });
      const st = await core.call('jobs.queueStatus', {});
      if (!st.ok) throw new Error(st.error.message);
      const procs = (st.data as { workers: { processes: Array<{ pid: number | null }> } }).workers.processes;
      const pids = procs.flatMap((w) => (w.pid ? [w.pid] : []));
      const peer0 = procCpuMs(pids);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      // jobs.createBatch in chunks of 1,000, as BullMQ's side uses addBulk: one transaction per chunk.
      const CHUNK = 1_000;
      for (let i = 0; i < N; i += CHUNK) {
        const jobs = Array.from({ length: Math.min(CHUNK, N - i) }, () => ({
          scraper_name: 'selftest',
          query: 'noop',
          priority: 'normal' as const,
          max_retries: 3,
          metadata: {},
        }));
        const r = await core.call('jobs.createBatch', { jobs });
        if (!r.ok) throw new Error(`jobs.createBatch: ${r.error.message}`);
      }
      const enqueueMs = performance.now() - t0;
      const last = await completed.done;
      const cpuMs = cpuMsSince(cpu0);
      const peerCpuMs = procCpuMs(pids) - peer0;
      const status = await core.call('jobs.queueStatus', {});
      if (!status.ok) throw new Error(status.error.message);
      const stored = (status.data as { by_status: Record<string, number> }).by_status.completed ?? 0;
      // Less the C warm-up jobs.
      return { ms: last - t0, enqueueMs, jobs: N, completed: stored - C, cpuMs, peerCpuMs };
    } finally {
      await core.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Worker processes start with the first job (lazily), BullMQ's Worker is ready before its clock
 * starts: C warm-up jobs first, so the processes C jobs need are up (and out of the measurement).
 */
async function warmUp(core: Awaited<ReturnType<typeof startCore>>): Promise<void> {
  const ended = new Set<string>();
  let ids: Set<string> | null = null;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const check = (): void => {
    if (ids && [...ids].every((id) => ended.has(id))) resolve();
  };
  const off = core.events.subscribe((name, payload) => {
    const job = name === 'job.updated' ? (payload as { job: Job }).job : null;
    if (job && (job.status === 'completed' || job.status === 'failed')) ended.add(job.id);
    check();
  });
  try {
    const jobs = Array.from({ length: C }, () => ({
      scraper_name: 'selftest',
      query: 'noop',
      priority: 'normal' as const,
      max_retries: 0,
      metadata: {},
    }));
    const r = await core.call('jobs.createBatch', { jobs });
    if (!r.ok) throw new Error(`jobs.createBatch: ${r.error.message}`);
    ids = new Set((r.data as { jobs: Job[] }).jobs.map((j) => j.id));
    check();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the warm-up jobs did not end in 60 s')), 60_000);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    off();
  }
}

/**
 * BullMQ: a Queue and a Worker (concurrency C) in this process; the processor runs in-process and
 * returns at once. Jobs are added with addBulk in chunks of 1,000 (BullMQ's fastest way in; ours has
 * no bulk API, so each of our jobs is its own INSERT transaction). Default options: completed jobs
 * are kept, like our rows; attempts = 4, like our max_retries 3.
 */
async function bullmq(port: number): Promise<Measured> {
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  const name = `bench-${process.pid}`;
  const queue = new Queue(name, { connection, defaultJobOptions: { attempts: 4 } });
  await queue.waitUntilReady();
  await (await queue.client).flushall();
  const completed = counter(N);
  const worker = new Worker(name, () => Promise.resolve({ ok: true }), { connection, concurrency: C });
  worker.on('completed', () => completed.hit());
  worker.on('error', (e) => console.error('bullmq worker error:', e));
  const redisCpuMs = async (): Promise<number> => {
    const info = await redisCommand(port, ['INFO', 'cpu']);
    const sec = (k: string): number => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
    return (sec('used_cpu_user') + sec('used_cpu_sys')) * 1000;
  };
  try {
    await worker.waitUntilReady();
    const peer0 = await redisCpuMs();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const CHUNK = 1_000;
    for (let i = 0; i < N; i += CHUNK) {
      const n = Math.min(CHUNK, N - i);
      await queue.addBulk(Array.from({ length: n }, (_, k) => ({ name: 'noop', data: { i: i + k } })));
    }
    const enqueueMs = performance.now() - t0;
    const last = await completed.done;
    const cpuMs = cpuMsSince(cpu0);
    const peerCpuMs = (await redisCpuMs()) - peer0;
    const stored = await queue.getCompletedCount();
    return { ms: last - t0, enqueueMs, jobs: N, completed: stored, cpuMs, peerCpuMs };
  } finally {
    await worker.close();
    await (await queue.client).flushall();
    await queue.close();
  }
}

const usage = 'usage: probe.ts <ours-ipc|ours-inproc|bullmq> CONCURRENCY JOBS [REDIS_PORT]';
if (!(C >= 1) || !(N >= 1)) {
  console.error(usage);
  process.exit(2);
}
let result: Measured;
if (mode === 'ours-ipc') result = await ours(false);
else if (mode === 'ours-inproc') result = await ours(true);
else if (mode === 'bullmq' && Number(portArg) > 0) result = await bullmq(Number(portArg));
else {
  console.error(usage);
  process.exit(2);
}
console.log(JSON.stringify(result));
