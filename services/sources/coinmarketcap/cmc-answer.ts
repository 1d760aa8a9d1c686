import { z } from 'zod';
import { SourceError, layoutChanged } from '../errors';
import { readJson, type RawPayload } from '../raw';

/** Every CoinMarketCap answer carries `status`; `error_code` 0 means success. */
const Status = z.object({ error_code: z.number().int(), error_message: z.string().nullable() });
const Envelope = z.object({ status: Status, data: z.record(z.string(), z.unknown()).optional() });

/** The HTTP statuses whose body CoinMarketCap explains in `status`. */
export const CMC_ERROR_STATUSES = [400, 401, 402, 403, 429];

export function shape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw layoutChanged(`${what}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
}

/**
 * `data` of a successful answer, or the typed error `status.error_code` stands for
 * (documented codes: 1001 key invalid, 1002 key missing, 1003–1007 plan/key not allowed,
 * 1008–1011 rate limits; 400 bad parameter, e.g. an unknown symbol).
 */
export function cmcData(raw: RawPayload, what: string): Record<string, unknown> {
  const body = shape(Envelope, readJson(raw, `coinmarketcap ${what}`), `coinmarketcap ${what}`);
  const { error_code: code, error_message: msg } = body.status;
  const message = `coinmarketcap: ${what}: ${msg ?? `error ${code}`}`;
  if (code === 0 && raw.status < 400) {
    if (!body.data) throw layoutChanged(`coinmarketcap ${what}: success without data`);
    return body.data;
  }
  if (code >= 1001 && code <= 1007) throw new SourceError('UNAUTHORIZED', message, { cmcCode: code });
  if (code >= 1008 && code <= 1011) throw new SourceError('RATE_LIMITED', message, { cmcCode: code });
  if (code === 400) {
    if (/symbol/i.test(msg ?? '')) throw new SourceError('NOT_FOUND', message, { cmcCode: code });
    throw new SourceError('INVALID_INPUT', message, { cmcCode: code });
  }
  if (code >= 500 || raw.status >= 500) throw new SourceError('UNAVAILABLE', message, { cmcCode: code });
  throw layoutChanged(`${message} (status ${raw.status}, error_code ${code})`);
}
