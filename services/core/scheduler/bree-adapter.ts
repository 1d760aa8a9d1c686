import Bree from 'bree';
import type { Logger } from '../logging/logger';
import type { ScheduleConfig } from './schedules';

/**
 * The worker bree starts each time a schedule comes due. It does no work: it hands its workerData
 * (which carries the schedule id) back to the main thread and exits; the scheduler decides whether
 * to fire. It is inline plain JS (bree runs a job path that is not a file path as `eval` code)
 * rather than a `.mjs` file: no TypeScript loader needed, nothing to copy next to a bundled build,
 * and nothing for the type-aware linter to choke on.
 */
export const FIRE_JOB_CODE =
  "const { parentPort, workerData } = require('node:worker_threads'); parentPort.postMessage(workerData);";

export interface BreeAdapterOptions {
  log: Logger;
  /** A worker file to run instead of FIRE_JOB_CODE (it must post its workerData back). */
  workerPath?: string;
  /** Called with the schedule id whenever bree's timer for it fires (from the worker's message). */
  onTick: (scheduleId: string) => void;
  /** Test-only: a fixed interval in ms instead of the cron. */
  intervalMs?: number;
}

/** A bree instance with no jobs directory: one job per schedule, added and removed by id. */
export function createBree(opts: BreeAdapterOptions): Bree {
  return new Bree({
    root: false,
    doRootCheck: false,
    jobs: [],
    logger: breeLogger(opts.log),
    errorHandler: (error, data) =>
      opts.log.error('scheduler worker failed', { scheduleId: data.name, err: error }),
    workerMessageHandler: (data) => {
      const id = scheduleIdOf(data.message);
      if (id !== data.name) {
        opts.log.warn('scheduler worker sent an unexpected message', { scheduleId: data.name });
        return;
      }
      opts.onTick(id);
    },
  });
}

export function breeJob(s: ScheduleConfig, opts: BreeAdapterOptions): Bree.JobOptions {
  const timing = opts.intervalMs !== undefined ? { interval: opts.intervalMs } : { cron: s.cron };
  return {
    name: s.id,
    path: opts.workerPath ?? FIRE_JOB_CODE,
    ...timing,
    timezone: s.timezone,
    worker: { workerData: { scheduleId: s.id } },
  };
}

function scheduleIdOf(message: unknown): string | null {
  if (typeof message !== 'object' || message === null || !('scheduleId' in message)) return null;
  return typeof message.scheduleId === 'string' ? message.scheduleId : null;
}

/** Bree's own chatter (worker online/exited) goes to debug; its warnings and errors keep their level. */
function breeLogger(log: Logger): Bree.BreeLogger {
  const split = (args: unknown[]): [string, Record<string, unknown>] => {
    const [first, meta] = args;
    const fields: Record<string, unknown> = typeof meta === 'object' && meta !== null ? { bree: meta } : {};
    if (first instanceof Error) return [first.message, { ...fields, err: first }];
    return [typeof first === 'string' ? first : JSON.stringify(first), fields];
  };
  return {
    info: (...args: unknown[]) => log.debug(...split(args)),
    warn: (...args: unknown[]) => log.warn(...split(args)),
    error: (...args: unknown[]) => log.error(...split(args)),
  };
}
