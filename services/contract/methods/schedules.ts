import { z } from 'zod';
import { defineMethod } from '../define';
import { JobPriority } from '../jobs';
import { ComponentHealth } from '../models';

export const Schedule = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  timezone: z.string(),
  sources: z.array(z.string()),
  tickers: z.array(z.string()),
  priority: JobPriority,
  trading_days_only: z.boolean(),
  enabled: z.boolean(),
  run_missed_on_start: z.boolean(),
  next_run_at: z.string().nullable(),
  last_run_at: z.string().nullable(),
  /** Sources named by the schedule that this build cannot run yet (their jobs are not queued). */
  unavailable_sources: z.array(z.string()),
  /** While disabled: why it ships so (its source needs a sign-in first). */
  disabled_reason: z.string().optional(),
  /**
   * Sources of the schedule that need setup now (a key or token not set): a firing skips them, and
   * says so here, instead of queuing jobs that can only fail.
   */
  needs_setup_sources: z.array(z.string()),
  /** The last firing that skipped a source, per source, and why. */
  skipped: z.array(z.object({ source: z.string(), at: z.string(), reason: z.string() })),
});
export type Schedule = z.infer<typeof Schedule>;

export const schedulesList = defineMethod({
  name: 'schedules.list',
  summary: 'The schedules with their next and last runs, and any configuration errors.',
  http: { method: 'GET', path: '/api/schedules' },
  input: z.object({}),
  output: z.object({
    schedules: z.array(Schedule),
    errors: z.array(z.object({ schedule_id: z.string(), message: z.string() })),
  }),
});

export const schedulesUpdate = defineMethod({
  name: 'schedules.update',
  summary: 'Enable, disable or edit a schedule (kept across restarts).',
  http: { method: 'POST', path: '/api/schedules/{schedule_id}' },
  input: z.object({
    schedule_id: z.string().trim().min(1),
    enabled: z.boolean().optional(),
    cron: z.string().trim().min(1).optional(),
    tickers: z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{4,12}$/, 'expected B3 tickers such as PETR4'),
      )
      .optional(),
    priority: JobPriority.optional(),
    trading_days_only: z.boolean().optional(),
  }),
  output: z.object({ schedule: Schedule }),
});

export const orchestratorStatus = defineMethod({
  name: 'orchestrator.status',
  summary: 'Each service the app runs, in start order, with its state and latest health check.',
  http: { method: 'GET', path: '/api/orchestrator/status' },
  input: z.object({}),
  output: z.object({
    components: z.array(
      z.object({
        name: z.string(),
        state: z.enum(['stopped', 'starting', 'running', 'stopping', 'failed']),
        health: ComponentHealth,
        started_at: z.string().nullable(),
        last_check_at: z.string().nullable(),
      }),
    ),
  }),
});

export const schedulesMethods = {
  'schedules.list': schedulesList,
  'schedules.update': schedulesUpdate,
  'orchestrator.status': orchestratorStatus,
} as const;
