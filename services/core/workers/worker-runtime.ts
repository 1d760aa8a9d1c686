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

  async function execute(msg: Extract<ToWorkerMessage, { kind: 'run' }>): Promise<void> {
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
      if (shuttingDown && running.size === 0) exit();
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
    if (msg.kind === 'run') void execute(msg);
    else if (msg.kind === 'cancel') running.get(msg.jobId)?.abort();
    else {
      shuttingDown = true;
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
