import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { describeZodError } from '../../contract';

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Validate the options of a command with its zod schema; the message names the option. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(describeZodError(r.error).message);
  return r.data;
}

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;
