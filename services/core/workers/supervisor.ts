import { FromWorker } from '../../contract/worker-envelope';
import { describeZodError } from '../../contract/errors';
import { createLogger } from '../logging/logger';
import { backoffDelay, looksLikeOom } from './failures';
import {
  clearSlotTimer as clearTimer,
  elapsed,
  failed,
  newSlot,
  settle,
  within,
  clampDelay,
  slotInfo,
  waitExit,
  type KillReason,
  type Pending,
  type Slot,
  type SupervisorOptions,
} from './pool-slot';
import type { WorkerOutcome, WorkerProcess, WorkerSupervisor } from './types';

export type { SupervisorOptions };

export function createSupervisor(opts: SupervisorOptions): WorkerSupervisor {
  const log = opts.log ?? createLogger('workers.supervisor');
  const maxOldSpaceMb = opts.maxOldSpaceMb ?? 1024;
  const backoff = opts.restartBackoffMs ?? { initial: 100, max: 10_000 };
  const healthyAfterMs = opts.healthyAfterMs ?? 30_000;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const cancelGraceMs = opts.cancelGraceMs ?? 2_000;
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.size) }, (_, id) => newSlot(id));
  const queue: Pending[] = [];
  let started: Promise<void> | null = null;
  let stopping = false;
  let stopped: Promise<void> | null = null;

  function kill(slot: Slot, why: KillReason): void {
    slot.killedFor = why;
    slot.state = stopping ? 'stopped' : 'restarting';
    slot.proc?.kill();
  }

  function spawnSlot(slot: Slot): void {
    clearTimer(slot);
    slot.killedFor = null;
    slot.readyAt = null;
    slot.state = 'starting';
    let proc: WorkerProcess;
    try {
      proc = opts.spawn({ maxOldSpaceMb });
    } catch (error) {
      log.error('worker spawn failed', { workerId: slot.id, error });
      onExit(slot, null, null, null);
      return;
    }
    slot.proc = proc;
    slot.pid = proc.pid ?? null;
    log.debug('worker spawned', { workerId: slot.id, pid: slot.pid });
    proc.onMessage((raw) => {
      if (slot.proc === proc) onMessage(slot, proc, raw);
    });
    proc.onExit((code, signal) => {
      if (slot.proc === proc) onExit(slot, proc, code, signal);
    });
    slot.timer = setTimeout(() => {
      log.warn('worker not ready in time; killing it', { workerId: slot.id, pid: slot.pid, readyTimeoutMs });
      kill(slot, 'ready-timeout');
    }, readyTimeoutMs);
  }

  function onMessage(slot: Slot, proc: WorkerProcess, raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) {
      const { message } = describeZodError(parsed.error);
      log.warn('worker protocol error: message ignored', {
        workerId: slot.id,
        pid: slot.pid,
        error: message,
      });
      return;
    }
    const msg = parsed.data;
    const pid = slot.pid;
    if (msg.kind === 'ready') {
      if (slot.state !== 'starting') return;
      clearTimer(slot);
      slot.pid = proc.pid ?? msg.pid;
      slot.readyAt = Date.now();
      slot.state = 'idle';
      slot.settleFirst?.();
      slot.settleFirst = null;
      if (stopping) proc.send({ kind: 'shutdown' });
      else dispatch();
      return;
    }
    if (msg.kind === 'log') {
      const jobId = msg.fields.jobId ?? slot.running?.task.jobId ?? null;
      log[msg.level](msg.msg, { ...msg.fields, workerId: slot.id, pid, jobId });
      return;
    }
    const run = slot.running;
    if (!run || run.task.jobId !== msg.jobId) {
      log.debug('late or stray worker message ignored', {
        workerId: slot.id,
        pid,
        kind: msg.kind,
        jobId: msg.jobId,
      });
      return;
    }
    if (msg.kind === 'progress') {
      opts.onProgress?.(msg.jobId, msg.done, msg.total);
      return;
    }
    if (run.cancelling) {
      settle(slot, (r) => failed(r, 'cancelled', `job ${r.task.jobId} cancelled`, pid));
    } else if (msg.kind === 'result') {
      settle(slot, (r) => ({ ok: true, result: msg.result, pid: pid ?? 0, ms: elapsed(r) }));
    } else if (msg.kind === 'error') {
      settle(slot, (r) => ({
        ok: false,
        reason: 'error',
        code: msg.code,
        message: msg.message,
        pid,
        ms: elapsed(r),
      }));
    } else {
      settle(slot, (r) => failed(r, 'cancelled', `job ${r.task.jobId} cancelled by the worker`, pid));
    }
    dispatch();
  }

  function onExit(slot: Slot, proc: WorkerProcess | null, code: number | null, signal: string | null): void {
    clearTimer(slot);
    const pid = slot.pid;
    const stderr = proc?.stderrTail?.() ?? '';
    const crash: 'oom' | 'crash' = looksLikeOom(stderr) ? 'oom' : 'crash';
    const reason = slot.killedFor ?? (stopping && code === 0 ? 'shutdown' : crash);
    slot.lastExit = { code, signal, reason, at: new Date().toISOString() };
    const expected = slot.killedFor !== null && slot.killedFor !== 'ready-timeout';
    const level = expected || stopping ? 'info' : 'warn';
    log[level]('worker exited', { workerId: slot.id, pid, code, signal, reason });
    settle(slot, (r) =>
      failed(
        r,
        crash,
        `worker ${pid ?? '?'} died (code ${code}, signal ${signal}) while running ${r.task.task}`,
        pid,
      ),
    );
    slot.proc = null;
    slot.pid = null;
    for (const w of slot.exitWaiters.splice(0)) w();
    slot.settleFirst?.();
    slot.settleFirst = null;
    if (stopping) {
      slot.state = 'stopped';
      return;
    }
    let delay = 0;
    if (!expected) {
      if (slot.readyAt !== null && Date.now() - slot.readyAt >= healthyAfterMs) slot.failures = 0;
      slot.failures += 1;
      delay = backoffDelay(slot.failures, backoff);
    }
    slot.state = 'restarting';
    slot.timer = setTimeout(() => {
      slot.restarts += 1;
      spawnSlot(slot);
    }, delay);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (stopping || queue.length === 0) return;
      if (slot.state !== 'idle' || !slot.proc) continue;
      const next = queue.shift();
      if (!next) return;
      const { task } = next;
      const timer = setTimeout(() => {
        const pid = slot.pid;
        settle(slot, (r) =>
          failed(
            r,
            'timeout',
            `task ${task.task} (job ${task.jobId}) ran past its ${task.timeoutMs} ms timeout; worker ${pid ?? '?'} killed`,
            pid,
          ),
        );
        kill(slot, 'timeout');
      }, clampDelay(task.timeoutMs));
      slot.running = { ...next, startedAt: Date.now(), timer, cancelTimer: null, cancelling: false };
      slot.state = 'busy';
      const deadline = Date.now() + task.timeoutMs;
      slot.proc.send({ kind: 'run', jobId: task.jobId, task: task.task, payload: task.payload, deadline });
    }
  }

  function start(): Promise<void> {
    started ??= Promise.all(
      slots.map(
        (slot) =>
          new Promise<void>((resolve) => {
            slot.settleFirst = resolve;
            spawnSlot(slot);
          }),
      ),
    ).then(() => undefined);
    return started;
  }

  return {
    start,

    run(task) {
      return new Promise<WorkerOutcome>((resolve) => {
        const pending: Pending = { task, resolve, queuedAt: Date.now() };
        if (stopping) {
          resolve(failed(pending, 'shutdown', `worker pool is stopping; task ${task.task} not run`, null));
          return;
        }
        queue.push(pending);
        if (!started) void start();
        dispatch();
      });
    },

    cancel(jobId) {
      const queued = queue.findIndex((p) => p.task.jobId === jobId);
      if (queued >= 0) {
        const [p] = queue.splice(queued, 1);
        if (p) p.resolve(failed(p, 'cancelled', `job ${jobId} cancelled before it started`, null));
        return;
      }
      const slot = slots.find((s) => s.running?.task.jobId === jobId);
      const run = slot?.running;
      if (!slot || !run || run.cancelling) return;
      run.cancelling = true;
      slot.proc?.send({ kind: 'cancel', jobId });
      run.cancelTimer = setTimeout(() => {
        const pid = slot.pid;
        settle(slot, (r) =>
          failed(
            r,
            'cancelled',
            `job ${jobId} did not stop within ${cancelGraceMs} ms of cancel; worker ${pid ?? '?'} killed`,
            pid,
          ),
        );
        kill(slot, 'cancelled');
      }, cancelGraceMs);
    },

    workers: () => slots.map(slotInfo),

    stop(graceMs) {
      stopped ??= (async () => {
        stopping = true;
        for (const p of queue.splice(0))
          p.resolve(failed(p, 'shutdown', `worker pool stopped; task ${p.task.task} not run`, null));
        for (const slot of slots) {
          clearTimer(slot);
          if (slot.proc) slot.proc.send({ kind: 'shutdown' });
          else slot.state = 'stopped';
        }
        const allExited = (): Promise<void> => Promise.all(slots.map(waitExit)).then(() => undefined);
        await within(allExited(), graceMs);
        for (const slot of slots) {
          if (!slot.proc) continue;
          const pid = slot.pid;
          settle(slot, (r) =>
            failed(
              r,
              'shutdown',
              `worker ${pid ?? '?'} still running ${r.task.task} after ${graceMs} ms grace; killed`,
              pid,
            ),
          );
          kill(slot, 'shutdown');
        }
        await within(allExited(), 5_000);
      })();
      return stopped;
    },
  };
}
