import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { forkSpawner } from './fork';
import { createSupervisor, type SupervisorOptions } from './supervisor';
import { fixture, memoryLogger, pidGone, waitFor } from './test-workers/helpers';
import type { SpawnWorker, WorkerTask } from './types';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

function pool(size: number, extra: Partial<SupervisorOptions> = {}) {
  const log = memoryLogger();
  const spawnWorker = forkSpawner(fixture('basic-worker.ts'), { log });
  const sup = createSupervisor({
    spawn: spawnWorker,
    size,
    log,
    maxOldSpaceMb: 128,
    restartBackoffMs: { initial: 50, max: 1_000 },
    ...extra,
  });
  stops.push(() => sup.stop(300));
  return { sup, log };
}

let seq = 0;
const task = (name: string, payload: unknown = null, timeoutMs = 5_000): WorkerTask => ({
  jobId: `job-${++seq}`,
  task: name,
  payload,
  timeoutMs,
});

describe('worker supervisor: failures', () => {
  it(
    'a worker that exits mid-task fails only that attempt; the next task runs on a new pid',
    { timeout: 10_000 },
    async () => {
      const { sup, log } = pool(1);
      await sup.start();
      const oldPid = sup.workers()[0]?.pid ?? -1;
      const out = await sup.run(task('exit'));
      expect(out).toMatchObject({ ok: false, reason: 'crash', code: 'WORKER_CRASHED', pid: oldPid });
      expect(sup.workers()[0]?.lastExit).toMatchObject({ code: 3, signal: null, reason: 'crash' });
      expect(log.entries.find((e) => e.msg === 'worker exited')).toMatchObject({
        level: 'warn',
        fields: { pid: oldPid, code: 3 },
      });
      const next = await sup.run(task('ok'));
      expect(next).toMatchObject({ ok: true });
      expect(next.pid).not.toBe(oldPid);
      expect(sup.workers()[0]).toMatchObject({ restarts: 1, pid: next.pid });
      expect(pidGone(oldPid)).toBe(true);
    },
  );

  it('a hanging task hits its timeout and its worker is replaced', { timeout: 10_000 }, async () => {
    const { sup } = pool(1);
    await sup.start();
    const oldPid = sup.workers()[0]?.pid ?? -1;
    const out = await sup.run(task('hang', null, 300));
    expect(out).toMatchObject({ ok: false, reason: 'timeout', code: 'TIMEOUT', pid: oldPid });
    expect(!out.ok && out.message).toMatch(/300 ms timeout/);
    expect(out.ms).toBeGreaterThanOrEqual(290);
    const next = await sup.run(task('ok'));
    expect(next).toMatchObject({ ok: true });
    expect(next.pid).not.toBe(oldPid);
    expect(sup.workers()[0]?.lastExit).toMatchObject({ signal: 'SIGKILL', reason: 'timeout' });
  });

  it('reports V8 heap exhaustion as oom', { timeout: 15_000 }, async () => {
    const { sup } = pool(1, { maxOldSpaceMb: 32 });
    await sup.start();
    const out = await sup.run(task('oom', null, 10_000));
    expect(out).toMatchObject({ ok: false, reason: 'oom', code: 'WORKER_CRASHED' });
    expect(sup.workers()[0]?.lastExit).toMatchObject({ reason: 'oom' });
    expect(await sup.run(task('ok'))).toMatchObject({ ok: true });
  });

  it('cancels a cooperative task without killing its worker', { timeout: 10_000 }, async () => {
    const { sup } = pool(1);
    await sup.start();
    const pid = sup.workers()[0]?.pid;
    const t = task('cancellable');
    const running = sup.run(t);
    await waitFor(() => sup.workers()[0]?.jobId === t.jobId, 2_000, 'task running');
    sup.cancel(t.jobId);
    expect(await running).toMatchObject({ ok: false, reason: 'cancelled', pid });
    expect(sup.workers()[0]).toMatchObject({ pid, restarts: 0, state: 'idle' });
  });

  it(
    'kills a worker whose task ignores cancel, and cancels queued tasks at once',
    { timeout: 10_000 },
    async () => {
      const { sup } = pool(1, { cancelGraceMs: 300 });
      await sup.start();
      const oldPid = sup.workers()[0]?.pid ?? -1;
      const t = task('hang');
      const running = sup.run(t);
      const queued = task('ok');
      const waiting = sup.run(queued);
      sup.cancel(queued.jobId);
      // It waited in the hung task's process, which drops it at once (no kill, no grace).
      const cancelledAt = Date.now();
      expect(await waiting).toMatchObject({ ok: false, reason: 'cancelled', pid: oldPid });
      expect(Date.now() - cancelledAt).toBeLessThan(300);
      expect(pidGone(oldPid)).toBe(false);
      sup.cancel(t.jobId);
      const out = await running;
      expect(out).toMatchObject({ ok: false, reason: 'cancelled', pid: oldPid });
      expect(!out.ok && out.message).toMatch(/killed/);
      await waitFor(() => pidGone(oldPid), 2_000, 'old worker gone');
      const next = await sup.run(task('ok'));
      expect(next).toMatchObject({ ok: true });
      expect(next.pid).not.toBe(oldPid);
    },
  );

  it('backs off between restarts of a worker that keeps dying', { timeout: 40_000 }, async () => {
    const log = memoryLogger();
    const spawned: number[] = [];
    // A worker that dies before it is ready, every time; plain JavaScript, so each restart costs a
    // bare Node start and not a TypeScript loader's too (the gaps measured are the backoff's).
    const dir = mkdtempSync(join(tmpdir(), 'b3ai-crash-on-start-'));
    stops.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    writeFileSync(join(dir, 'crash-on-start.mjs'), 'process.exit(7);\n');
    const crashing = forkSpawner(join(dir, 'crash-on-start.mjs'), { log });
    const spawnWorker: SpawnWorker = (o) => {
      spawned.push(Date.now());
      return crashing(o);
    };
    const sup = createSupervisor({
      spawn: spawnWorker,
      size: 1,
      log,
      restartBackoffMs: { initial: 50, max: 800 },
    });
    stops.push(() => sup.stop(100));
    await sup.start();
    await waitFor(() => spawned.length >= 6, 30_000, 'six spawns');
    const info = sup.workers()[0];
    expect(info?.restarts).toBeGreaterThanOrEqual(5);
    expect(info?.lastExit).toMatchObject({ code: 7, reason: 'crash' });
    const gaps = spawned.slice(1).map((t, i) => t - (spawned[i] ?? t));
    // Delays 50, 100, 200, 400, 800 ms on top of the start-up time: the late gaps are clearly longer.
    expect(gaps[4] ?? 0).toBeGreaterThan((gaps[0] ?? 0) + 300);
  });
});

describe('worker runtime', () => {
  it('exits when its parent dies', { timeout: 10_000 }, async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture('parent.ts')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: parent.stdout }).once('line', resolve),
    );
    const workerPid = Number(line);
    expect(workerPid).toBeGreaterThan(0);
    expect(pidGone(workerPid)).toBe(false);
    parent.kill('SIGKILL');
    await waitFor(() => pidGone(workerPid), 5_000, 'orphaned worker to exit');
  });
});
