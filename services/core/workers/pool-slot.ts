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
  size: number;
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

/** A `run` call a worker is working on. */
export interface Running extends Pending {
  startedAt: number;
  timer: NodeJS.Timeout;
  cancelTimer: NodeJS.Timeout | null;
  cancelling: boolean;
}

/** Why the supervisor itself ended a worker (null: it exited on its own). */
export type KillReason = 'timeout' | 'cancelled' | 'shutdown' | 'ready-timeout';

/** One place in the pool; its process is replaced whenever it dies. */
export interface Slot {
  id: number;
  proc: WorkerProcess | null;
  pid: number | null;
  state: WorkerInfo['state'];
  running: Running | null;
  restarts: number;
  /** Consecutive unexpected exits; drives the backoff. */
  failures: number;
  readyAt: number | null;
  lastExit: WorkerInfo['lastExit'];
  /** The restart or ready-timeout timer. */
  timer: NodeJS.Timeout | null;
  killedFor: KillReason | null;
  exitWaiters: (() => void)[];
  /** Resolves start()'s wait for this slot: its first `ready`, or its first attempt failing. */
  settleFirst: (() => void) | null;
}

export function newSlot(id: number): Slot {
  return {
    id,
    proc: null,
    pid: null,
    state: 'stopped',
    running: null,
    restarts: 0,
    failures: 0,
    readyAt: null,
    lastExit: null,
    timer: null,
    killedFor: null,
    exitWaiters: [],
    settleFirst: null,
  };
}

export function slotInfo(s: Slot): WorkerInfo {
  return {
    id: s.id,
    pid: s.pid,
    state: s.state,
    jobId: s.running?.task.jobId ?? null,
    restarts: s.restarts,
    lastExit: s.lastExit,
  };
}

export function clearSlotTimer(slot: Slot): void {
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
}

/** Resolves once the slot's current process has exited (at once if it has none). */
export function waitExit(slot: Slot): Promise<void> {
  if (!slot.proc) return Promise.resolve();
  return new Promise((resolve) => slot.exitWaiters.push(resolve));
}

/** How long the attempt took (or the wait, when it never started). */
export function elapsed(p: Pending | Running): number {
  return Date.now() - ('startedAt' in p ? p.startedAt : p.queuedAt);
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

/** Ends the slot's current attempt with `outcome`; the worker stays as it is. */
export function settle(slot: Slot, outcome: (run: Running) => WorkerOutcome): void {
  const run = slot.running;
  if (!run) return;
  clearTimeout(run.timer);
  if (run.cancelTimer) clearTimeout(run.cancelTimer);
  slot.running = null;
  if (slot.state === 'busy') slot.state = 'idle';
  run.resolve(outcome(run));
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
