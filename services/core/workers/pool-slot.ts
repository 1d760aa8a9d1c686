import type { ToWorkerMessage } from '../../contract/worker-envelope';
import { failureCode } from './failures';
import type { Logger } from '../logging/logger';
import type {
  FailureReason,
  SpawnWorker,
  WorkerInfo,
  WorkerOutcome,
  WorkerProcess,
  WorkerTask,
} from './types';

export interface SupervisorOptions {
  spawn: SpawnWorker;
  /** Worker processes at most. */
  size: number;
  /**
   * Tasks one process runs at once (default 1). Several tasks share a process to save the cost of
   * more processes than cores; the price is that a process that dies (crash, out of memory, or
   * killed over one task's timeout or ignored cancel) fails every attempt it was running.
   */
  tasksPerWorker?: number;
  /** Tasks running at once over the whole pool (default size × tasksPerWorker). */
  capacity?: number;
  /**
   * Tasks a process may hold beyond those it runs, queued in the process, which starts the next at
   * once when one ends (no round trip through this process). Default 4 for processes of one task
   * (C=1 gains most: +55% jobs/s in bench/queue), 0 for several (with five in flight a round trip
   * hides behind the others, and the `started` words cost more than they save: −20% at C=10);
   * always 0 when the capacity is less than size × tasksPerWorker (the processes could not keep to it).
   */
  aheadPerWorker?: number;
  /** A process with no task for this long exits; the next task starts a new one (default: never). */
  idleExitMs?: number | null;
  /** V8 old-space limit per worker, in MB (default 1024). */
  maxOldSpaceMb?: number;
  /** Restart delay after unexpected exits: doubles per consecutive failure (default 100 ms → 10 s). */
  restartBackoffMs?: { initial: number; max: number };
  /** A worker that stayed up this long after `ready` restarts its backoff from scratch (default 30 s). */
  healthyAfterMs?: number;
  /** A worker that has not sent `ready` by then is killed and restarted (default 15 s). */
  readyTimeoutMs?: number;
  /** How long a cancelled task may take to answer before its worker is killed (default 2 s). */
  cancelGraceMs?: number;
  onProgress?: (jobId: string, done: number, total?: number) => void;
  log?: Logger;
}

/** A `run` call waiting for a worker. */
export interface Pending {
  task: WorkerTask;
  resolve: (outcome: WorkerOutcome) => void;
  queuedAt: number;
}

/** A `run` call a worker holds: started (`startedAt`), or waiting in its queue (null). */
export interface Running extends Pending {
  startedAt: number | null;
  timer: NodeJS.Timeout | null;
  cancelTimer: NodeJS.Timeout | null;
  cancelling: boolean;
}

/** Why the supervisor itself ended a worker (null: it exited on its own). */
export type KillReason = 'timeout' | 'cancelled' | 'shutdown' | 'ready-timeout' | 'idle';

/** One place in the pool; it holds a process while there is work, and none otherwise. */
export interface Slot {
  id: number;
  proc: WorkerProcess | null;
  pid: number | null;
  state: WorkerInfo['state'];
  /** The attempts its process is running, by job id. */
  running: Map<string, Running>;
  restarts: number;
  /** Consecutive unexpected exits; drives the backoff. */
  failures: number;
  readyAt: number | null;
  lastExit: WorkerInfo['lastExit'];
  /** The restart, ready-timeout or retire timer. */
  timer: NodeJS.Timeout | null;
  /** Ends the process after it has been idle for a while. */
  idleTimer: NodeJS.Timeout | null;
  killedFor: KillReason | null;
  /** Why it was killed, for the other attempts the kill ends. */
  killCause: string | null;
  /** Told to exit (idle): takes no more tasks. */
  retiring: boolean;
  /** Messages waiting for the end of this turn, sent as one batch. */
  outbox: ToWorkerMessage[];
  exitWaiters: (() => void)[];
  /** Resolves start()'s wait for this slot: its first `ready`, or its first attempt failing. */
  settleFirst: (() => void) | null;
}

export function newSlot(id: number): Slot {
  return {
    id,
    proc: null,
    pid: null,
    state: 'off',
    running: new Map(),
    restarts: 0,
    failures: 0,
    readyAt: null,
    lastExit: null,
    timer: null,
    idleTimer: null,
    killedFor: null,
    killCause: null,
    retiring: false,
    outbox: [],
    exitWaiters: [],
    settleFirst: null,
  };
}

export function slotInfo(s: Slot): WorkerInfo {
  const jobIds = [...s.running.values()].filter((r) => r.startedAt !== null).map((r) => r.task.jobId);
  return {
    id: s.id,
    pid: s.pid,
    state: s.state,
    jobId: jobIds[0] ?? null,
    jobIds,
    restarts: s.restarts,
    lastExit: s.lastExit,
  };
}

export function clearSlotTimers(slot: Slot): void {
  if (slot.timer) clearTimeout(slot.timer);
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.timer = null;
  slot.idleTimer = null;
}

/** Resolves once the slot's current process has exited (at once if it has none). */
export function waitExit(slot: Slot): Promise<void> {
  if (!slot.proc) return Promise.resolve();
  return new Promise((resolve) => slot.exitWaiters.push(resolve));
}

/** How long the attempt took (or the wait, when it never started). */
export function elapsed(p: Pending | Running): number {
  return Date.now() - ('startedAt' in p && p.startedAt !== null ? p.startedAt : p.queuedAt);
}

/** The outcome of an attempt the supervisor ended (worker-reported errors carry their own code). */
export function failed(
  p: Pending | Running,
  reason: Exclude<FailureReason, 'error'>,
  message: string,
  pid: number | null,
): WorkerOutcome {
  return { ok: false, reason, code: failureCode(reason), message, pid, ms: elapsed(p) };
}

/** Ends one attempt of the slot with `outcome`; the worker stays as it is. False if it was not running. */
export function settle(slot: Slot, jobId: string, outcome: (run: Running) => WorkerOutcome): boolean {
  const run = slot.running.get(jobId);
  if (!run) return false;
  if (run.timer) clearTimeout(run.timer);
  if (run.cancelTimer) clearTimeout(run.cancelTimer);
  slot.running.delete(jobId);
  if (slot.state === 'busy' && slot.running.size === 0) slot.state = 'idle';
  run.resolve(outcome(run));
  return true;
}

/** Takes the runs its process held but had not started, in the order they were sent. */
export function takeUnstarted(slot: Slot): Running[] {
  const out: Running[] = [];
  for (const [jobId, r] of slot.running)
    if (r.startedAt === null) {
      if (r.cancelTimer) clearTimeout(r.cancelTimer);
      slot.running.delete(jobId);
      out.push(r);
    }
  return out;
}

/** Ends every attempt of the slot (its process is gone or going). */
export function settleAll(slot: Slot, outcome: (run: Running) => WorkerOutcome): void {
  for (const jobId of [...slot.running.keys()]) settle(slot, jobId, outcome);
}

/** Waits for `p`, but no longer than `ms` (the timer is cleared either way). */
export async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((r) => (timer = setTimeout(r, ms)));
  try {
    await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** setTimeout fires at once for delays past 2^31-1 ms; clamp instead. */
export const clampDelay = (ms: number): number => Math.max(0, Math.min(ms, 2_147_483_647));
