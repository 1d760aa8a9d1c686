import type { Pg } from '../storage/pg';
import type { FundamentalValueRow } from './loaders';

/**
 * A ticker's values in each site's latest screener export (Status Invest's "busca avançada" CSV), as
 * fundamental rows without a date of their own: so a ticker known only from an export (PETR4 in the
 * CSV) has fundamentals on its page as it has in Compare and the screener.
 */
export async function loadScreenerValues(pg: Pg, ticker: string): Promise<FundamentalValueRow[]> {
  const r = await pg.query<{
    source: string;
    data: Record<string, unknown>;
    fetched_at: string;
    snapshot_id: number;
  }>(
    `WITH latest AS (
       SELECT DISTINCT ON (source) source, snapshot_id FROM screener_rows
       ORDER BY source, fetched_at DESC, snapshot_id DESC)
     SELECT s.source, s.data,
            to_char(s.fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at,
            s.snapshot_id::int AS snapshot_id
     FROM screener_rows s JOIN latest l USING (source, snapshot_id) WHERE s.ticker = $1`,
    [ticker],
  );
  return r.rows.flatMap((row) =>
    Object.entries(row.data)
      .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
      .map(([metric, value]) => ({
        source: row.source,
        metric,
        value,
        as_of: null,
        fetched_at: row.fetched_at,
        snapshot_id: row.snapshot_id,
      })),
  );
}
