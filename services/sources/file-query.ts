import type { Fetcher, Source } from './define';
import { SourceError } from './errors';
import type { QueryField, SourceQuery } from './query';

/** A value to show for a query field: the source's own canary value when it has one, else a typical one. */
export function exampleValue(source: Source, field: QueryField): string {
  const canary = source.info.canary.query[field];
  if (canary !== undefined) return String(canary);
  const lastYear = new Date().getUTCFullYear() - 1;
  const examples: Record<QueryField, string> = {
    ticker: 'PETR4',
    series: source.info.id === 'cvm' ? 'DFP' : '432',
    from: `${lastYear}-01-01`,
    to: `${lastYear}-12-31`,
    date: `${lastYear}-12-30`,
    year: String(lastYear),
    month: '1',
    q: 'Petrobras',
  };
  return examples[field];
}

/** How a surface asks for query fields: `b3ai parse|ingest` flags, `b3ai scrape`'s QUERY, the API's `query`. */
export type QueryStyle =
  | { kind: 'flags' }
  | { kind: 'scrape'; source: string; model: string }
  | { kind: 'api'; model: string | null };

/**
 * "series is required: --query series=432" — the missing fields, and what to add where the caller
 * types them (a ticker has its own flag in `b3ai parse|ingest`).
 */
export function missingFieldsMessage(
  source: Source,
  missing: readonly QueryField[],
  style: QueryStyle,
): string {
  const pairs = missing.map((f) => `${f}=${exampleValue(source, f)}`);
  const what = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`;
  if (style.kind === 'flags') {
    const flags = missing.map((f) => (f === 'ticker' ? `--ticker ${exampleValue(source, f)}` : ''));
    const rest = pairs.filter((_, i) => missing[i] !== 'ticker');
    return `${what}: ${[...flags.filter(Boolean), ...(rest.length ? [`--query ${rest.join('&')}`] : [])].join(' ')}`;
  }
  if (style.kind === 'scrape')
    return `${what}: b3ai scrape ${style.source} ${style.model} "${pairs.join('&')}"`;
  return `${what}: query "${style.model ? `${style.model}:` : ''}${pairs.join('&')}"`;
}

/**
 * The query to parse a saved file with: what its name tells (`fetcher.fromFileName`), then what was
 * given; a required field still missing is INVALID_INPUT naming the flag or field to use.
 */
export function fileQuery(
  source: Source,
  fetcher: Fetcher,
  fileName: string,
  given: SourceQuery,
  style: QueryStyle,
): SourceQuery {
  const query: SourceQuery = { ...fetcher.fromFileName?.(fileName), ...given };
  const missing = fetcher.required.filter((f) => query[f] === undefined);
  if (missing.length)
    throw new SourceError('INVALID_INPUT', missingFieldsMessage(source, missing, style), {
      fields: missing.map((f) => `query.${f}`),
    });
  return query;
}
