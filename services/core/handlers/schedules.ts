import { AppError } from '../../contract';
import type { SchedulePatch } from '../scheduler/schedules';
import type { Handler } from './types';

export const schedulesList: Handler<'schedules.list'> = (_input, ctx) =>
  Promise.resolve().then(() => {
    if (!ctx.schedules)
      throw new AppError(
        'UNAVAILABLE',
        'the scheduler runs in the serving process (b3ai serve or the desktop app)',
      );
    return ctx.schedules.list();
  });

export const schedulesUpdate: Handler<'schedules.update'> = async (input, ctx) => {
  if (!ctx.schedules)
    throw new AppError(
      'UNAVAILABLE',
      'the scheduler runs in the serving process (b3ai serve or the desktop app)',
    );
  const patch: SchedulePatch = {};
  if (input.enabled !== undefined) patch.enabled = input.enabled;
  if (input.cron !== undefined) patch.cron = input.cron;
  if (input.tickers !== undefined) patch.tickers = input.tickers;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.trading_days_only !== undefined) patch.tradingDaysOnly = input.trading_days_only;
  return { schedule: await ctx.schedules.update(input.schedule_id, patch) };
};

export const orchestratorStatus: Handler<'orchestrator.status'> = (_input, ctx) =>
  Promise.resolve({
    components: (ctx.orchestrator?.status() ?? []).map((c) => ({
      name: c.name,
      state: c.state,
      health: c.health,
      started_at: c.startedAt,
      last_check_at: c.lastCheckAt,
    })),
  });
