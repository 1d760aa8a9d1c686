import { afterEach, describe, expect, it } from 'vitest';
import type { ToWorker } from '../../contract/worker-envelope';
import { forkSpawner } from './fork';
import { createSupervisor, type SupervisorOptions } from './supervisor';
import { fixture, memoryLogger, pidGone, waitFor } from './test-workers/helpers';
import type { SpawnWorker, WorkerOutcome, WorkerTask } from './types';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

/** A pool of the misbehaving test worker; every message sent to a worker is recorded. */
function pool(extra: Partial<SupervisorOptions> = {}) {
  const log = memoryLogger();
  const sent: ToWorker[] = [];
  const base = forkSpawner(fixture('basic-worker.ts'), { log });
  const spawned: number[] = [];
  const spawn: SpawnWorker = (o) => {
    const proc = base(o);
    spawned.push(proc.pid ?? -1);
    const send = proc.send.bind(proc);
    proc.send = (m) => {
      sent.push(m);
      send(m);
    };
    return proc;
  };
  const sup = createSupervisor({ spawn, size: 1, log, maxOldSpaceMb: 128, ...extra });
  stops.push(() => sup.stop(500));
  return { sup, log, sent, spawned };
}

let seq = 0;
const task = (name: string, payload: unknown = null, timeoutMs = 10_000): WorkerTask => ({
  jobId: `job-${++seq}`,
  task: name,
  payload,
  timeoutMs,
});

const failure = (o: WorkerOutcome): { reason: string; message: string } | null =>
  o.ok ? null : { reason: o.reason, message: o.message };

describe('worker supervisor: several tasks per process', () => {
  it('runs N tasks at once in one process, sent as one batch', { timeout: 20_000 }, async () => {
    const { sup, sent } = pool({ tasksPerWorker: 4 });
    await sup.start();
    const ts = [1, 2, 3, 4].map(() => task('sleep', 200));
    const runs = ts.map((t) => sup.run(t));
    await waitFor(() => sup.workers()[0]?.jobIds.length === 4, 5_000, 'four tasks running');
    expect(sup.workers()[0]).toMatchObject({ state: 'busy', jobIds: ts.map((t) => t.jobId) });
    const outs = await Promise.all(runs);
    const pids = new Set(outs.map((o) => o.pid));
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(pids.size).toBe(1);
    // All four had started before the first one ended: they ran side by side.
    const starts = outs.map((o) => (o.ok ? (o.result as { started: number }).started : NaN));
    const firstEnd = Math.min(...outs.map((o, i) => (starts[i] ?? 0) + (o.ok ? 200 : 0)));
    expect(Math.max(...starts)).toBeLessThan(firstEnd);
    // The four runs of that turn went in one message.
    const runBatches = sent.filter((m) => m.kind === 'batch' && m.messages.some((x) => x.kind === 'run'));
    expect(runBatches).toHaveLength(1);
    expect(runBatches[0]!.kind === 'batch' && runBatches[0]!.messages.map((x) => x.kind)).toEqual([
      'run',
      'run',
      'run',
      'run',
    ]);
    expect(sup.workers()[0]).toMatchObject({ state: 'idle', jobIds: [], restarts: 0 });
  });

  it(
    'a process that dies fails every attempt it was running; the next tasks run on a new process',
    {
      timeout: 20_000,
    },
    async () => {
      const { sup } = pool({ tasksPerWorker: 3 });
      await sup.start();
      const oldPid = sup.workers()[0]?.pid ?? -1;
      const runs = [sup.run(task('sleep', 3_000)), sup.run(task('sleep', 3_000)), sup.run(task('exit'))];
      const outs = await Promise.all(runs);
      for (const o of outs) {
        expect(o).toMatchObject({ ok: false, reason: 'crash', code: 'WORKER_CRASHED', pid: oldPid });
      }
      expect(failure(outs[0]!)?.message).toMatch(/died \(code 3/);
      const next = await Promise.all([sup.run(task('ok')), sup.run(task('ok'))]);
      expect(next.map((o) => o.ok)).toEqual([true, true]);
      expect(next[0].pid).not.toBe(oldPid);
      expect(sup.workers()[0]).toMatchObject({ restarts: 1, lastExit: { code: 3, reason: 'crash' } });
      expect(pidGone(oldPid)).toBe(true);
    },
  );

  it(
    'a task past its timeout kills its process: it fails TIMEOUT, the others WORKER_CRASHED',
    {
      timeout: 20_000,
    },
    async () => {
      const { sup } = pool({ tasksPerWorker: 2 });
      await sup.start();
      const hung = task('hang', null, 300);
      const [h, other] = await Promise.all([sup.run(hung), sup.run(task('sleep', 5_000))]);
      expect(h).toMatchObject({ ok: false, reason: 'timeout', code: 'TIMEOUT' });
      expect(other).toMatchObject({ ok: false, reason: 'crash', code: 'WORKER_CRASHED', pid: h.pid });
      expect(failure(other)?.message).toMatch(
        new RegExp(`because task hang \\(job ${hung.jobId}\\) ran past`),
      );
      expect(sup.workers()[0]?.lastExit).toMatchObject({ signal: 'SIGKILL', reason: 'timeout' });
      expect(await sup.run(task('ok'))).toMatchObject({ ok: true });
    },
  );

  it('cancels one task of a shared process; the others finish there', { timeout: 20_000 }, async () => {
    const { sup } = pool({ tasksPerWorker: 2 });
    await sup.start();
    const pid = sup.workers()[0]?.pid;
    const c = task('cancellable');
    const cancelled = sup.run(c);
    const other = sup.run(task('sleep', 300));
    await waitFor(() => sup.workers()[0]?.jobIds.length === 2, 5_000, 'both running');
    sup.cancel(c.jobId);
    expect(await cancelled).toMatchObject({ ok: false, reason: 'cancelled', pid });
    expect(await other).toMatchObject({ ok: true, pid });
    expect(sup.workers()[0]).toMatchObject({ pid, restarts: 0 });
  });

  it(
    'a task that ignores cancel kills its process; the other attempt there fails as a crash',
    {
      timeout: 20_000,
    },
    async () => {
      const { sup } = pool({ tasksPerWorker: 2, cancelGraceMs: 300 });
      await sup.start();
      const h = task('hang');
      const hung = sup.run(h);
      const other = sup.run(task('sleep', 5_000));
      await waitFor(() => sup.workers()[0]?.jobIds.length === 2, 5_000, 'both running');
      sup.cancel(h.jobId);
      expect(await hung).toMatchObject({ ok: false, reason: 'cancelled' });
      const o = await other;
      expect(o).toMatchObject({ ok: false, reason: 'crash', code: 'WORKER_CRASHED' });
      expect(failure(o)?.message).toMatch(/did not stop within 300 ms of cancel/);
    },
  );

  it('spreads tasks over processes and never runs more than the capacity', { timeout: 20_000 }, async () => {
    const { sup } = pool({ size: 2, tasksPerWorker: 2, capacity: 3 });
    expect(sup.capacity).toBe(3);
    await sup.start();
    const runs = [1, 2, 3, 4].map(() => sup.run(task('sleep', 1_000)));
    const running = (): number => sup.workers().reduce((n, w) => n + w.jobIds.length, 0);
    await waitFor(() => running() === 3, 10_000, 'three running');
    expect(sup.workers().filter((w) => w.state === 'busy')).toHaveLength(2);
    // The fourth waits for a place; it never runs beside the other three.
    await new Promise((r) => setTimeout(r, 300));
    expect(running()).toBe(3);
    const outs = await Promise.all(runs);
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(new Set(outs.map((o) => o.pid)).size).toBe(2);
  });
});

describe('worker supervisor: processes start with the work and end when idle', () => {
  it(
    'has no process until the first task, then only as many as the work needs',
    { timeout: 20_000 },
    async () => {
      const { sup, spawned } = pool({ size: 3, tasksPerWorker: 2 });
      expect(sup.workers().map((w) => [w.state, w.pid])).toEqual([
        ['off', null],
        ['off', null],
        ['off', null],
      ]);
      expect(await sup.run(task('ok'))).toMatchObject({ ok: true });
      expect(spawned).toHaveLength(1);
      // Three at once need two processes of two tasks each, not three.
      const outs = await Promise.all([1, 2, 3].map(() => sup.run(task('sleep', 200))));
      expect(outs.every((o) => o.ok)).toBe(true);
      expect(spawned).toHaveLength(2);
      // (The second may still be starting: the first took the third task when it had room again.)
      await waitFor(() => sup.workers()[1]?.state === 'idle', 10_000, 'second process ready');
      expect(sup.workers().map((w) => w.state)).toEqual(['idle', 'idle', 'off']);
    },
  );

  it('a process idle for idleExitMs exits; the next task starts a new one', { timeout: 20_000 }, async () => {
    const { sup, spawned, log } = pool({ idleExitMs: 300 });
    const first = await sup.run(task('ok'));
    expect(first).toMatchObject({ ok: true });
    await waitFor(() => sup.workers()[0]?.state === 'off', 10_000, 'idle exit');
    expect(pidGone(first.pid ?? -1)).toBe(true);
    expect(sup.workers()[0]).toMatchObject({ pid: null, restarts: 0, lastExit: { code: 0, reason: 'idle' } });
    expect(log.entries.find((e) => e.msg === 'worker exited')).toMatchObject({
      level: 'info',
      fields: { reason: 'idle' },
    });
    const second = await sup.run(task('ok'));
    expect(second).toMatchObject({ ok: true });
    expect(second.pid).not.toBe(first.pid);
    expect(spawned).toHaveLength(2);
  });

  it('a busy process does not exit for idleness', { timeout: 20_000 }, async () => {
    const { sup } = pool({ idleExitMs: 100 });
    const out = await sup.run(task('sleep', 600));
    expect(out).toMatchObject({ ok: true });
    expect(sup.workers()[0]).toMatchObject({ pid: out.pid, lastExit: null });
  });
});
