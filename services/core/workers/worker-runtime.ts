import { isAppError } from '../../contract/errors';
import { LazyAbort } from './lazy-abort';
import {
  ToWorkerMessage,
  batchOf,
  unbatch,
  type FromWorker,
  type FromWorkerMessage,
} from '../../contract/worker-envelope';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface TaskContext {
  /** Aborted when the supervisor cancels this job. */
  signal: AbortSignal;
  jobId: string;
  /** Epoch ms after which the supervisor kills the worker. */
  deadline: number;
  progress(done: number, total?: number): void;
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

export type TaskFn = (payload: unknown, ctx: TaskContext) => Promise<unknown>;
export type TaskTable = Record<string, TaskFn>;

/** Electron's utilityProcess side of the channel (typed here so services/ never imports electron). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Channel {
  send(message: FromWorker): void;
  /** Resolves once everything sent so far has left this process. */
  drained(): Promise<void>;
  onMessage(cb: (message: unknown) => void): void;
  onClose(cb: () => void): void;
}

function openChannel(): Channel {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      drained: () => Promise.resolve(),
      onMessage: (cb) => parentPort.on('message', (e) => cb(e.data)),
      // Electron ends utility processes together with the main process; nothing to watch.
      onClose: () => undefined,
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('runWorker: no IPC channel (start this file with fork or utilityProcess)');
  return {
    send: (message) => {
      if (process.connected) send(message);
    },
    // Writes leave in order: once an empty batch sent now has gone, everything before it has too.
    drained: () =>
      new Promise((resolve) => {
        if (!process.connected) return resolve();
        send({ kind: 'batch', messages: [] }, undefined, {}, () => resolve());
      }),
    onMessage: (cb) => process.on('message', cb),
    onClose: (cb) => process.once('disconnect', cb),
  };
}

/**
 * Runs inside a worker process: answers the supervisor's `run`/`cancel`/`shutdown` messages. Several
 * tasks may run at once; what they say (results, errors, progress, logs) is sent once per turn of the
 * event loop, as one batch.
 */
export function runWorker(tasks: TaskTable): void {
  const channel = openChannel();
  const running = new Map<string, LazyAbort>();
  type RunMsg = Extract<ToWorkerMessage, { kind: 'run' }>;
  /** Runs the supervisor sent ahead, waiting for room (FIFO); and the groups of those running. */
  const waiting: RunMsg[] = [];
  const groupOf = new Map<string, string>();
  const groupRunning = new Map<string, number>();
  let outbox: FromWorkerMessage[] = [];
  let flushQueued = false;
  let shuttingDown = false;
  let exiting = false;

  const flush = (): void => {
    flushQueued = false;
    if (outbox.length === 0) return;
    const messages = outbox;
    outbox = [];
    channel.send(batchOf(messages));
  };

  const send = (message: FromWorkerMessage): void => {
    outbox.push(message);
    if (!flushQueued) {
      flushQueued = true;
      // Once the callbacks of this turn are done: the tasks that ended in it go in one batch.
      queueMicrotask(flush);
    }
  };

  const exit = (): void => {
    if (exiting) return;
    exiting = true;
    flush();
    void channel.drained().then(() => process.exit(0));
  };

  const hasRoom = (msg: RunMsg, starting: RunMsg[]): boolean => {
    const g = msg.queue?.group;
    if (!g) return true;
    const alsoStarting = starting.filter((m) => m.queue?.group?.key === g.key).length;
    return (groupRunning.get(g.key) ?? 0) + alsoStarting < g.limit;
  };

  /**
   * Start the waiting runs that have room now, in order (one of a full group lets later ones by).
   * Their `started` goes out before they run, so a task that kills the process is known as started.
   */
  const pump = (): void => {
    const starting: RunMsg[] = [];
    for (let i = 0; i < waiting.length;) {
      const msg = waiting[i]!;
      if (running.size + starting.length >= (msg.queue?.concurrency ?? Infinity)) break;
      if (!hasRoom(msg, starting)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      starting.push(msg);
      send({ kind: 'started', jobId: msg.jobId });
    }
    if (starting.length === 0) return;
    flush();
    for (const msg of starting) void execute({ ...msg, deadline: Date.now() + (msg.queue?.timeoutMs ?? 0) });
  };

  async function execute(msg: RunMsg): Promise<void> {
    const { jobId } = msg;
    const fn = Object.hasOwn(tasks, msg.task) ? tasks[msg.task] : undefined;
    if (!fn) {
      send({ kind: 'error', jobId, code: 'INVALID_INPUT', message: `unknown task ${msg.task}` });
      return;
    }
    if (shuttingDown) {
      send({
        kind: 'error',
        jobId,
        code: 'UNAVAILABLE',
        message: `worker is shutting down; ${msg.task} not run`,
      });
      return;
    }
    const controller = new LazyAbort();
    running.set(jobId, controller);
    const group = msg.queue?.group?.key;
    if (group) {
      groupOf.set(jobId, group);
      groupRunning.set(group, (groupRunning.get(group) ?? 0) + 1);
    }
    const ctx: TaskContext = {
      get signal() {
        return controller.signal;
      },
      jobId,
      deadline: msg.deadline,
      progress: (done, total) =>
        send({ kind: 'progress', jobId, done, ...(total === undefined ? {} : { total }) }),
      log: (level, text, fields = {}) =>
        send({ kind: 'log', level, msg: text, fields: { ...fields, jobId } }),
    };
    try {
      const result = await fn(msg.payload, ctx);
      send(controller.aborted ? { kind: 'cancelled', jobId } : { kind: 'result', jobId, result });
    } catch (error) {
      if (controller.aborted) send({ kind: 'cancelled', jobId });
      else if (isAppError(error)) send({ kind: 'error', jobId, code: error.code, message: error.message });
      else
        send({
          kind: 'error',
          jobId,
          code: 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        });
    } finally {
      running.delete(jobId);
      const g = groupOf.get(jobId);
      if (g !== undefined) {
        groupOf.delete(jobId);
        groupRunning.set(g, (groupRunning.get(g) ?? 1) - 1);
      }
      if (shuttingDown && running.size === 0) exit();
      else pump();
    }
  }

  const handle = (raw: unknown): void => {
    const parsed = ToWorkerMessage.safeParse(raw);
    if (!parsed.success) {
      send({
        kind: 'log',
        level: 'warn',
        msg: 'worker protocol error: message ignored',
        fields: { error: parsed.error.message },
      });
      return;
    }
    const msg = parsed.data;
    if (msg.kind === 'run') {
      if (!msg.queue) void execute(msg);
      else {
        waiting.push(msg);
        pump();
      }
    } else if (msg.kind === 'cancel') {
      const at = waiting.findIndex((w) => w.jobId === msg.jobId);
      if (at >= 0) {
        waiting.splice(at, 1);
        send({ kind: 'cancelled', jobId: msg.jobId });
      } else running.get(msg.jobId)?.abort();
    } else {
      // Runs still waiting are not started: the supervisor gives them back to its queue (or to the
      // job runner, which returns them to pending) when this process exits.
      shuttingDown = true;
      waiting.length = 0;
      if (running.size === 0) exit();
    }
  };

  channel.onMessage((raw) => {
    for (const one of unbatch(raw)) handle(one);
  });
  // The parent died or closed the channel: nobody is left to answer to.
  channel.onClose(() => process.exit(0));
  send({ kind: 'ready', pid: process.pid });
  flush();
}
