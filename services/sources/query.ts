import { z } from 'zod';
import { SourceError } from './errors';

/**
 * The one query shape every fetcher takes. Fetchers declare which fields they need; the text form
 * (CLI, jobs) is either a bare value for the fetcher's primary field ("PETR4", "432") or
 * `key=value` pairs joined by `&` ("series=432&from=2024-01-01").
 */
export const SourceQuery = z.strictObject({
  ticker: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9.=^-]{2,16}$/, 'expected a ticker such as PETR4')
    .optional(),
  /** A series code (Banco Central SGS), a document kind (CVM DFP/ITR) or a file kind (COTAHIST). */
  series: z.string().trim().min(1).max(40).optional(),
  from: z.iso.date('expected YYYY-MM-DD').optional(),
  to: z.iso.date('expected YYYY-MM-DD').optional(),
  /** A reference date (COTAHIST daily file, Tesouro). */
  date: z.iso.date('expected YYYY-MM-DD').optional(),
  year: z.coerce.number().int().min(1986).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
  /** Free search terms (a company name for news searches: "Petrobras"). */
  q: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^&=]+$/, 'search terms cannot contain & or =')
    .optional(),
});
export type SourceQuery = z.infer<typeof SourceQuery>;
export type QueryField = keyof SourceQuery;

const FIELDS = Object.keys(SourceQuery.shape) as QueryField[];

/** Parse the text form of a query; the bare form fills `primary`. */
export function parseQueryText(text: string, primary: QueryField): SourceQuery {
  const trimmed = text.trim();
  const raw: Record<string, string> = {};
  // key=value pairs when the text starts with a known key; else one bare value (tickers like BZ=F).
  const firstKey = trimmed.slice(0, Math.max(0, trimmed.indexOf('=')));
  if (trimmed && !/^[a-z]+$/.test(firstKey)) raw[primary] = trimmed;
  else
    for (const part of trimmed.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim();
      if (eq < 0 || !FIELDS.includes(key as QueryField)) {
        throw new SourceError(
          'INVALID_INPUT',
          `query: "${part}" is not key=value with a key among ${FIELDS.join(', ')}`,
          { fields: ['query'] },
        );
      }
      raw[key] = part.slice(eq + 1).trim();
    }
  return checkQuery(raw);
}

/** Validate a query object (API input), naming the offending field. */
export function checkQuery(raw: unknown): SourceQuery {
  const r = SourceQuery.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
  throw new SourceError('INVALID_INPUT', `query: ${issues.join('; ')}`, {
    fields: r.error.issues.map((i) => `query.${i.path.join('.')}`),
  });
}

/** The query's canonical text form (stable key order), used in snapshots, errors and logs. */
export function queryText(q: SourceQuery): string {
  return FIELDS.filter((k) => q[k] !== undefined)
    .map((k) => `${k}=${String(q[k])}`)
    .join('&');
}
