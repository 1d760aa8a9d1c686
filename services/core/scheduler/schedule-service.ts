import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, type ComponentHealth, type Schedule } from '../../contract';
import type { JobQueue } from '../jobs/job-service';
import { KNOWN_SOURCE_IDS } from '../jobs/source-catalogue';
import type { Logger } from '../logging/logger';
import type { Component } from '../orchestrator';
import type { StateDb } from '../storage/state';
import { nextRuns } from './next-runs';
import { createScheduler, type LastRunStore, type Scheduler } from './scheduler';
import {
  loadSchedules,
  ScheduleConfig,
  scheduleProblems,
  type ScheduleLoadError,
  type SchedulePatch,
} from './schedules';

/** Last runs of schedules, kept in the state database; a first start's baseline is not a run. */
function lastRunStore(db: StateDb): LastRunStore & { lastFired(id: string): Date | null } {
  const write = (id: string, at: Date, fired: number): void => {
    db.prepare(
      `INSERT INTO schedule_runs (schedule_id, last_run_at, fired) VALUES (?, ?, ?)
       ON CONFLICT (schedule_id) DO UPDATE SET last_run_at = excluded.last_run_at, fired = excluded.fired`,
    ).run(id, at.getTime(), fired);
  };
  const row = (id: string): { last_run_at: number; fired: number } | undefined =>
    db.prepare('SELECT last_run_at, fired FROM schedule_runs WHERE schedule_id = ?').get(id) as
      { last_run_at: number; fired: number } | undefined;
  return {
    get: (id) => {
      const r = row(id);
      return r ? new Date(r.last_run_at) : null;
    },
    set: (id, at) => write(id, at, 1),
    setBaseline: (id, at) => write(id, at, 0),
    lastFired: (id) => {
      const r = row(id);
      return r?.fired ? new Date(r.last_run_at) : null;
    },
  };
}

function readOverrides(db: StateDb): Map<string, SchedulePatch> {
  const rows = db.prepare('SELECT schedule_id, patch FROM schedule_overrides').all() as Array<{
    schedule_id: string;
    patch: string;
  }>;
  return new Map(rows.map((r) => [r.schedule_id, JSON.parse(r.patch) as SchedulePatch]));
}

export interface ScheduleServiceOptions {
  db: StateDb;
  resourcesDir: string;
  jobs: () => JobQueue | undefined;
  /** Sources this build can run; schedules naming others queue nothing for them (and say so). */
  available: ReadonlySet<string>;
  log: Logger;
  /** Compute and show the schedules but queue nothing when they fire (tests; `serve --pause-schedules`). */
  paused?: boolean;
  /**
   * Why a source cannot run now (a required key or token not set: "needs setup"), or null. A firing
   * queues nothing for it and records the skip with this reason.
   */
  needsSetup?: (source: string) => string | null;
  /** Edits from `<data-dir>/config.json` (`schedules.<id>`): over the shipped ones, under the app's. */
  configured?: () => Readonly<Record<string, SchedulePatch>>;
}

/**
 * The shipped schedules (resources/schedules/default.json) with the user's edits on top, driven by
 * the bree scheduler; a firing queues one job per available source and ticker.
 */
export class ScheduleService {
  private scheduler: Scheduler | undefined;
  readonly errors: ScheduleLoadError[] = [];
  private readonly lastRuns: ReturnType<typeof lastRunStore>;

  constructor(private readonly o: ScheduleServiceOptions) {
    this.lastRuns = lastRunStore(o.db);
  }

  private shipped: ScheduleConfig[] = [];

  private load(): ScheduleConfig[] {
    const file = join(this.o.resourcesDir, 'schedules', 'default.json');
    const loaded = loadSchedules(JSON.parse(readFileSync(file, 'utf8')) as unknown, KNOWN_SOURCE_IDS);
    this.errors.push(...loaded.errors);
    this.shipped = loaded.schedules;
    return this.shipped.map((s) => this.effective(s, true));
  }

  /** A shipped schedule with config.json's edit, then the app's saved edit, each kept only if valid. */
  private effective(shipped: ScheduleConfig, report: boolean): ScheduleConfig {
    let s = shipped;
    const layers: Array<[string, SchedulePatch | undefined]> = [
      ['config.json edit', this.o.configured?.()[s.id]],
      ['saved edit', readOverrides(this.o.db).get(s.id)],
    ];
    for (const [what, patch] of layers) {
      if (!patch) continue;
      const merged = ScheduleConfig.safeParse({ ...s, ...patch, id: s.id });
      const problems = merged.success
        ? scheduleProblems(merged.data, KNOWN_SOURCE_IDS)
        : [merged.error.message];
      if (merged.success && problems.length === 0) s = merged.data;
      else if (report)
        this.errors.push({ scheduleId: s.id, message: `${what} ignored: ${problems.join('; ')}` });
    }
    return s;
  }

  /** After config.json changed: reschedule the schedules whose effective settings differ. */
  async applyConfig(): Promise<string[]> {
    if (!this.scheduler) return [];
    const current = new Map(this.scheduler.list().map((s) => [s.id, s]));
    const changed: string[] = [];
    for (const shipped of this.shipped) {
      const next = this.effective(shipped, false);
      if (JSON.stringify(next) === JSON.stringify(current.get(shipped.id))) continue;
      const { id, ...patch } = next;
      await this.scheduler.update(id, patch);
      changed.push(id);
    }
    return changed;
  }

  private fire(s: ScheduleConfig): void {
    if (this.o.paused) {
      this.o.log.info('schedule fired while schedules are paused: nothing queued', { scheduleId: s.id });
      return;
    }
    const jobs = this.o.jobs();
    if (!jobs) throw new AppError('UNAVAILABLE', 'the job queue is not running');
    let queued = 0;
    let coalesced = 0;
    for (const source of s.sources) {
      if (!this.o.available.has(source)) {
        this.o.log.warn('schedule names a source this build cannot run yet: nothing queued for it', {
          scheduleId: s.id,
          sourceId: source,
        });
        continue;
      }
      const setup = this.o.needsSetup?.(source) ?? null;
      if (setup !== null) {
        this.o.db
          .prepare(
            `INSERT INTO schedule_skips (schedule_id, source, skipped_at, reason) VALUES (?, ?, ?, ?)
             ON CONFLICT (schedule_id, source) DO UPDATE SET skipped_at = excluded.skipped_at,
               reason = excluded.reason`,
          )
          .run(s.id, source, Date.now(), setup);
        this.o.log.info('schedule skipped a source that needs setup', {
          scheduleId: s.id,
          sourceId: source,
          reason: setup,
        });
        continue;
      }
      for (const ticker of s.tickers.length ? s.tickers : [null]) {
        for (const query of s.queries.length ? s.queries : [null]) {
          // null: the same fetch still waits from an earlier firing (offline, a slow source).
          // PostgreSQL's queue answers later: counted as queued, a failure is logged.
          const r = jobs.enqueueScheduled({ source, ticker, query, priority: s.priority, scheduleId: s.id });
          if (r instanceof Promise) {
            void r.catch((error: unknown) =>
              this.o.log.error('scheduled job not queued', { scheduleId: s.id, error }),
            );
            queued++;
          } else if (r) queued++;
          else coalesced++;
        }
      }
    }
    this.o.log.info('schedule fired', { scheduleId: s.id, queued, coalesced });
  }

  component(): Component {
    return {
      name: 'scheduler',
      start: async () => {
        this.errors.length = 0;
        const schedules = this.load();
        for (const e of this.errors)
          this.o.log.error('schedule configuration error', { scheduleId: e.scheduleId, message: e.message });
        this.scheduler = createScheduler({
          schedules,
          lastRuns: this.lastRuns,
          knownSources: KNOWN_SOURCE_IDS,
          onFire: (s) => this.fire(s),
          log: this.o.log,
        });
        await this.scheduler.start();
      },
      stop: async () => {
        await this.scheduler?.stop();
      },
      health: (): Promise<ComponentHealth> => {
        const list = this.scheduler?.list() ?? [];
        const health: ComponentHealth = {
          status: this.errors.length ? 'degraded' : 'healthy',
          schedules: list.length,
          enabled: list.filter((s) => s.enabled).length,
        };
        if (this.errors.length)
          health.message = this.errors.map((e) => `${e.scheduleId}: ${e.message}`).join('; ');
        return Promise.resolve(health);
      },
    };
  }

  private view(s: ScheduleConfig): Schedule {
    const next = s.enabled
      ? nextRuns(s.cron, s.timezone, new Date(), 1, { tradingDaysOnly: s.tradingDaysOnly })[0]
      : undefined;
    const last = this.lastRuns.lastFired(s.id);
    return {
      id: s.id,
      name: s.name,
      cron: s.cron,
      timezone: s.timezone,
      sources: s.sources,
      tickers: s.tickers,
      priority: s.priority,
      trading_days_only: s.tradingDaysOnly,
      enabled: s.enabled,
      run_missed_on_start: s.runMissedOnStart,
      next_run_at: next ? next.toISOString() : null,
      last_run_at: last ? last.toISOString() : null,
      unavailable_sources: s.sources.filter((id) => !this.o.available.has(id)),
      needs_setup_sources: s.sources.filter(
        (id) => this.o.available.has(id) && (this.o.needsSetup?.(id) ?? null) !== null,
      ),
      skipped: (
        this.o.db
          .prepare(
            'SELECT source, skipped_at, reason FROM schedule_skips WHERE schedule_id = ? ORDER BY source',
          )
          .all(s.id) as Array<{ source: string; skipped_at: number; reason: string }>
      ).map((r) => ({ source: r.source, at: new Date(r.skipped_at).toISOString(), reason: r.reason })),
      ...(!s.enabled && s.disabledReason ? { disabled_reason: s.disabledReason } : {}),
    };
  }

  list(): { schedules: Schedule[]; errors: Array<{ schedule_id: string; message: string }> } {
    if (!this.scheduler)
      throw new AppError(
        'UNAVAILABLE',
        'the scheduler runs in the serving process (b3ai serve or the desktop app)',
      );
    return {
      schedules: this.scheduler.list().map((s) => this.view(s)),
      errors: this.errors.map((e) => ({ schedule_id: e.scheduleId, message: e.message })),
    };
  }

  /**
   * A source's sign-in succeeded: its shipped schedules that wait for one (`disabledReason`) are
   * turned on, unless the user or config.json has set their `enabled` either way. Returns their ids.
   */
  async enableAfterSignin(sourceId: string): Promise<string[]> {
    if (!this.scheduler) return [];
    const saved = readOverrides(this.o.db);
    const configured = this.o.configured?.() ?? {};
    const ids = this.shipped
      .filter(
        (s) =>
          s.disabledReason !== undefined &&
          !s.enabled &&
          s.sources.includes(sourceId) &&
          saved.get(s.id)?.enabled === undefined &&
          configured[s.id]?.enabled === undefined,
      )
      .map((s) => s.id);
    for (const id of ids) await this.update(id, { enabled: true });
    if (ids.length > 0)
      this.o.log.info('schedules enabled after sign-in', { source: sourceId, schedules: ids });
    return ids;
  }

  async update(id: string, patch: SchedulePatch): Promise<Schedule> {
    if (!this.scheduler)
      throw new AppError(
        'UNAVAILABLE',
        'the scheduler runs in the serving process (b3ai serve or the desktop app)',
      );
    if (!this.scheduler.list().some((s) => s.id === id))
      throw new AppError('NOT_FOUND', `no schedule with id ${id}`, { id });
    let updated: ScheduleConfig;
    try {
      updated = await this.scheduler.update(id, patch);
    } catch (e) {
      throw new AppError('INVALID_INPUT', e instanceof Error ? e.message : String(e), { id });
    }
    const saved = readOverrides(this.o.db).get(id) ?? {};
    this.o.db
      .prepare(
        `INSERT INTO schedule_overrides (schedule_id, patch) VALUES (?, ?)
         ON CONFLICT (schedule_id) DO UPDATE SET patch = excluded.patch`,
      )
      .run(id, JSON.stringify({ ...saved, ...patch }));
    return this.view(updated);
  }

  /** Pause or resume the firings (the desktop tray's "pause schedules"); the schedules stay listed. */
  setPaused(paused: boolean): void {
    this.o.paused = paused;
    this.o.log.info(paused ? 'schedules paused' : 'schedules resumed');
  }

  get paused(): boolean {
    return this.o.paused === true;
  }
}
