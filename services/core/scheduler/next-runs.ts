import { isB3TradingDay } from './b3-calendar';
import { dayMatches, parseCron, type CronSpec } from './cron-expr';
import { wallTime, zonedWallToUtc } from './zoned-time';

export interface RunFilter {
  /** Keep only runs that fall on a B3 trading day (read in São Paulo). */
  tradingDaysOnly?: boolean;
}

const DAY_MS = 86_400_000;
/** How far to look: nine years covers any valid expression (29 Feb across a skipped leap year). */
const HORIZON_DAYS = 366 * 9;

/**
 * The next `count` run instants strictly after `from`, reading the cron in `timezone`'s wall clock.
 * A wall time that does not exist (a daylight-saving gap) is skipped.
 */
export function nextRuns(
  cron: string,
  timezone: string,
  from: Date,
  count: number,
  opts: RunFilter = {},
): Date[] {
  const spec = parseCron(cron);
  const out: Date[] = [];
  if (count <= 0) return out;
  const start = wallDay(from, timezone) - DAY_MS;
  for (let i = 0; i <= HORIZON_DAYS && out.length < count; i++) {
    const runs = runsOnDay(spec, start + i * DAY_MS, timezone, opts);
    for (const t of runs) {
      if (t.getTime() > from.getTime()) out.push(t);
      if (out.length >= count) break;
    }
  }
  return out;
}

/** The latest run instant strictly before `before`, or null when there is none within the horizon. */
export function previousRun(cron: string, timezone: string, before: Date, opts: RunFilter = {}): Date | null {
  const spec = parseCron(cron);
  const start = wallDay(before, timezone) + DAY_MS;
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const runs = runsOnDay(spec, start - i * DAY_MS, timezone, opts);
    for (let j = runs.length - 1; j >= 0; j--) {
      const t = runs[j];
      if (t && t.getTime() < before.getTime()) return t;
    }
  }
  return null;
}

/** Midnight UTC of the calendar day the zone's clock shows at `d` (a day key, not an instant). */
function wallDay(d: Date, timezone: string): number {
  const w = wallTime(d, timezone);
  return Date.UTC(w.year, w.month - 1, w.day);
}

/** The run instants on one wall-clock day, ascending. */
function runsOnDay(spec: CronSpec, dayKey: number, timezone: string, opts: RunFilter): Date[] {
  const day = new Date(dayKey);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  const date = day.getUTCDate();
  if (!dayMatches(spec, month, date, day.getUTCDay())) return [];
  const out: Date[] = [];
  for (const hour of spec.hours) {
    for (const minute of spec.minutes) {
      const t = zonedWallToUtc(year, month, date, hour, minute, timezone);
      if (t && (!opts.tradingDaysOnly || isB3TradingDay(t))) out.push(t);
    }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}
