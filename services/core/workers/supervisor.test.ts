import { afterEach, describe, expect, it } from 'vitest';
import { forkSpawner } from './fork';
import { createSupervisor, type SupervisorOptions } from './supervisor';
import { fixture, memoryLogger, pidGone, waitFor } from './test-workers/helpers';
import type { WorkerSupervisor, WorkerTask } from './types';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

function pool(size: number, extra: Partial<SupervisorOptions> = {}) {
  const log = memoryLogger();
  const sup = createSupervisor({
    spawn: forkSpawner(fixture('basic-worker.ts'), { log }),
    size,
    log,
    maxOldSpaceMb: 128,
    ...extra,
  });
  stops.push(() => sup.stop(500));
  return { sup, log };
}

let seq = 0;
const task = (name: string, payload: unknown = null, timeoutMs = 5_000): WorkerTask => ({
  jobId: `job-${++seq}`,
  task: name,
  payload,
  timeoutMs,
});

const pids = (sup: WorkerSupervisor): number[] =>
  sup.workers().flatMap((w) => (w.pid === null ? [] : [w.pid]));

describe('worker supervisor: the happy paths', () => {
  it('starts the pool and returns results', { timeout: 10_000 }, async () => {
    const { sup } = pool(2);
    await sup.start();
    expect(sup.workers().map((w) => w.state)).toEqual(['idle', 'idle']);
    const out = await sup.run(task('ok', { a: 1 }));
    expect(out).toMatchObject({ ok: true, result: { echo: { a: 1 } } });
    expect(out.ok && pids(sup)).toContain(out.pid);
  });

  it(
    'answers typed errors and keeps the worker; plain errors are INTERNAL; unknown tasks INVALID_INPUT',
    { timeout: 10_000 },
    async () => {
      const { sup } = pool(1);
      await sup.start();
      const [pid] = pids(sup);
      expect(await sup.run(task('fail'))).toMatchObject({
        ok: false,
        reason: 'error',
        code: 'NOT_FOUND',
        message: 'no such thing',
        pid,
      });
      expect(await sup.run(task('boom'))).toMatchObject({
        ok: false,
        reason: 'error',
        code: 'INTERNAL',
        message: 'plain failure',
      });
      expect(await sup.run(task('no-such-task'))).toMatchObject({
        ok: false,
        reason: 'error',
        code: 'INVALID_INPUT',
      });
      expect(await sup.run(task('ok'))).toMatchObject({ ok: true, pid });
      expect(sup.workers()[0]).toMatchObject({ pid, restarts: 0, lastExit: null });
    },
  );

  it('queues tasks FIFO when every worker is busy', { timeout: 10_000 }, async () => {
    const { sup } = pool(1);
    await sup.start();
    const order: string[] = [];
    const runs = ['a', 'b', 'c', 'd'].map((name) =>
      sup.run({ ...task('sleep', 60), jobId: name }).then((o) => {
        order.push(name);
        return o;
      }),
    );
    expect(sup.workers()[0]).toMatchObject({ state: 'busy' });
    await waitFor(() => sup.workers()[0]?.jobId === 'a', 5_000, 'a running');
    expect(sup.workers()[0]?.jobIds).toEqual(['a']);
    const outs = await Promise.all(runs);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    const starts = outs.map((o) => (o.ok ? (o.result as { started: number }).started : NaN));
    expect([...starts].sort((x, y) => x - y)).toEqual(starts);
  });

  it(
    'ignores and logs messages that do not parse; re-emits worker logs with pid and jobId',
    { timeout: 10_000 },
    async () => {
      const progress: [string, number, number | undefined][] = [];
      const { sup, log } = pool(1, {
        onProgress: (jobId, done, total) => progress.push([jobId, done, total]),
      });
      await sup.start();
      const t = task('garbage');
      const out = await sup.run(t);
      expect(out).toMatchObject({ ok: true, result: 'after garbage' });
      const pid = out.pid;
      expect(log.entries.find((e) => e.msg.startsWith('worker protocol error'))).toMatchObject({
        level: 'warn',
        fields: { pid },
      });
      expect(log.entries.find((e) => e.msg === 'hello from the worker')).toMatchObject({
        level: 'info',
        fields: { pid, jobId: t.jobId, answer: 42 },
      });
      expect(progress).toEqual([[t.jobId, 1, 2]]);
      expect(await sup.run(task('ok'))).toMatchObject({ ok: true, pid });
    },
  );
});

describe('worker supervisor: stop', () => {
  it(
    'stop() leaves no child processes and answers later runs with shutdown',
    { timeout: 10_000 },
    async () => {
      const { sup } = pool(3);
      await sup.start();
      const before = pids(sup);
      expect(before).toHaveLength(3);
      await sup.stop(1_000);
      for (const pid of before) expect(pidGone(pid)).toBe(true);
      expect(sup.workers().every((w) => w.state === 'stopped' && w.pid === null)).toBe(true);
      expect(await sup.run(task('ok'))).toMatchObject({ ok: false, reason: 'shutdown', pid: null });
    },
  );

  it(
    'lets running tasks finish within the grace, kills the rest, answers queued runs with shutdown',
    { timeout: 10_000 },
    async () => {
      const { sup } = pool(2);
      await sup.start();
      const before = pids(sup);
      const quick = sup.run(task('sleep', 100));
      const stuck = sup.run(task('hang'));
      const queued = sup.run(task('ok'));
      await waitFor(() => sup.workers().every((w) => w.state === 'busy'), 2_000, 'both busy');
      await sup.stop(400);
      expect(await quick).toMatchObject({ ok: true });
      expect(await stuck).toMatchObject({ ok: false, reason: 'shutdown', code: 'CANCELLED' });
      expect(await queued).toMatchObject({ ok: false, reason: 'shutdown', pid: null });
      for (const pid of before) expect(pidGone(pid)).toBe(true);
    },
  );
});
