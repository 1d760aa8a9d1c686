import type { Output } from '../../contract';
import { yearlyHistory, type HistoryObservation } from '../../analysis/fundamental/yearly-history';
import type { Pg } from '../storage/pg';
import { NO_FILES, type FileSnapshots } from './current-loader';

/**
 * A ticker's fundamentals per year (`fundamentals.history`): every stored snapshot of every site's
 * detail page and screener export, not only the latest, dated as the current-value resolver dates
 * them (the source's own date; else the fetch day of a web page; a loaded file with no date of its
 * own is counted apart).
 */
export async function loadFundamentalHistory(
  pg: Pg,
  ticker: string,
  files: FileSnapshots = NO_FILES,
): Promise<Output<'fundamentals.history'>> {
  const [detail, screens] = await Promise.all([
    pg.query<{
      source: string;
      metric: string;
      value: number;
      as_of: string | null;
      fetched: string;
      snapshot_id: number;
    }>(
      `SELECT source, metric, value_num::float8 AS value, to_char(as_of, 'YYYY-MM-DD') AS as_of,
              to_char(fetched_at AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS fetched,
              snapshot_id::int AS snapshot_id
       FROM fundamentals WHERE ticker = $1 AND value_num IS NOT NULL AND metric NOT LIKE 'extra:%'`,
      [ticker],
    ),
    pg.query<{ source: string; data: Record<string, unknown>; fetched: string; snapshot_id: number }>(
      `SELECT source, data, to_char(fetched_at AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS fetched,
              snapshot_id::int AS snapshot_id
       FROM screener_rows WHERE ticker = $1`,
      [ticker],
    ),
  ]);
  const fromFile = files([
    ...new Set([...detail.rows.map((r) => r.snapshot_id), ...screens.rows.map((r) => r.snapshot_id)]),
  ]);
  const undated = (snapshot: number, fetched: string) =>
    fromFile.has(snapshot)
      ? ({ as_of: null, as_of_basis: 'unknown' } as const)
      : ({ as_of: fetched, as_of_basis: 'fetched' } as const);
  const observations: HistoryObservation[] = [];
  for (const r of detail.rows) {
    const when = r.as_of
      ? ({ as_of: r.as_of, as_of_basis: 'source' } as const)
      : undated(r.snapshot_id, r.fetched);
    observations.push({ key: r.metric, source: r.source, value: r.value, ...when, rank: 0 });
  }
  for (const r of screens.rows) {
    const when = undated(r.snapshot_id, r.fetched);
    for (const [key, v] of Object.entries(r.data))
      if (typeof v === 'number' && Number.isFinite(v))
        observations.push({ key, source: r.source, value: v, ...when, rank: 1 });
  }
  return { ticker, metrics: yearlyHistory(observations) };
}
