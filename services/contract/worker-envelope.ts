import { z } from 'zod';
import { ErrorCode } from './errors';

/**
 * Messages between the main process and a worker process (utilityProcess or child_process.fork).
 * Both sides parse what they receive with these schemas; a message that does not parse is a logged
 * protocol error, never a crash.
 *
 * A worker runs several tasks at once, so messages travel in batches: everything one side has to say
 * in one turn of its event loop (the runs a dispatcher tick starts, the results of the tasks that
 * ended) goes as one `batch` message, one IPC write instead of one per task. Each message of a batch
 * is parsed on its own: one that does not parse is dropped, the others are still handled.
 */
export const ToWorkerMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('run'),
    jobId: z.string(),
    /** What to run: a task name the worker knows (e.g. `selftest.noop`, `cotahist.download`). */
    task: z.string(),
    payload: z.unknown(),
    /** Epoch ms by which the worker must answer; the supervisor kills it after that. */
    deadline: z.number(),
    /**
     * Queued in the worker: it runs at most `queue.concurrency` tasks at once and `queue.limit` of
     * the task's group, starts this one when there is room (FIFO), says `started` then, and counts
     * `timeoutMs` from there. Absent: run at once (`deadline` holds).
     */
    queue: z
      .object({
        concurrency: z.number().int().positive(),
        timeoutMs: z.number().positive(),
        group: z.object({ key: z.string(), limit: z.number().int().positive() }).optional(),
      })
      .optional(),
  }),
  z.object({ kind: z.literal('cancel'), jobId: z.string() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type ToWorkerMessage = z.infer<typeof ToWorkerMessage>;

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const FromWorkerMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.number().int() }),
  /** A task that waited in the worker's queue has started (its timeout runs from now). */
  z.object({ kind: z.literal('started'), jobId: z.string() }),
  z.object({ kind: z.literal('result'), jobId: z.string(), result: z.unknown() }),
  z.object({ kind: z.literal('error'), jobId: z.string(), code: ErrorCode, message: z.string() }),
  z.object({ kind: z.literal('cancelled'), jobId: z.string() }),
  z.object({
    kind: z.literal('progress'),
    jobId: z.string(),
    done: z.number(),
    total: z.number().optional(),
  }),
  z.object({
    kind: z.literal('log'),
    level: LogLevelSchema,
    msg: z.string(),
    fields: z.record(z.string(), z.unknown()).default({}),
  }),
]);
export type FromWorkerMessage = z.infer<typeof FromWorkerMessage>;

/** What goes over the wire: one message, or several in order. */
export const ToWorker = z.union([
  ToWorkerMessage,
  z.object({ kind: z.literal('batch'), messages: z.array(ToWorkerMessage) }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const FromWorker = z.union([
  FromWorkerMessage,
  z.object({ kind: z.literal('batch'), messages: z.array(FromWorkerMessage) }),
]);
export type FromWorker = z.infer<typeof FromWorker>;

/** The messages a wire value carries (a batch's, in order, or the value itself), not yet parsed. */
export function unbatch(raw: unknown): unknown[] {
  if (typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'batch') {
    const messages = (raw as { messages?: unknown }).messages;
    return Array.isArray(messages) ? messages : [raw];
  }
  return [raw];
}

/** One wire value for a list of messages: the message itself when there is only one. */
export function batchOf<M extends { kind: string }>(messages: M[]): M | { kind: 'batch'; messages: M[] } {
  return messages.length === 1 ? messages[0]! : { kind: 'batch', messages };
}
