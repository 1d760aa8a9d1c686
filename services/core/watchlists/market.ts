import type { Pg } from '../storage/pg';

/** Equity-like lots of COTAHIST (standard lot, FIIs, ETFs): what breadth and the default list count. */
const MARKET_CODBDI = ['02', '12', '14'];

export interface Move {
  ticker: string;
  close: number;
  change_pct: number;
  volume: number;
}

export interface Breadth {
  date: string | null;
  previous_date: string | null;
  advancers: number;
  decliners: number;
  unchanged: number;
  gainers: Move[];
  losers: Move[];
  most_traded: { ticker: string; close: number; volume: number }[];
}

/** The last two sessions in the local COTAHIST data (null when there is none / only one). */
export async function lastSessions(pg: Pg): Promise<{ date: string | null; previous: string | null }> {
  const r = await pg.query<{ d: string | null }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS d FROM (SELECT DISTINCT date FROM daily_bars ORDER BY date DESC LIMIT 2) x ORDER BY date DESC`,
  );
  return { date: r.rows[0]?.d ?? null, previous: r.rows[1]?.d ?? null };
}

/**
 * Breadth of the last session against the one before it (tickers traded on both), the biggest moves
 * among the liquid ones (traded at least R$ 1 million that day) and the most traded of the day.
 */
export async function breadthOf(pg: Pg, minVolume = 1_000_000, top = 5): Promise<Breadth> {
  const { date, previous } = await lastSessions(pg);
  const empty: Breadth = {
    date,
    previous_date: previous,
    advancers: 0,
    decliners: 0,
    unchanged: 0,
    gainers: [],
    losers: [],
    most_traded: [],
  };
  if (!date) return empty;
  const traded = await pg.query<{ ticker: string; close: number; volume: number }>(
    `SELECT ticker, close::float8 AS close, volume::float8 AS volume FROM daily_bars
     WHERE date = $1 AND codbdi = ANY($2::text[]) ORDER BY volume DESC, ticker LIMIT $3`,
    [date, MARKET_CODBDI, top],
  );
  empty.most_traded = traded.rows;
  if (!previous) return empty;
  const moves = await pg.query<Move>(
    `SELECT a.ticker, a.close::float8 AS close, a.volume::float8 AS volume,
            ((a.close / b.close - 1) * 100)::float8 AS change_pct
     FROM daily_bars a JOIN daily_bars b ON b.ticker = a.ticker AND b.date = $2
     WHERE a.date = $1 AND a.codbdi = ANY($3::text[]) AND b.close > 0`,
    [date, previous, MARKET_CODBDI],
  );
  const all = moves.rows;
  const liquid = all.filter((m) => m.volume >= minVolume);
  const byChange = [...liquid].sort(
    (x, y) => y.change_pct - x.change_pct || x.ticker.localeCompare(y.ticker),
  );
  return {
    ...empty,
    advancers: all.filter((m) => m.change_pct > 0).length,
    decliners: all.filter((m) => m.change_pct < 0).length,
    unchanged: all.filter((m) => m.change_pct === 0).length,
    gainers: byChange.filter((m) => m.change_pct > 0).slice(0, top),
    losers: byChange
      .filter((m) => m.change_pct < 0)
      .reverse()
      .slice(0, top),
  };
}

/** The default watchlist: the most traded tickers (average R$ volume over the last 20 sessions). */
export async function mostTraded(pg: Pg, n = 8): Promise<string[]> {
  const r = await pg.query<{ ticker: string }>(
    `WITH days AS (SELECT DISTINCT date FROM daily_bars ORDER BY date DESC LIMIT 20)
     SELECT ticker FROM daily_bars WHERE date IN (SELECT date FROM days) AND codbdi = ANY($1::text[])
     GROUP BY ticker ORDER BY avg(volume) DESC, ticker LIMIT $2`,
    [MARKET_CODBDI, n],
  );
  return r.rows.map((x) => x.ticker);
}

export interface Spark {
  closes: number[];
  dates: string[];
}

/** The last `n` closes per ticker, oldest first. */
export async function sparklines(pg: Pg, tickers: readonly string[], n = 30): Promise<Map<string, Spark>> {
  const out = new Map<string, Spark>(tickers.map((t) => [t, { closes: [], dates: [] }]));
  if (tickers.length === 0) return out;
  const r = await pg.query<{ ticker: string; date: string; close: number }>(
    `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, close::float8 AS close FROM (
       SELECT ticker, date, close, row_number() OVER (PARTITION BY ticker ORDER BY date DESC) AS rn
       FROM daily_bars WHERE ticker = ANY($1::text[])) x
     WHERE rn <= $2 ORDER BY ticker, date`,
    [[...tickers], n],
  );
  for (const row of r.rows) {
    const s = out.get(row.ticker);
    if (s) {
      s.closes.push(row.close);
      s.dates.push(row.date);
    }
  }
  return out;
}

/** Display names: the sites' company name, else the COTAHIST short name. */
export async function namesOf(pg: Pg, tickers: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (tickers.length === 0) return out;
  const [sites, b3] = await Promise.all([
    pg.query<{ ticker: string; name: string }>(
      `SELECT DISTINCT ON (ticker) ticker, value_text AS name FROM fundamentals
       WHERE ticker = ANY($1::text[]) AND metric = 'company_name' AND value_text IS NOT NULL
       ORDER BY ticker, fetched_at DESC`,
      [[...tickers]],
    ),
    pg.query<{ ticker: string; name: string }>(
      `SELECT ticker, name FROM securities WHERE ticker = ANY($1::text[])`,
      [[...tickers]],
    ),
  ]);
  for (const r of b3.rows) out.set(r.ticker, r.name.trim());
  for (const r of sites.rows) if (r.name.trim()) out.set(r.ticker, r.name.trim());
  return out;
}

/** Each ticker's sector as the sites last gave it (null when none did). */
export async function sectorsOf(pg: Pg, tickers: readonly string[]): Promise<Map<string, string>> {
  if (tickers.length === 0) return new Map();
  const r = await pg.query<{ ticker: string; sector: string }>(
    `SELECT DISTINCT ON (ticker) ticker, value_text AS sector FROM fundamentals
     WHERE ticker = ANY($1::text[]) AND metric = 'sector' AND value_text IS NOT NULL
     ORDER BY ticker, fetched_at DESC`,
    [[...tickers]],
  );
  return new Map(r.rows.map((x) => [x.ticker, x.sector.trim()]));
}
