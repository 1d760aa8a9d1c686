import { CONSOLE_LIMITS, consoleSchema, runConsoleStatement } from '../sql/console';
import type { Handler } from './types';

export const sqlQueryHandler: Handler<'sql.query'> = (input, ctx) =>
  runConsoleStatement(ctx.pg, input.sql, { ...CONSOLE_LIMITS, maxRows: input.limit });

export const sqlSchemaHandler: Handler<'sql.schema'> = async (_input, ctx) => ({
  tables: await consoleSchema(ctx.pg),
  limits: {
    max_rows: 10_000,
    timeout_ms: CONSOLE_LIMITS.timeoutMs,
    max_cost: CONSOLE_LIMITS.maxCost,
  },
});
