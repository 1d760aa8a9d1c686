import { afterEach, describe, expect, it } from 'vitest';
import type { ToWorker, ToWorkerMessage } from '../../contract/worker-envelope';
import { forkSpawner } from './fork';
import { createSupervisor, type SupervisorOptions } from './supervisor';
import { fixture, memoryLogger, waitFor } from './test-workers/helpers';
import type { SpawnWorker, WorkerTask } from './types';

// Tasks sent ahead: a process holds more tasks than it runs, starts the next itself when one ends,
// and says `started`; what it held but had not started survives its death.

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

function pool(extra: Partial<SupervisorOptions> = {}) {
  const log = memoryLogger();
  const runs: Extract<ToWorkerMessage, { kind: 'run' }>[] = [];
  const base = forkSpawner(fixture('basic-worker.ts'), { log });
  const spawned: number[] = [];
  const spawn: SpawnWorker = (o) => {
    const proc = base(o);
    spawned.push(proc.pid ?? -1);
    const send = proc.send.bind(proc);
    proc.send = (m: ToWorker) => {
      for (const one of m.kind === 'batch' ? m.messages : [m]) if (one.kind === 'run') runs.push(one);
      send(m);
    };
    return proc;
  };
  const sup = createSupervisor({ spawn, size: 1, log, maxOldSpaceMb: 128, ...extra });
  stops.push(() => sup.stop(500));
  return { sup, log, runs, spawned };
}

let seq = 0;
const task = (
  name: string,
  payload: unknown = null,
  timeoutMs = 10_000,
  group?: WorkerTask['group'],
): WorkerTask => ({
  jobId: `ahead-${++seq}`,
  task: name,
  payload,
  timeoutMs,
  ...(group ? { group } : {}),
});

describe('worker supervisor: tasks queued in the process', () => {
  it(
    'sends the next tasks ahead, and the process runs them one at a time, in order',
    { timeout: 15_000 },
    async () => {
      const { sup, runs } = pool();
      await sup.start();
      const outs = await Promise.all([1, 2, 3, 4].map(() => sup.run(task('sleep', 100))));
      expect(outs.every((o) => o.ok)).toBe(true);
      // All four went out before the first ended (one batch), each with the process's limit.
      expect(runs.map((r) => r.queue?.concurrency)).toEqual([1, 1, 1, 1]);
      const starts = outs.map((o) => (o.ok ? (o.result as { started: number }).started : NaN));
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(95);
      expect(sup.workers()[0]?.jobIds).toEqual([]);
    },
  );

  it('counts a timeout from the start in the process, not from the send', { timeout: 15_000 }, async () => {
    const { sup } = pool();
    await sup.start();
    const first = sup.run(task('sleep', 400));
    // Sent at once, started ~400 ms later: 400 ms from the send would have killed it.
    const second = sup.run(task('sleep', 300, 600));
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
  });

  it(
    'gives back what a dead process held but had not started; only the one running fails',
    { timeout: 20_000 },
    async () => {
      const { sup, spawned } = pool();
      await sup.start();
      const dying = sup.run(task('exit'));
      const held = [1, 2].map(() => sup.run(task('ok', 'held')));
      const out = await dying;
      expect(out).toMatchObject({ ok: false, reason: 'crash', code: 'WORKER_CRASHED' });
      const rest = await Promise.all(held);
      // Both ran, in the new process, without losing an attempt.
      expect(rest.map((o) => o.ok)).toEqual([true, true]);
      expect(spawned).toHaveLength(2);
      expect(rest.every((o) => o.pid === spawned[1])).toBe(true);
    },
  );

  it('keeps a group to its limit inside the process', { timeout: 15_000 }, async () => {
    const { sup } = pool({ tasksPerWorker: 3, aheadPerWorker: 2 });
    await sup.start();
    const g = { key: 'site', limit: 1 };
    const outs = await Promise.all([
      sup.run(task('sleep', 200, 10_000, g)),
      sup.run(task('sleep', 200, 10_000, g)),
      sup.run(task('sleep', 200)),
    ]);
    const starts = outs.map((o) => (o.ok ? (o.result as { started: number }).started : NaN));
    // The group's second waited for its first; the task of no group ran beside the first.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(195);
    expect(Math.abs(starts[2]! - starts[0]!)).toBeLessThan(150);
  });

  it('fills free places in other processes before queueing in a busy one', { timeout: 20_000 }, async () => {
    const { sup, spawned, runs } = pool({ size: 2 });
    await sup.start();
    const outs = await Promise.all([1, 2, 3].map(() => sup.run(task('sleep', 300))));
    // One each, the third queued in one of them (both full by then).
    expect(new Set(outs.slice(0, 2).map((o) => o.pid)).size).toBe(2);
    expect(spawned).toHaveLength(2);
    expect(runs).toHaveLength(3);
    await waitFor(() => sup.workers().every((w) => w.state === 'idle'), 5_000, 'both idle');
  });
});
