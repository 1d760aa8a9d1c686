import { z } from 'zod';
import { SourceError, layoutChanged } from '../errors';
import type { MacroPointItem } from '../models';
import type { SourceQuery } from '../query';
import { readJson, type RawPayload } from '../raw';
import { parseBrDate, parseDotNumber } from '../shared/br-format';

const SgsPoint = z.object({ data: z.string(), valor: z.string() });

/** The JSON objects BCB answers errors with (406 window too long, 400 business rule, 404). */
const SgsError = z.union([
  z.object({ error: z.string(), message: z.string().optional() }),
  z.object({ erro: z.object({ statusCode: z.number().optional(), detail: z.string() }) }),
]);

function raiseError(raw: RawPayload, body: unknown, code: number): never {
  const err = SgsError.safeParse(body);
  if (!err.success) {
    throw layoutChanged(`bcb sgs ${code}: expected an array of {data, valor}`);
  }
  const message = 'erro' in err.data ? err.data.erro.detail : err.data.error;
  if (raw.status === 404) throw new SourceError('NOT_FOUND', `bcb: series ${code}: ${message}`);
  // A window BCB will not serve (daily series over 10 years) or a rule it enforces: the query's fault.
  throw new SourceError('INVALID_INPUT', `bcb: series ${code}: ${message}`, { status: raw.status });
}

/**
 * SGS answers `[{"data":"dd/mm/aaaa","valor":"0.065041"}]`. For a window with no data it answers
 * the last value it has, dated before the window: points outside [from, to] are dropped, so an
 * incremental run with nothing new returns [].
 */
export function parseSgs(raw: RawPayload, q: SourceQuery, code: number): MacroPointItem[] {
  if (raw.status === 404 && !raw.text().trimStart().startsWith('{')) {
    throw new SourceError('NOT_FOUND', `bcb: series ${code} not found (HTTP ${raw.status})`);
  }
  const body = readJson(raw, `bcb sgs ${code}`);
  if (!Array.isArray(body) || raw.status >= 400) raiseError(raw, body, code);
  const items: MacroPointItem[] = [];
  for (let i = 0; i < body.length; i++) {
    const p = SgsPoint.safeParse(body[i]);
    if (!p.success) {
      const issue = p.error.issues[0];
      throw layoutChanged(`bcb sgs ${code}: point ${i}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const date = parseBrDate(p.data.data);
    if (!date) throw layoutChanged(`bcb sgs ${code}: point ${i}: data is not dd/mm/aaaa`);
    const value = parseDotNumber(p.data.valor);
    if (value === undefined) {
      throw layoutChanged(`bcb sgs ${code}: point ${i}: valor is not a number`);
    }
    if (value === null) continue; // no value published for that date
    if ((q.from && date < q.from) || (q.to && date > q.to)) continue;
    items.push({ series: code, date, value });
  }
  return items;
}
