import { FromWorkerMessage, batchOf, unbatch, type ToWorkerMessage } from '../../contract/worker-envelope';
import { describeZodError } from '../../contract/errors';
import { createLogger } from '../logging/logger';
import { backoffDelay, looksLikeOom } from './failures';
import {
  clearSlotTimers,
  elapsed,
  failed,
  newSlot,
  settle,
  settleAll,
  within,
  clampDelay,
  takeUnstarted,
  slotInfo,
  waitExit,
  type KillReason,
  type Pending,
  type Running,
  type Slot,
  type SupervisorOptions,
} from './pool-slot';
import { addGroup, groupCounts, pickSlot, takesWork, type GroupCounts } from './pool-dispatch';
import type { WorkerOutcome, WorkerProcess, WorkerSupervisor } from './types';

export type { SupervisorOptions };

/**
 * A pool of up to `size` worker processes, each running up to `tasksPerWorker` tasks at once.
 * Processes start when tasks need them (or all at once with start()), are replaced when they die,
 * and, with `idleExitMs`, exit when they have had nothing to do for that long.
 */
export function createSupervisor(opts: SupervisorOptions): WorkerSupervisor {
  const log = opts.log ?? createLogger('workers.supervisor');
  const maxOldSpaceMb = opts.maxOldSpaceMb ?? 1024;
  const perWorker = Math.max(1, Math.floor(opts.tasksPerWorker ?? 1));
  const idleExitMs = opts.idleExitMs ?? null;
  const backoff = opts.restartBackoffMs ?? { initial: 100, max: 10_000 };
  const healthyAfterMs = opts.healthyAfterMs ?? 30_000;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 15_000;
  const cancelGraceMs = opts.cancelGraceMs ?? 2_000;
  const slots: Slot[] = Array.from({ length: Math.max(1, opts.size) }, (_, id) => newSlot(id));
  const capacity = Math.max(1, Math.min(opts.capacity ?? Infinity, slots.length * perWorker));
  // Queued in the processes only when they can keep to the capacity by themselves.
  const ahead =
    capacity === slots.length * perWorker
      ? Math.max(0, Math.floor(opts.aheadPerWorker ?? (perWorker === 1 ? 4 : 0)))
      : 0;
  const holds = perWorker + ahead;
  const queue: Pending[] = [];
  let started: Promise<void> | null = null;
  let stopping = false;
  let stopped: Promise<void> | null = null;
  let flushQueued = false;

  /** Queue a message for the slot's process; every message of this turn goes out as one batch. */
  function post(slot: Slot, message: ToWorkerMessage): void {
    slot.outbox.push(message);
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  }

  function flush(): void {
    flushQueued = false;
    for (const slot of slots) {
      if (slot.outbox.length === 0) continue;
      const messages = slot.outbox.splice(0);
      slot.proc?.send(batchOf(messages));
    }
  }

  function kill(slot: Slot, why: KillReason, cause: string | null = null): void {
    slot.killedFor = why;
    slot.killCause = cause;
    slot.state = stopping ? 'stopped' : 'restarting';
    slot.proc?.kill();
  }

  function spawnSlot(slot: Slot): void {
    clearSlotTimers(slot);
    slot.killedFor = null;
    slot.killCause = null;
    slot.retiring = false;
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
      if (slot.proc !== proc) return;
      for (const one of unbatch(raw)) onMessage(slot, proc, one);
      dispatch();
    });
    proc.onExit((code, signal) => {
      if (slot.proc === proc) onExit(slot, proc, code, signal);
    });
    slot.timer = setTimeout(() => {
      log.warn('worker not ready in time; killing it', { workerId: slot.id, pid: slot.pid, readyTimeoutMs });
      kill(slot, 'ready-timeout');
    }, readyTimeoutMs);
  }

  /** An idle process exits after `idleExitMs` (it is started again when work comes). */
  function armIdle(slot: Slot): void {
    if (idleExitMs === null || stopping || !slot.proc || slot.state !== 'idle' || slot.retiring) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (slot.state !== 'idle' || slot.running.size > 0 || !slot.proc || stopping) return;
      log.debug('worker idle; stopping it', { workerId: slot.id, pid: slot.pid, idleExitMs });
      slot.retiring = true;
      slot.killedFor = 'idle';
      post(slot, { kind: 'shutdown' });
      flush();
      // It should exit at once; if it does not, it is killed.
      slot.timer = setTimeout(() => slot.proc?.kill(), 5_000);
    }, clampDelay(idleExitMs));
    slot.idleTimer.unref();
  }

  /** Ends one attempt; an idle worker may then start its idle countdown. */
  function end(slot: Slot, jobId: string, outcome: Parameters<typeof settle>[2]): void {
    if (settle(slot, jobId, outcome)) armIdle(slot);
  }

  function onMessage(slot: Slot, proc: WorkerProcess, raw: unknown): void {
    const parsed = FromWorkerMessage.safeParse(raw);
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
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.pid = proc.pid ?? msg.pid;
      slot.readyAt = Date.now();
      slot.state = 'idle';
      slot.settleFirst?.();
      slot.settleFirst = null;
      if (stopping) post(slot, { kind: 'shutdown' });
      else armIdle(slot);
      return;
    }
    if (msg.kind === 'log') {
      const jobId = msg.fields.jobId ?? slotInfo(slot).jobId;
      log[msg.level](msg.msg, { ...msg.fields, workerId: slot.id, pid, jobId });
      return;
    }
    const run = slot.running.get(msg.jobId);
    if (!run) {
      log.debug('late or stray worker message ignored', {
        workerId: slot.id,
        pid,
        kind: msg.kind,
        jobId: msg.jobId,
      });
      return;
    }
    if (msg.kind === 'started') {
      if (run.startedAt === null) armTimeout(slot, run);
      return;
    }
    if (msg.kind === 'progress') {
      opts.onProgress?.(msg.jobId, msg.done, msg.total);
      return;
    }
    if (run.cancelling) {
      end(slot, msg.jobId, (r) => failed(r, 'cancelled', `job ${r.task.jobId} cancelled`, pid));
    } else if (msg.kind === 'result') {
      end(slot, msg.jobId, (r) => ({ ok: true, result: msg.result, pid: pid ?? 0, ms: elapsed(r) }));
    } else if (msg.kind === 'error') {
      end(slot, msg.jobId, (r) => ({
        ok: false,
        reason: 'error',
        code: msg.code,
        message: msg.message,
        pid,
        ms: elapsed(r),
      }));
    } else {
      end(slot, msg.jobId, (r) => failed(r, 'cancelled', `job ${r.task.jobId} cancelled by the worker`, pid));
    }
  }

  function onExit(slot: Slot, proc: WorkerProcess | null, code: number | null, signal: string | null): void {
    clearSlotTimers(slot);
    const pid = slot.pid;
    const stderr = proc?.stderrTail?.() ?? '';
    const crash: 'oom' | 'crash' = looksLikeOom(stderr) ? 'oom' : 'crash';
    const reason = slot.killedFor ?? (stopping && code === 0 ? 'shutdown' : crash);
    slot.lastExit = { code, signal, reason, at: new Date().toISOString() };
    const expected = slot.killedFor !== null && slot.killedFor !== 'ready-timeout';
    const level = expected || stopping ? 'info' : 'warn';
    log[level]('worker exited', { workerId: slot.id, pid, code, signal, reason, tasks: slot.running.size });
    // Runs it held but had not started lose nothing: back to the front of the queue, in order. (A
    // worker says `started` before it runs a task; should a crash have lost that word, the first
    // it held counts as the one that was running.)
    const anyStarted = [...slot.running.values()].some((r) => r.startedAt !== null);
    const unstarted = takeUnstarted(slot);
    if (!anyStarted && !slot.killedFor && !stopping && code !== 0 && unstarted.length > 0) {
      const first = unstarted.shift()!;
      first.startedAt = first.queuedAt;
      slot.running.set(first.task.jobId, first);
    }
    if (stopping)
      for (const r of unstarted)
        r.resolve(failed(r, 'shutdown', `worker pool stopped; task ${r.task.task} not run`, null));
    else queue.unshift(...unstarted.map((r) => ({ task: r.task, resolve: r.resolve, queuedAt: r.queuedAt })));
    // Every attempt still running in the process ends with it.
    const cause = slot.killCause;
    settleAll(slot, (r) =>
      cause
        ? failed(
            r,
            'crash',
            `${cause}; ${r.task.task} (job ${r.task.jobId}) was running in the same process`,
            pid,
          )
        : failed(
            r,
            crash,
            `worker ${pid ?? '?'} died (code ${code}, signal ${signal}) while running ${r.task.task}`,
            pid,
          ),
    );
    slot.proc = null;
    slot.pid = null;
    slot.outbox = [];
    slot.retiring = false;
    for (const w of slot.exitWaiters.splice(0)) w();
    slot.settleFirst?.();
    slot.settleFirst = null;
    if (stopping) {
      slot.state = 'stopped';
      return;
    }
    if (slot.killedFor === 'idle') {
      slot.state = 'off';
      dispatch();
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
    if (unstarted.length > 0) dispatch();
  }

  /** The attempt has started in its process: its timeout runs from now. */
  function armTimeout(slot: Slot, run: Running): void {
    const { task } = run;
    run.startedAt = Date.now();
    run.timer = setTimeout(() => {
      const pid = slot.pid;
      const what = `task ${task.task} (job ${task.jobId}) ran past its ${task.timeoutMs} ms timeout`;
      end(slot, task.jobId, (r) => failed(r, 'timeout', `${what}; worker ${pid ?? '?'} killed`, pid));
      kill(slot, 'timeout', `worker ${pid ?? '?'} was killed because ${what}`);
    }, clampDelay(task.timeoutMs));
  }

  /** Hand a task to the slot's process, which starts it when it has room and says `started`. */
  function startTask(slot: Slot, next: Pending): void {
    const { task } = next;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const run: Running = {
      task,
      resolve: next.resolve,
      queuedAt: next.queuedAt,
      startedAt: null,
      timer: null,
      cancelTimer: null,
      cancelling: false,
    };
    slot.running.set(task.jobId, run);
    slot.state = 'busy';
    // Without tasks held ahead the process runs it at once: its timeout starts now.
    if (ahead === 0) armTimeout(slot, run);
    post(slot, {
      kind: 'run',
      jobId: task.jobId,
      task: task.task,
      payload: task.payload,
      deadline: Date.now() + task.timeoutMs,
      ...(ahead > 0
        ? {
            queue: {
              concurrency: perWorker,
              timeoutMs: task.timeoutMs,
              ...(task.group ? { group: task.group } : {}),
            },
          }
        : {}),
    });
  }

  const takes = (s: Slot, jobId: string): boolean => takesWork(s, jobId, holds);

  /**
   * Hand queued tasks to the least loaded ready process; start processes for what is left. A
   * source's tasks go beyond its limit only to the one process that holds all of them (it keeps to
   * the limit itself).
   */
  function dispatch(): void {
    if (stopping) return;
    let held = slots.reduce((n, s) => n + s.running.size, 0);
    const most = capacity + ahead * slots.length;
    let groups: GroupCounts | null = null;
    let ready = queue.length;
    for (let i = 0; i < queue.length && held < most;) {
      const task = queue[i]!.task;
      const group = task.group ? (groups ??= groupCounts(slots)).get(task.group.key) : undefined;
      const best = pickSlot(slots, task, group, perWorker, takes, ahead > 0);
      if (!best) {
        // No process has room: the rest waits (an end or a `ready` dispatches again).
        if (!(task.group && group && group.all >= task.group.limit)) break;
        // Its group is at its limit elsewhere: it waits for one of them to end.
        i++;
        ready--;
        continue;
      }
      startTask(best, queue.splice(i, 1)[0]!);
      if (task.group && groups) addGroup(groups, task.group.key, best.id);
      held++;
      ready--;
    }
    if (ready <= 0) return;
    const want = Math.min(ready, most - held);
    let room = slots.filter((s) => s.state === 'starting').length * perWorker;
    for (const s of slots) {
      if (room >= want) return;
      if (s.state !== 'off') continue;
      spawnSlot(s);
      room += perWorker;
    }
  }

  function start(): Promise<void> {
    started ??= Promise.all(
      slots.map((slot) =>
        slot.state !== 'off'
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              slot.settleFirst = resolve;
              spawnSlot(slot);
            }),
      ),
    ).then(() => undefined);
    return started;
  }

  return {
    capacity,
    start,
    flush,

    run(task) {
      return new Promise<WorkerOutcome>((resolve) => {
        const pending: Pending = { task, resolve, queuedAt: Date.now() };
        if (stopping) {
          resolve(failed(pending, 'shutdown', `worker pool is stopping; task ${task.task} not run`, null));
          return;
        }
        queue.push(pending);
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
      const slot = slots.find((s) => s.running.has(jobId));
      const run = slot?.running.get(jobId);
      if (!slot || !run || run.cancelling) return;
      run.cancelling = true;
      post(slot, { kind: 'cancel', jobId });
      run.cancelTimer = setTimeout(() => {
        const pid = slot.pid;
        const what = `job ${jobId} did not stop within ${cancelGraceMs} ms of cancel`;
        end(slot, jobId, (r) => failed(r, 'cancelled', `${what}; worker ${pid ?? '?'} killed`, pid));
        kill(slot, 'cancelled', `worker ${pid ?? '?'} was killed because ${what}`);
      }, cancelGraceMs);
    },

    workers: () => slots.map(slotInfo),

    stop(graceMs) {
      stopped ??= (async () => {
        stopping = true;
        for (const p of queue.splice(0))
          p.resolve(failed(p, 'shutdown', `worker pool stopped; task ${p.task.task} not run`, null));
        for (const slot of slots) {
          clearSlotTimers(slot);
          if (slot.proc) post(slot, { kind: 'shutdown' });
          else slot.state = 'stopped';
        }
        flush();
        const allExited = (): Promise<void> => Promise.all(slots.map(waitExit)).then(() => undefined);
        await within(allExited(), graceMs);
        for (const slot of slots) {
          if (!slot.proc) continue;
          const pid = slot.pid;
          settleAll(slot, (r) =>
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
