import type { Output } from '../../contract';
import { FUNDAMENTAL_KEYS, isFundamentalKey } from '../../sources/fundamental-keys';
import type { Pg } from '../storage/pg';

interface Row {
  source: string;
  metric: string;
  value_num: string | null;
  value_text: string | null;
  as_of: string | null;
  fetched_at: string;
  snapshot_id: number;
  unit: string | null;
}

const UNITS = ['BRL', 'ratio', 'pct', 'count', 'date', 'text'] as const;
const unitOf = (u: string | null): (typeof UNITS)[number] | undefined => UNITS.find((x) => x === u);

/** Each source's latest fetch of a ticker's fundamentals, metric by metric, with provenance. */
export async function latestFundamentals(pg: Pg, ticker: string): Promise<Output<'fundamentals.get'>> {
  const r = await pg.query<Row>(
    `WITH latest AS (
       SELECT DISTINCT ON (source) source, snapshot_id FROM fundamentals WHERE ticker = $1
       ORDER BY source, fetched_at DESC, snapshot_id DESC)
     SELECT f.source, f.metric, f.value_num::text AS value_num, f.value_text,
            to_char(f.as_of, 'YYYY-MM-DD') AS as_of,
            to_char(f.fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at,
            f.snapshot_id::int AS snapshot_id, f.unit
     FROM fundamentals f JOIN latest l USING (source, snapshot_id) WHERE f.ticker = $1
     ORDER BY f.metric, f.source`,
    [ticker],
  );
  const metrics = new Map<string, Output<'fundamentals.get'>['metrics'][number]>();
  const sources = new Map<string, { source: string; fetched_at: string; snapshot_id: number }>();
  for (const row of r.rows) {
    sources.set(row.source, { source: row.source, fetched_at: row.fetched_at, snapshot_id: row.snapshot_id });
    const known = isFundamentalKey(row.metric) ? FUNDAMENTAL_KEYS[row.metric] : null;
    let m = metrics.get(row.metric);
    if (!m) {
      m = {
        key: row.metric,
        label: known?.label ?? row.metric.replace(/^extra:/, ''),
        unit: known?.unit ?? unitOf(row.unit) ?? (row.value_num !== null ? 'ratio' : 'text'),
        values: [],
      };
      metrics.set(row.metric, m);
    }
    m.values.push({
      source: row.source,
      value: row.value_num !== null ? Number(row.value_num) : row.value_text,
      as_of: row.as_of,
      fetched_at: row.fetched_at,
      snapshot_id: row.snapshot_id,
    });
  }
  // Standard keys first, in the catalogue's order; the sources' own extra labels after.
  const order = Object.keys(FUNDAMENTAL_KEYS);
  const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
  return {
    ticker,
    metrics: [...metrics.values()].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key)),
    sources: [...sources.values()],
  };
}
