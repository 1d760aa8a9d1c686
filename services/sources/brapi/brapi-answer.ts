import { z } from 'zod';
import { SourceError, layoutChanged } from '../errors';
import { readJson, type RawPayload } from '../raw';

/** The statuses whose JSON body brapi explains (`{"error":true,"message":"..."}`). */
export const BRAPI_ERROR_STATUSES = [400, 401, 402, 403, 404];

const ErrorBody = z.object({ error: z.literal(true), message: z.string() });
const Envelope = z.object({ results: z.array(z.unknown()) });

/** A zod check whose failure is LAYOUT_CHANGED naming the path. */
export function shape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw layoutChanged(`${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
}

/** brapi's results[] for a ticker, or the typed error its answer stands for. */
export function brapiResults(raw: RawPayload, ticker: string): unknown[] {
  const body = readJson(raw, `brapi ${ticker}`);
  const err = ErrorBody.safeParse(body);
  if (err.success || raw.status >= 400) {
    const message = err.success ? err.data.message : `HTTP ${raw.status}`;
    if (raw.status === 404) throw new SourceError('NOT_FOUND', `brapi: ${ticker}: ${message}`);
    if (raw.status === 401 || raw.status === 403) {
      throw new SourceError('UNAUTHORIZED', `brapi: ${message} (check the brapi token)`);
    }
    if (raw.status === 402) {
      throw new SourceError('UNAUTHORIZED', `brapi: ${message} (the request needs a brapi plan/token)`);
    }
    if (raw.status === 400) throw new SourceError('INVALID_INPUT', `brapi: ${ticker}: ${message}`);
    throw layoutChanged(`brapi: unexpected error answer with status ${raw.status}: ${message}`);
  }
  return shape(Envelope, body, `brapi ${ticker}`).results;
}

/** The result for the asked ticker (brapi echoes it in `symbol`). */
export function resultFor<T extends { symbol: string }>(
  results: unknown[],
  schema: z.ZodType<T>,
  ticker: string,
): T | undefined {
  if (results.length === 0) return undefined;
  const r = shape(schema, results[0], `brapi ${ticker} results.0`);
  if (r.symbol.toUpperCase() !== ticker.toUpperCase()) {
    throw layoutChanged(`brapi: asked for ${ticker}, the answer is for another symbol`);
  }
  return r;
}

export function brapiRequest(url: string, token: string | undefined) {
  return {
    url,
    encoding: 'utf-8' as const,
    headers: token ? { Authorization: `Bearer ${token}` } : undefined,
    acceptStatus: BRAPI_ERROR_STATUSES,
  };
}
