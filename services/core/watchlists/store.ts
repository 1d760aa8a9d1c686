import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { WATCHLIST_TICKERS_MAX, type Watchlist } from '../../contract/watchlists';
import type { Pg } from '../storage/pg';

const COLS = `id, name, tickers,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at`;

export async function listWatchlists(pg: Pg): Promise<Watchlist[]> {
  return (await pg.query<Watchlist>(`SELECT ${COLS} FROM watchlists ORDER BY created_at, id`)).rows;
}

export async function getWatchlist(pg: Pg, id: string): Promise<Watchlist> {
  const w = (await pg.query<Watchlist>(`SELECT ${COLS} FROM watchlists WHERE id = $1`, [id])).rows[0];
  if (!w) throw new AppError('NOT_FOUND', 'no watchlist with that id', { fields: ['id'] });
  return w;
}

/**
 * The tickers the local data does not know (no COTAHIST security, no fundamentals, no screener row):
 * a watchlist holds only tickers something can be shown for.
 */
export async function unknownTickers(pg: Pg, tickers: readonly string[]): Promise<string[]> {
  if (tickers.length === 0) return [];
  const r = await pg.query<{ t: string }>(
    `SELECT t FROM unnest($1::text[]) AS t
     WHERE NOT EXISTS (SELECT 1 FROM securities s WHERE s.ticker = t)
       AND NOT EXISTS (SELECT 1 FROM fundamentals f WHERE f.ticker = t)
       AND NOT EXISTS (SELECT 1 FROM screener_rows r WHERE r.ticker = t)`,
    [[...tickers]],
  );
  return r.rows.map((x) => x.t);
}

async function checkTickers(pg: Pg, tickers: readonly string[], field: string): Promise<void> {
  const unknown = await unknownTickers(pg, tickers);
  if (unknown.length)
    throw new AppError('INVALID_INPUT', `${field}: not in the local data: ${unknown.join(', ')}`, {
      fields: [field],
      unknown,
    });
  if (tickers.length > WATCHLIST_TICKERS_MAX)
    throw new AppError('INVALID_INPUT', `${field}: at most ${WATCHLIST_TICKERS_MAX} tickers`, {
      fields: [field],
    });
}

async function checkName(pg: Pg, name: string, except: string | null): Promise<void> {
  const clash = await pg.query(
    `SELECT 1 FROM watchlists WHERE lower(name) = lower($1) AND ($2::text IS NULL OR id <> $2)`,
    [name, except],
  );
  if (clash.rows.length)
    throw new AppError('CONFLICT', 'a watchlist with that name already exists', { fields: ['name'] });
}

export async function createWatchlist(pg: Pg, name: string, tickers: readonly string[]): Promise<Watchlist> {
  await checkName(pg, name, null);
  await checkTickers(pg, tickers, 'tickers');
  const r = await pg.query<Watchlist>(
    `INSERT INTO watchlists (id, name, tickers, created_at, updated_at)
     VALUES ($1, $2, $3::text[], clock_timestamp(), clock_timestamp()) RETURNING ${COLS}`,
    [randomUUID(), name, [...tickers]],
  );
  return r.rows[0]!;
}

export interface WatchlistChange {
  name?: string | undefined;
  tickers?: string[] | undefined;
  add?: string[] | undefined;
  remove?: string[] | undefined;
}

/** The tickers after a change: replaced, then added (at the end, once each), then removed. */
export function applyChange(current: readonly string[], change: WatchlistChange): string[] {
  const out = [...(change.tickers ?? current)];
  for (const t of change.add ?? []) if (!out.includes(t)) out.push(t);
  const gone = new Set(change.remove ?? []);
  return out.filter((t) => !gone.has(t));
}

export async function updateWatchlist(pg: Pg, id: string, change: WatchlistChange): Promise<Watchlist> {
  const w = await getWatchlist(pg, id);
  if (change.name !== undefined) await checkName(pg, change.name, id);
  const tickers = applyChange(w.tickers, change);
  const added = tickers.filter((t) => !w.tickers.includes(t));
  await checkTickers(pg, added, change.tickers ? 'tickers' : 'add');
  if (tickers.length > WATCHLIST_TICKERS_MAX)
    throw new AppError('INVALID_INPUT', `at most ${WATCHLIST_TICKERS_MAX} tickers`, { fields: ['tickers'] });
  const r = await pg.query<Watchlist>(
    `UPDATE watchlists SET name = $2, tickers = $3::text[],
       updated_at = greatest(clock_timestamp(), updated_at + interval '1 millisecond')
     WHERE id = $1 RETURNING ${COLS}`,
    [id, change.name ?? w.name, tickers],
  );
  return r.rows[0]!;
}

export async function deleteWatchlist(pg: Pg, id: string): Promise<void> {
  const r = await pg.query(`DELETE FROM watchlists WHERE id = $1`, [id]);
  if (!r.affectedRows) throw new AppError('NOT_FOUND', 'no watchlist with that id', { fields: ['id'] });
}
