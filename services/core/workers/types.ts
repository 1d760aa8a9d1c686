import type { ErrorCode, FromWorker, ToWorker } from '../../contract';

/** One task handed to a worker process. */
export interface WorkerTask {
  jobId: string;
  task: string;
  payload: unknown;
  /** How long the worker may take before it is killed (the attempt then fails with TIMEOUT). */
  timeoutMs: number;
}

/** Why an attempt ended without a result. */
export type FailureReason = 'error' | 'crash' | 'timeout' | 'oom' | 'cancelled' | 'shutdown';

export type WorkerOutcome =
  | { ok: true; result: unknown; pid: number; ms: number }
  | { ok: false; reason: FailureReason; code: ErrorCode; message: string; pid: number | null; ms: number };

export interface WorkerInfo {
  id: number;
  pid: number | null;
  state: 'starting' | 'idle' | 'busy' | 'restarting' | 'stopped';
  jobId: string | null;
  restarts: number;
  lastExit: { code: number | null; signal: string | null; reason: string; at: string } | null;
}

/**
 * Runs tasks in separate processes. The same interface is served by `child_process.fork` (headless)
 * and Electron's `utilityProcess` (desktop); the main process never runs task code itself.
 */
export interface WorkerSupervisor {
  start(): Promise<void>;
  /** Resolves when the task ends, however it ends; never rejects. */
  run(task: WorkerTask): Promise<WorkerOutcome>;
  /** Tell the worker running `jobId` to stop; its `run` then resolves with reason `cancelled`. */
  cancel(jobId: string): void;
  workers(): WorkerInfo[];
  /** Stop every worker; tasks still running after `graceMs` are killed and resolve with `shutdown`. */
  stop(graceMs: number): Promise<void>;
}

/** A spawned worker process, as either kind of process exposes it. */
export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(cb: (message: unknown) => void): void;
  onExit(cb: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /** The last few KB the child wrote to stderr (read at exit to tell an out-of-memory death from a crash). */
  stderrTail?(): string;
}

export type SpawnWorker = (opts: { maxOldSpaceMb: number }) => WorkerProcess;

export type { FromWorker, ToWorker };
