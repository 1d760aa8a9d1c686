import type { DailyBar, Security } from '../../contract';
import type { Pg } from '../storage/pg';
import { loadRankedEntries, rankSecurities } from './security-rank';

/** Securities whose ticker starts with `q` (first) or whose name contains it; all when `q` is empty. */
/** `tickers.search` without the in-memory list: the same ranking over a fresh load (security-rank.ts). */
export async function searchSecurities(pg: Pg, q: string, limit: number): Promise<Security[]> {
  return rankSecurities(await loadRankedEntries(pg), q, limit);
}

export async function getSecurity(pg: Pg, ticker: string): Promise<Security | null> {
  const { rows } = await pg.query<Security>(
    `SELECT s.ticker, s.name, s.specification, s.isin, s.last_date::text AS "lastDate", b.close::float8 AS "lastClose"
     FROM securities s JOIN daily_bars b ON b.ticker = s.ticker AND b.date = s.last_date
     WHERE s.ticker = $1`,
    [ticker],
  );
  return rows[0] ?? null;
}

export async function listBars(pg: Pg, ticker: string, from?: string, to?: string): Promise<DailyBar[]> {
  const { rows } = await pg.query<DailyBar>(
    `SELECT date::text AS date, open::float8 AS open, high::float8 AS high, low::float8 AS low, close::float8 AS close,
            average::float8 AS average, volume::float8 AS volume, trades, quantity::float8 AS quantity, isin, codbdi,
            quote_factor AS "quoteFactor"
     FROM daily_bars
     WHERE ticker = $1 AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date)
     ORDER BY date`,
    [ticker, from ?? null, to ?? null],
  );
  return rows;
}

export async function countBars(pg: Pg): Promise<number> {
  const { rows } = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_bars');
  return rows[0]?.n ?? 0;
}
