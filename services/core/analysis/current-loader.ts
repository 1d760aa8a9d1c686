import type { CurrentValues } from '../../contract';
import type { Pg } from '../storage/pg';
import { resolveAll, todayInSaoPaulo, type Observation } from './current-value';

/**
 * Reads every source's latest observation of each number for some tickers (or all): B3's last bar,
 * each price source's last bar, each site's latest detail page and latest screener export. The
 * resolver (current-value.ts) then picks the current value of each key.
 */

/** Which of these snapshots came from a file the user loaded (no fetch date to stand for its date). */
export type FileSnapshots = (ids: readonly number[]) => ReadonlySet<number>;

export const NO_FILES: FileSnapshots = () => new Set();

/** The vault's snapshots whose URL is not a web address (ingested files). */
export function fileSnapshotsOf(state: {
  prepare(sql: string): { all(...args: unknown[]): unknown[] };
}): FileSnapshots {
  return (ids) => {
    const out = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = state
        .prepare(
          `SELECT id FROM snapshots WHERE id IN (${chunk.map(() => '?').join(',')}) AND url NOT LIKE 'http%'`,
        )
        .all(...chunk) as { id: number }[];
      for (const r of rows) out.add(Number(r.id));
    }
    return out;
  };
}

export type TickerObservations = Map<string, Map<string, Observation[]>>;

interface Loaded {
  observations: TickerObservations;
  /** Sector per ticker (the latest detail page's text). */
  sectors: Map<string, string>;
  /** Sources with anything for the ticker (detail pages and screener exports). */
  sources: Map<string, Set<string>>;
}

const day = (iso: string): string => iso.slice(0, 10);

/** `tickers` null: every ticker with fundamentals (the universe); bars only for those. */
export async function loadObservations(
  pg: Pg,
  tickers: readonly string[] | null,
  files: FileSnapshots = NO_FILES,
): Promise<Loaded> {
  const only = tickers ? [...tickers] : null;
  const where = (col: string, n: number): string => (only ? `WHERE ${col} = ANY($${n}::text[])` : '');
  const params = only ? [only] : [];
  const [detail, screens] = await Promise.all([
    pg.query<{
      ticker: string;
      source: string;
      metric: string;
      value: number | null;
      text: string | null;
      as_of: string | null;
      fetched_at: string;
      snapshot_id: number;
    }>(
      `WITH latest AS (
         SELECT DISTINCT ON (source, ticker) source, ticker, snapshot_id FROM fundamentals ${where('ticker', 1)}
         ORDER BY source, ticker, fetched_at DESC, snapshot_id DESC)
       SELECT f.ticker, f.source, f.metric, f.value_num::float8 AS value, f.value_text AS text,
              to_char(f.as_of, 'YYYY-MM-DD') AS as_of,
              to_char(f.fetched_at AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS fetched_at,
              f.snapshot_id::int AS snapshot_id
       FROM fundamentals f JOIN latest l USING (source, ticker, snapshot_id)
       WHERE f.metric NOT LIKE 'extra:%'`,
      params,
    ),
    pg.query<{
      ticker: string;
      source: string;
      data: Record<string, unknown>;
      fetched_at: string;
      snapshot_id: number;
    }>(
      `WITH latest AS (
         SELECT DISTINCT ON (source) source, snapshot_id FROM screener_rows
         ORDER BY source, fetched_at DESC, snapshot_id DESC)
       SELECT s.ticker, s.source, s.data,
              to_char(s.fetched_at AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD') AS fetched_at,
              s.snapshot_id::int AS snapshot_id
       FROM screener_rows s JOIN latest l USING (source, snapshot_id) ${where('s.ticker', 1)}`,
      params,
    ),
  ]);
  const universe = only ?? [
    ...new Set([...detail.rows.map((r) => r.ticker), ...screens.rows.map((r) => r.ticker)]),
  ];
  const [b3, others] = await Promise.all([
    pg.query<{ ticker: string; date: string; close: number }>(
      `SELECT DISTINCT ON (ticker) ticker, to_char(date, 'YYYY-MM-DD') AS date, close::float8 AS close
       FROM daily_bars WHERE ticker = ANY($1::text[]) ORDER BY ticker, date DESC`,
      [universe],
    ),
    pg.query<{ source: string; ticker: string; date: string; close: number }>(
      `SELECT DISTINCT ON (source, ticker) source, ticker, to_char(date, 'YYYY-MM-DD') AS date, close::float8 AS close
       FROM source_bars WHERE ticker = ANY($1::text[]) ORDER BY source, ticker, date DESC`,
      [universe],
    ),
  ]);
  const fromFile = files([
    ...new Set([...detail.rows.map((r) => r.snapshot_id), ...screens.rows.map((r) => r.snapshot_id)]),
  ]);
  const observations: TickerObservations = new Map();
  const sectors = new Map<string, string>();
  const sources = new Map<string, Set<string>>();
  const put = (ticker: string, key: string, o: Observation): void => {
    let keys = observations.get(ticker);
    if (!keys) observations.set(ticker, (keys = new Map<string, Observation[]>()));
    const list = keys.get(key) ?? [];
    list.push(o);
    keys.set(key, list);
  };
  const undated = (snapshot: number, fetched: string) =>
    ({ as_of: day(fetched), as_of_basis: fromFile.has(snapshot) ? 'unknown' : 'fetched' }) as const;
  for (const r of detail.rows) {
    (sources.get(r.ticker) ?? sources.set(r.ticker, new Set()).get(r.ticker)!).add(r.source);
    if (r.metric === 'sector' && r.text && !sectors.has(r.ticker)) sectors.set(r.ticker, r.text);
    if (r.value === null || !Number.isFinite(r.value)) continue;
    const when = r.as_of
      ? ({ as_of: r.as_of, as_of_basis: 'source' } as const)
      : undated(r.snapshot_id, r.fetched_at);
    put(r.ticker, r.metric, { source: r.source, value: r.value, ...when, rank: 1 });
  }
  for (const r of screens.rows) {
    (sources.get(r.ticker) ?? sources.set(r.ticker, new Set()).get(r.ticker)!).add(r.source);
    const when = undated(r.snapshot_id, r.fetched_at);
    for (const [k, v] of Object.entries(r.data)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      // One vote per site: a key its detail page gave is not counted again from its export.
      if (
        observations
          .get(r.ticker)
          ?.get(k)
          ?.some((o) => o.source === r.source)
      )
        continue;
      put(r.ticker, k, { source: r.source, value: v, ...when, rank: 2 });
    }
  }
  for (const r of b3.rows)
    put(r.ticker, 'price', {
      source: 'b3-cotahist',
      value: r.close,
      as_of: r.date,
      as_of_basis: 'source',
      rank: 0,
    });
  for (const r of others.rows)
    put(r.ticker, 'price', {
      source: r.source,
      value: r.close,
      as_of: r.date,
      as_of_basis: 'source',
      rank: 1,
    });
  return { observations, sectors, sources };
}

/** The current values of some tickers (an empty record for a ticker with nothing). */
export async function loadCurrent(
  pg: Pg,
  tickers: readonly string[],
  files: FileSnapshots = NO_FILES,
  today: string = todayInSaoPaulo(),
): Promise<Map<string, CurrentValues>> {
  const { observations } = await loadObservations(pg, tickers, files);
  return new Map(
    tickers.map((t) => [t, resolveAll(observations.get(t) ?? new Map<string, Observation[]>(), today)]),
  );
}

/**
 * A fundamentals block's metrics with each shown `value` replaced by its current value (the sources'
 * median stays in `stats.median`) and the resolved value beside it.
 */
export function withCurrent(
  metrics: unknown,
  current: CurrentValues,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [k, m] of Object.entries((metrics ?? {}) as Record<string, Record<string, unknown>>)) {
    const c = current[k];
    out[k] = c ? { ...m, value: c.value, current: c } : m;
  }
  return out;
}

/** Every current value as `{ value }` metrics: what the valuation models read. */
export const currentAsMetrics = (current: CurrentValues): Record<string, { value: number }> =>
  Object.fromEntries(Object.entries(current).map(([k, v]) => [k, { value: v.value }]));
