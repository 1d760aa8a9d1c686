import type { StatementLine } from '../../analysis/fundamental/statement-types';
import type { Pg } from '../storage/pg';
import { barTextSelect, parseBarText, rowsOf, type BarColumns, type BarRow } from './bar-columns';

/** Plain rows read from PGlite for the analysis (the pure functions in services/analysis take these). */

export type { BarRow } from './bar-columns';

export interface PriceHistory {
  /** `b3-cotahist` (B3's own files) when there are any, else the price source used. */
  source: string;
  bars: BarRow[];
}

/** A ticker's bars as columns, with the source they came from (what the bar cache keeps). */
export interface PriceColumns {
  source: string;
  columns: BarColumns;
}

/**
 * A ticker's daily bars, oldest first: B3's COTAHIST bars when the database has them, else the
 * source with the most bars (Yahoo, brapi). Volume is the traded quantity (shares).
 */
export async function loadBarColumns(pg: Pg, ticker: string): Promise<PriceColumns> {
  const b3 = await readBars(pg, `FROM daily_bars WHERE ticker = $1`, 'quantity', [ticker]);
  if (b3.dates.length > 0) return { source: 'b3-cotahist', columns: b3 };
  const best = await pg.query<{ source: string }>(
    `SELECT source FROM source_bars WHERE ticker = $1 GROUP BY source ORDER BY count(*) DESC, source LIMIT 1`,
    [ticker],
  );
  const source = best.rows[0]?.source;
  if (!source) return { source: 'none', columns: b3 };
  return {
    source,
    columns: await readBars(pg, `FROM source_bars WHERE source = $2 AND ticker = $1`, 'COALESCE(volume, 0)', [
      ticker,
      source,
    ]),
  };
}

/** `loadBarColumns` as row objects. */
export async function loadBars(pg: Pg, ticker: string): Promise<PriceHistory> {
  return historyOf(await loadBarColumns(pg, ticker));
}

export const historyOf = (p: PriceColumns): PriceHistory => ({ source: p.source, bars: rowsOf(p.columns) });

async function readBars(pg: Pg, from: string, volume: string, params: unknown[]): Promise<BarColumns> {
  const r = await pg.query<{ bars: string | null }>(
    `SELECT ${barTextSelect(volume)} AS bars ${from}`,
    params,
  );
  return parseBarText(r.rows[0]?.bars ?? null);
}

export interface DividendRow {
  source: string;
  type: 'DIVIDENDO' | 'JCP' | 'RENDIMENTO' | 'OUTRO';
  ex_date: string;
  payment_date: string | null;
  value: number;
  per_shares: number;
  snapshot_id: number;
}

/**
 * The distinct sources of a table whose primary key starts with `source` (a loose index scan: one
 * index probe per source), so the rows of one ticker are read through the key instead of a scan of
 * every ticker's rows (`WHERE ticker = $1` alone cannot use a key that starts with the source).
 */
const sourcesOf = (table: string): string =>
  `WITH RECURSIVE src AS (
     (SELECT source FROM ${table} ORDER BY source LIMIT 1)
     UNION ALL
     SELECT (SELECT t.source FROM ${table} t WHERE t.source > src.source ORDER BY t.source LIMIT 1)
     FROM src WHERE src.source IS NOT NULL)`;

/** A ticker's dividends by ex-date and source; one source's rows of a day in key order (instalments in order). */
export async function loadDividends(pg: Pg, ticker: string): Promise<DividendRow[]> {
  const r = await pg.query<DividendRow>(
    `${sourcesOf('dividends')}
     SELECT d.source, d.type, to_char(d.ex_date, 'YYYY-MM-DD') AS ex_date,
            to_char(d.payment_date, 'YYYY-MM-DD') AS payment_date, d.value::float8 AS value, d.per_shares,
            d.snapshot_id::int AS snapshot_id
     FROM src JOIN dividends d ON d.source = src.source AND d.ticker = $1
     ORDER BY d.ex_date, d.source, d.type, d.value, d.per_shares, d.instalment`,
    [ticker],
  );
  return r.rows;
}

export interface FundamentalValueRow {
  source: string;
  metric: string;
  value: number;
  as_of: string | null;
  fetched_at: string;
  snapshot_id: number;
}

/** Each source's latest numeric values for a ticker (standard keys only). */
export async function loadFundamentalValues(pg: Pg, ticker: string): Promise<FundamentalValueRow[]> {
  const r = await pg.query<FundamentalValueRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (source) source, snapshot_id FROM fundamentals WHERE ticker = $1
       ORDER BY source, fetched_at DESC, snapshot_id DESC)
     SELECT f.source, f.metric, f.value_num::float8 AS value, to_char(f.as_of, 'YYYY-MM-DD') AS as_of,
            to_char(f.fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at,
            f.snapshot_id::int AS snapshot_id
     FROM fundamentals f JOIN latest l USING (source, snapshot_id)
     WHERE f.ticker = $1 AND f.value_num IS NOT NULL AND f.metric NOT LIKE 'extra:%'
     ORDER BY f.metric, f.source`,
    [ticker],
  );
  return r.rows;
}

/** Text values (sector, subsector…) of the latest fetch per source. */
export async function loadFundamentalTexts(pg: Pg, ticker: string): Promise<Record<string, string>> {
  const r = await pg.query<{ metric: string; value_text: string }>(
    `SELECT DISTINCT ON (metric) metric, value_text FROM fundamentals
     WHERE ticker = $1 AND value_text IS NOT NULL AND metric NOT LIKE 'extra:%'
     ORDER BY metric, fetched_at DESC`,
    [ticker],
  );
  return Object.fromEntries(r.rows.map((x) => [x.metric, x.value_text]));
}

export interface MacroPoint {
  series: number;
  date: string;
  value: number;
}

export async function loadMacroSeries(pg: Pg, series: number, from?: string): Promise<MacroPoint[]> {
  const r = await pg.query<MacroPoint>(
    `SELECT series, to_char(date, 'YYYY-MM-DD') AS date, value::float8 AS value FROM macro_series
     WHERE series = $1 AND ($2::date IS NULL OR date >= $2::date) ORDER BY date`,
    [series, from ?? null],
  );
  return r.rows;
}

/** Whether the database knows the ticker at all (bars, fundamentals, dividends or a profile). */
export async function tickerKnown(pg: Pg, ticker: string): Promise<boolean> {
  const r = await pg.query<{ known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM securities WHERE ticker = $1)
         OR EXISTS (SELECT 1 FROM daily_bars WHERE ticker = $1)
         OR EXISTS (SELECT 1 FROM source_bars WHERE ticker = $1)
         OR EXISTS (SELECT 1 FROM fundamentals WHERE ticker = $1)
         OR EXISTS (SELECT 1 FROM dividends WHERE ticker = $1)
         OR EXISTS (SELECT 1 FROM company_profiles WHERE ticker = $1) AS known`,
    [ticker],
  );
  return r.rows[0]?.known ?? false;
}

/** A statement line as the analysis reads it, with its filing's delivery date. */
export interface StatementRow extends StatementLine {
  delivered_at: string | null;
}

/**
 * The company behind a ticker, by CVM code: B3's company profile says it; else the one active CVM
 * register company whose trading name is, or starts with the word, the short name B3's COTAHIST
 * file gives the ticker (CAML3 "CAMIL" → "CAMIL ALIMENTOS S/A"); two candidates → unknown.
 */
export async function cvmCodeOf(pg: Pg, ticker: string): Promise<string | null> {
  const profile = await pg.query<{ code: string | null }>(
    `SELECT data->>'cvm_code' AS code FROM company_profiles WHERE ticker = $1 AND data->>'cvm_code' IS NOT NULL
     ORDER BY fetched_at DESC LIMIT 1`,
    [ticker],
  );
  if (profile.rows[0]?.code) return String(Number(profile.rows[0].code));
  const byName = await pg.query<{ cvm_code: string }>(
    `SELECT c.cvm_code FROM securities s JOIN companies c
       ON upper(c.trading_name) = upper(trim(s.name)) OR upper(c.trading_name) LIKE upper(trim(s.name)) || ' %'
     WHERE s.ticker = $1 AND c.status = 'ATIVO' AND length(trim(s.name)) >= 3 LIMIT 2`,
    [ticker],
  );
  return byName.rows.length === 1 ? (byName.rows[0]?.cvm_code ?? null) : null;
}

export async function loadStatements(pg: Pg, cvmCode: string): Promise<StatementRow[]> {
  const r = await pg.query<StatementRow>(
    `SELECT cvm_code, document, statement, consolidated, to_char(ref_date, 'YYYY-MM-DD') AS ref_date, version,
            fiscal_order, to_char(period_start, 'YYYY-MM-DD') AS period_start,
            to_char(period_end, 'YYYY-MM-DD') AS period_end, account_code, account_name, value::float8 AS value,
            to_char(delivered_at, 'YYYY-MM-DD') AS delivered_at
     FROM statements WHERE cvm_code = $1`,
    [cvmCode],
  );
  return r.rows;
}

export interface SplitRow {
  source: string;
  date: string;
  date_basis: 'ex_date' | 'data_com';
  kind: 'split' | 'reverse_split' | 'bonus';
  from: number;
  to: number;
}

export async function loadSplits(pg: Pg, ticker: string): Promise<SplitRow[]> {
  const r = await pg.query<SplitRow>(
    `SELECT source, to_char(date, 'YYYY-MM-DD') AS date, date_basis, kind, from_shares::float8 AS "from",
            to_shares::float8 AS "to"
     FROM corporate_actions WHERE ticker = $1 ORDER BY date, source`,
    [ticker],
  );
  return r.rows;
}
