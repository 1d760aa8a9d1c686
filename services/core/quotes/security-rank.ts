import type { Security } from '../../contract';
import type { Pg } from '../storage/pg';

/**
 * Search that finds what people mean (issue 15, item 3): the exact ticker first, then every security
 * whose ticker or name holds each word of the query, by liquidity (the average traded value of its
 * last 21 sessions in the local data), accents and case ignored: "itau" → ITUB4 (ITAUUNIBANCO)
 * before ITSA4 (ITAUSA); "petrobras" → PETR4, PETR3, then BRDT3 (PETROBRAS BR).
 */

export interface RankedEntry {
  security: Security;
  /** Ticker and name, accents stripped and upper-cased, for matching. */
  haystack: string;
  /** Average traded value (R$) over the last 21 sessions stored; 0 without bars. */
  liquidity: number;
}

/** Sessions the liquidity averages over (about a month of trading). */
export const LIQUIDITY_SESSIONS = 21;

/** Accents stripped, upper case, runs of spaces as one. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every security with its last close and liquidity, most liquid first (ties: ticker length, ticker). */
export async function loadRankedEntries(pg: Pg): Promise<RankedEntry[]> {
  const { rows } = await pg.query<Security & { liquidity: number | null }>(
    `SELECT s.ticker, s.name, s.specification, s.isin, s.last_date::text AS "lastDate", b.close::float8 AS "lastClose",
            (SELECT avg(d.volume)::float8 FROM (SELECT volume FROM daily_bars x WHERE x.ticker = s.ticker
               ORDER BY x.date DESC LIMIT ${LIQUIDITY_SESSIONS}) d) AS liquidity
     FROM securities s JOIN daily_bars b ON b.ticker = s.ticker AND b.date = s.last_date`,
  );
  const entries = rows.map(({ liquidity, ...security }) => ({
    security,
    haystack: fold(`${security.ticker} ${security.name}`),
    liquidity: liquidity ?? 0,
  }));
  return entries.sort(byLiquidity);
}

function byLiquidity(a: RankedEntry, b: RankedEntry): number {
  const x = a.security.ticker;
  const y = b.security.ticker;
  return b.liquidity - a.liquidity || x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** The search over entries already sorted by liquidity (`loadRankedEntries`). */
export function rankSecurities(entries: readonly RankedEntry[], q: string, limit: number): Security[] {
  const term = fold(q);
  if (term === '') return entries.slice(0, limit).map((e) => e.security);
  const exactTicker = term.replace(/ /g, '');
  const words = term.split(' ');
  const exact: Security[] = [];
  const rest: Security[] = [];
  for (const e of entries) {
    if (e.security.ticker === exactTicker) exact.push(e.security);
    else if (rest.length < limit && words.every((w) => e.haystack.includes(w))) rest.push(e.security);
  }
  return exact.concat(rest).slice(0, limit);
}
