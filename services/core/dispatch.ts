import {
  AppError,
  describeZodError,
  inputShapeProblem,
  isMethodName,
  methods,
  type ApiError,
  type MethodName,
  type Result,
} from '../contract';
import type { Ctx } from './context';
import type { Handlers } from './handlers';

function fail(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

/**
 * The one entry point of every transport: validates the input against the method's schema, runs its
 * handler, validates the output, and answers a Result. It never throws.
 */
export async function dispatch(
  handlers: Handlers,
  method: string,
  raw: unknown,
  ctx: Ctx,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail({ code: 'UNKNOWN_METHOD', message: `unknown method "${method}"` });
  const def = methods[method];
  // Before any schema reads it: no prototype keys at any level, no deep nesting (F6).
  const shape = inputShapeProblem(raw);
  if (shape) {
    return fail({
      code: 'INVALID_INPUT',
      message: `${method}: ${shape.path}: ${shape.message}`,
      details: { issues: [shape], fields: [shape.path] },
    });
  }
  const parsed = def.input.safeParse(raw ?? {});
  if (!parsed.success) {
    const { message, details } = describeZodError(parsed.error);
    return fail({ code: 'INVALID_INPUT', message: `${method}: ${message}`, details });
  }
  try {
    const handler = handlers[method] as (input: unknown, ctx: Ctx) => Promise<unknown>;
    const output = await handler(parsed.data, ctx);
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      ctx.log.error('handler output does not match the contract', { method, issues: checked.error.issues });
      return fail({ code: 'INTERNAL', message: `${method}: the answer did not match the contract` });
    }
    return { ok: true, data: checked.data };
  } catch (e) {
    if (e instanceof AppError) return fail(e.toJSON());
    ctx.log.error('handler failed', { method, error: e });
    return fail({ code: 'INTERNAL', message: `${method}: ${e instanceof Error ? e.message : String(e)}` });
  }
}

export type { MethodName };
