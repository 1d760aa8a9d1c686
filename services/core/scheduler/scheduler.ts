import type Bree from 'bree';
import { createLogger, type Logger } from '../logging/logger';
import { b3NonTradingReason } from './b3-calendar';
import { breeJob, createBree, type BreeAdapterOptions } from './bree-adapter';
import { nextRuns, previousRun } from './next-runs';
import { ScheduleConfig, scheduleProblems, type SchedulePatch } from './schedules';

export interface LastRunStore {
  get(id: string): Date | null;
  set(id: string, at: Date): void;
  /** Record the first start's baseline (not a run); defaults to `set`. */
  setBaseline?(id: string, at: Date): void;
}

export interface SchedulerOptions {
  schedules: ScheduleConfig[];
  /** Called when a schedule fires; expected to enqueue jobs quickly, not to do the work. */
  onFire: (s: ScheduleConfig, firedAt: Date) => void | Promise<void>;
  lastRuns: LastRunStore;
  now?: () => Date;
  log?: Logger;
  /** When given, `update` rejects source ids outside it (loadSchedules already checked the initial ones). */
  knownSources?: ReadonlySet<string>;
  /** A worker file for bree to run instead of the inline one (see FIRE_JOB_CODE). */
  workerPath?: string;
  /** Test-only: fire every N ms instead of following the cron. */
  testIntervalMs?: number;
}

export interface ScheduleStatus {
  id: string;
  name: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ScheduleStatus[];
  list(): ScheduleConfig[];
  setEnabled(id: string, enabled: boolean): Promise<ScheduleConfig>;
  update(id: string, patch: SchedulePatch): Promise<ScheduleConfig>;
}

type FireReason = 'cron' | 'missed';

/**
 * Cron timing by bree (one job per enabled schedule, each firing a tiny worker that reports back);
 * the decision to fire — enabled, B3 trading day — and the bookkeeping happen here.
 *
 * Missed runs: at start, an enabled schedule with `runMissedOnStart` whose latest due time (on a
 * trading day when `tradingDaysOnly`) is after its last run fires once. A schedule that has never
 * run (no last run) does not: its first start records "now" as the baseline.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const log = opts.log ?? createLogger('scheduler');
  const now = opts.now ?? (() => new Date());
  const byId = new Map<string, ScheduleConfig>();
  for (const s of opts.schedules) {
    if (byId.has(s.id)) throw new Error(`duplicate schedule id "${s.id}"`);
    byId.set(s.id, { ...s });
  }
  const adapter: BreeAdapterOptions = {
    log,
    workerPath: opts.workerPath,
    intervalMs: opts.testIntervalMs,
    // A worker message that arrives after stop() is ignored.
    onTick: (id) => void (bree ? fire(id, 'cron') : undefined),
  };
  let bree: Bree | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  /** Start, stop and edits run one at a time so bree never sees interleaved add/remove. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  };

  async function fire(id: string, reason: FireReason): Promise<void> {
    const s = byId.get(id);
    if (!s?.enabled) return;
    const firedAt = now();
    const fields = { scheduleId: id, reason };
    if (s.tradingDaysOnly) {
      const closed = b3NonTradingReason(firedAt);
      if (closed !== null) {
        log.info('schedule skipped: not a B3 trading day', { ...fields, holiday: closed });
        return;
      }
    }
    try {
      await opts.onFire(s, firedAt);
      opts.lastRuns.set(id, firedAt);
      log.info('schedule fired', fields);
    } catch (err) {
      log.error('schedule fire failed', { ...fields, err });
    }
  }

  function missedRuns(): string[] {
    const at = now();
    const due: string[] = [];
    for (const s of byId.values()) {
      if (!s.enabled || !s.runMissedOnStart) continue;
      const last = opts.lastRuns.get(s.id);
      if (last === null) {
        (opts.lastRuns.setBaseline ?? opts.lastRuns.set).call(opts.lastRuns, s.id, at);
        continue;
      }
      const prev = previousRun(s.cron, s.timezone, at, { tradingDaysOnly: s.tradingDaysOnly });
      if (prev !== null && prev.getTime() > last.getTime()) due.push(s.id);
    }
    return due;
  }

  async function schedule(b: Bree, s: ScheduleConfig): Promise<void> {
    await b.add(breeJob(s, adapter));
    await b.start(s.id);
  }

  async function unschedule(b: Bree, id: string): Promise<void> {
    if (b.config.jobs.some((j) => j.name === id)) await b.remove(id);
  }

  return {
    start: () =>
      serial(async () => {
        if (bree) return;
        const b = createBree(adapter);
        bree = b;
        for (const s of byId.values()) if (s.enabled) await schedule(b, s);
        const missed = missedRuns();
        if (missed.length > 0) log.info('running schedules missed while closed', { scheduleIds: missed });
        await Promise.all(missed.map((id) => fire(id, 'missed')));
      }),
    stop: () =>
      serial(async () => {
        const b = bree;
        bree = null;
        if (!b) return;
        await Promise.all(b.config.jobs.map((j) => b.stop(j.name)));
      }),
    status: () =>
      [...byId.values()].map((s) => {
        const next = s.enabled
          ? nextRuns(s.cron, s.timezone, now(), 1, { tradingDaysOnly: s.tradingDaysOnly })[0]
          : undefined;
        return {
          id: s.id,
          name: s.name,
          enabled: s.enabled,
          nextRunAt: next?.toISOString() ?? null,
          lastRunAt: opts.lastRuns.get(s.id)?.toISOString() ?? null,
        };
      }),
    list: () => [...byId.values()].map((s) => ({ ...s })),
    setEnabled: (id, enabled) => update(id, { enabled }),
    update: (id, patch) => update(id, patch),
  };

  function update(id: string, patch: SchedulePatch): Promise<ScheduleConfig> {
    return serial(async () => {
      const current = byId.get(id);
      if (!current) throw new Error(`unknown schedule id "${id}"`);
      const next = ScheduleConfig.parse({ ...current, ...patch, id });
      const problems = scheduleProblems(next, opts.knownSources);
      if (problems.length > 0) throw new Error(`schedule "${id}": ${problems.join('; ')}`);
      byId.set(id, next);
      if (bree) {
        await unschedule(bree, id);
        if (next.enabled) await schedule(bree, next);
      }
      log.info('schedule updated', { scheduleId: id, enabled: next.enabled });
      return { ...next };
    });
  }
}
