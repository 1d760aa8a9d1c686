import type { ErrorCode, FromWorker, ToWorker } from '../../contract';

/** One task handed to a worker process. */
export interface WorkerTask {
  jobId: string;
  task: string;
  payload: unknown;
  /** How long the worker may take before it is killed (the attempt then fails with TIMEOUT). */
  timeoutMs: number;
  /**
   * Tasks of one group (a source) run at most `limit` at once; more wait in the pool's queue. The
   * dispatcher may claim a source's jobs ahead of a free slot, so the limit is kept here.
   */
  group?: { key: string; limit: number };
}

/** Why an attempt ended without a result. */
export type FailureReason = 'error' | 'crash' | 'timeout' | 'oom' | 'cancelled' | 'shutdown';

export type WorkerOutcome =
  | { ok: true; result: unknown; pid: number; ms: number }
  | { ok: false; reason: FailureReason; code: ErrorCode; message: string; pid: number | null; ms: number };

export interface WorkerInfo {
  id: number;
  pid: number | null;
  /**
   * `off`: no process (none needed yet, or it exited after being idle); one starts when work comes.
   * `busy`: running at least one task (it may still have room for more).
   */
  state: 'off' | 'starting' | 'idle' | 'busy' | 'restarting' | 'stopped';
  /** The first of the jobs it is running (null when idle). */
  jobId: string | null;
  /** Every job it is running. */
  jobIds: string[];
  restarts: number;
  lastExit: { code: number | null; signal: string | null; reason: string; at: string } | null;
}

/**
 * Runs tasks in separate processes. The same interface is served by `child_process.fork` (headless)
 * and Electron's `utilityProcess` (desktop); the main process never runs task code itself.
 */
export interface WorkerSupervisor {
  /** Tasks it runs at once: processes × tasks per process. */
  readonly capacity: number;
  /** Start every process now (a warm pool). Without it, processes start when tasks come. */
  start(): Promise<void>;
  /** Resolves when the task ends, however it ends; never rejects. */
  run(task: WorkerTask): Promise<WorkerOutcome>;
  /** Tell the worker running `jobId` to stop; its `run` then resolves with reason `cancelled`. */
  cancel(jobId: string): void;
  workers(): WorkerInfo[];
  /** Send the messages queued so far now (they go by themselves at the end of the current turn). */
  flush(): void;
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
