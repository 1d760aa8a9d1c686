import { createRequire } from 'node:module';
import { appPath } from '../app-root';

/**
 * Cron expressions exactly as bree reads them: validated by bree's own validator (cron-validate,
 * default preset: five numeric fields) and expanded by bree's own parser (@breejs/later), both
 * loaded from bree's dependency tree so "what we show" and "when bree fires" cannot drift apart.
 */

interface CronValidateResult {
  isValid(): boolean;
  getError(): string[];
}
type CronValidate = (expr: string, options?: Record<string, unknown>) => CronValidateResult;

type LaterField = 's' | 'm' | 'h' | 'D' | 'M' | 'd';
interface LaterScheduleData {
  schedules: Array<Partial<Record<LaterField, number[]>>>;
  exceptions: unknown[];
}
interface LaterModule {
  parse: { cron(expr: string, hasSeconds?: boolean): LaterScheduleData };
}

// Resolved from the app's folder (its node_modules), the same from source and from the bundle.
const requireHere = createRequire(appPath('package.json'));
const requireFromBree = createRequire(requireHere.resolve('bree'));
const cronValidate = (requireFromBree('cron-validate') as { default: CronValidate }).default;
const later = requireFromBree('@breejs/later') as LaterModule;

/** A five-field cron expression expanded to sets; null means "any". */
export interface CronSpec {
  minutes: readonly number[];
  hours: readonly number[];
  /** 1–31. */
  daysOfMonth: ReadonlySet<number> | null;
  /** 1–12. */
  months: ReadonlySet<number> | null;
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: ReadonlySet<number> | null;
}

/** Problems with a five-field cron expression (empty when valid). Six fields (seconds) are rejected. */
export function cronErrors(expr: string): string[] {
  const result = cronValidate(expr.trim(), {});
  if (!result.isValid()) return result.getError();
  const fields = expr.trim().split(/\s+/);
  // @breejs/later maps day-of-week 7 to Saturday (not Sunday), so bree would fire on the wrong day.
  const dow = fields[4] ?? '';
  const hasSeven = dow.split(',').some((part) => (part.split('/')[0] ?? '').split('-').includes('7'));
  if (hasSeven) return [`day-of-week 7 is not supported (bree reads it as Saturday); use 0 for Sunday`];
  return [];
}

const cache = new Map<string, CronSpec>();

/** Expand a valid cron expression; throws a RangeError naming the problems otherwise. */
export function parseCron(expr: string): CronSpec {
  const key = expr.trim();
  const hit = cache.get(key);
  if (hit) return hit;
  const errors = cronErrors(key);
  if (errors.length > 0) throw new RangeError(`invalid cron "${expr}": ${errors.join('; ')}`);
  const data = later.parse.cron(key, false);
  const only = data.schedules[0];
  if (data.schedules.length !== 1 || data.exceptions.length > 0 || !only) {
    throw new RangeError(`invalid cron "${expr}": unsupported form`);
  }
  const spec: CronSpec = {
    minutes: only.m ? [...only.m].sort((a, b) => a - b) : range(0, 59),
    hours: only.h ? [...only.h].sort((a, b) => a - b) : range(0, 23),
    daysOfMonth: only.D ? new Set(only.D) : null,
    months: only.M ? new Set(only.M) : null,
    // later numbers days of week 1 (Sunday) … 7 (Saturday).
    daysOfWeek: only.d ? new Set(only.d.map((d) => d - 1)) : null,
  };
  cache.set(key, spec);
  return spec;
}

/**
 * Whether a calendar day matches. Day-of-month and day-of-week must BOTH match when both are
 * restricted — bree's (later's) rule, unlike Vixie cron's "either".
 */
export function dayMatches(spec: CronSpec, month: number, day: number, weekday: number): boolean {
  return (
    (spec.months === null || spec.months.has(month)) &&
    (spec.daysOfMonth === null || spec.daysOfMonth.has(day)) &&
    (spec.daysOfWeek === null || spec.daysOfWeek.has(weekday))
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
