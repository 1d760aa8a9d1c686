import { z } from 'zod';
import { JobPriority } from '../../contract';
import { SAO_PAULO_TZ } from './b3-calendar';
import { cronErrors } from './cron-expr';
import { isValidTimeZone } from './zoned-time';

/** One schedule: when (cron in a time zone, optionally B3 trading days only) and what (sources × tickers). */
export const ScheduleConfig = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
  name: z.string().min(1),
  /** Free text shown in the UI (JSON has no comments; the defaults explain their choices here). */
  description: z.string().optional(),
  /** Five fields: minute hour day-of-month month day-of-week (numeric; 0 = Sunday). */
  cron: z.string().min(1),
  timezone: z
    .string()
    .refine((tz) => isValidTimeZone(tz), 'unknown IANA time zone')
    .default(SAO_PAULO_TZ),
  /** Source ids from the source catalogue. */
  sources: z.array(z.string().min(1)).min(1),
  /** Tickers to fetch; empty means source-wide (a news feed, a market scan). */
  tickers: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'tickers are upper-case symbols')).default([]),
  /** Job queries, one job each (× tickers): "macro-series:432", "statements:year=2025&series=ITR". */
  queries: z.array(z.string().min(1).max(200)).default([]),
  priority: JobPriority.default('normal'),
  tradingDaysOnly: z.boolean().default(false),
  enabled: z.boolean().default(true),
  /** Why a shipped schedule starts disabled (a source that needs the user's sign-in first). */
  disabledReason: z.string().min(1).optional(),
  runMissedOnStart: z.boolean().default(true),
});
export type ScheduleConfig = z.output<typeof ScheduleConfig>;
export type ScheduleConfigInput = z.input<typeof ScheduleConfig>;
export type SchedulePatch = Partial<Omit<ScheduleConfigInput, 'id'>>;

export interface ScheduleLoadError {
  scheduleId: string;
  message: string;
}

export interface LoadedSchedules {
  schedules: ScheduleConfig[];
  errors: ScheduleLoadError[];
}

/** Problems beyond the schema: the cron expression and, when a catalogue is given, the source ids. */
export function scheduleProblems(s: ScheduleConfig, knownSources?: ReadonlySet<string>): string[] {
  const problems = cronErrors(s.cron).map((e) => `invalid cron "${s.cron}": ${e}`);
  if (knownSources) {
    for (const source of s.sources) {
      if (!knownSources.has(source)) problems.push(`unknown source id "${source}"`);
    }
  }
  return problems;
}

/**
 * Validate a schedule file: an array of schedules, or `{ schedules: [...] }`. Every problem is
 * reported with the schedule's id; a schedule with any problem is left out of `schedules` and the
 * caller decides what to do (refuse to start, show it in the UI). The first of duplicated ids wins.
 */
export function loadSchedules(json: unknown, knownSources: ReadonlySet<string>): LoadedSchedules {
  const entries = Array.isArray(json)
    ? json
    : isRecord(json) && Array.isArray(json.schedules)
      ? json.schedules
      : null;
  if (entries === null) {
    return { schedules: [], errors: [{ scheduleId: '(file)', message: 'expected an array of schedules' }] };
  }
  const schedules: ScheduleConfig[] = [];
  const errors: ScheduleLoadError[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const rawId = isRecord(entry) && typeof entry.id === 'string' ? entry.id : `#${index + 1}`;
    const parsed = ScheduleConfig.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        errors.push({ scheduleId: rawId, message: `${where}${issue.message}` });
      }
      return;
    }
    const s = parsed.data;
    const problems = scheduleProblems(s, knownSources);
    if (seen.has(s.id)) problems.push(`duplicate schedule id "${s.id}"`);
    seen.add(s.id);
    if (problems.length > 0) {
      for (const message of problems) errors.push({ scheduleId: s.id, message });
      return;
    }
    schedules.push(s);
  });
  return { schedules, errors };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
