import { z } from 'zod';
import { ErrorCode } from './errors';

/**
 * Messages between the main process and a worker process (utilityProcess or child_process.fork).
 * Both sides parse what they receive with these schemas; a message that does not parse is a logged
 * protocol error, never a crash.
 */
export const ToWorker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('run'),
    jobId: z.string(),
    /** What to run: a task name the worker knows (e.g. `selftest.noop`, `cotahist.download`). */
    task: z.string(),
    payload: z.unknown(),
    /** Epoch ms by which the worker must answer; the supervisor kills it after that. */
    deadline: z.number(),
  }),
  z.object({ kind: z.literal('cancel'), jobId: z.string() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const FromWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.number().int() }),
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
export type FromWorker = z.infer<typeof FromWorker>;
