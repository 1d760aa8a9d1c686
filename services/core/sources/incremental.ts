import type { Pg } from '../storage/pg';

/**
 * Incremental fetch of a macro series: from the day after the last stored point (`upToDate` when
 * that is in the future); `from` null when nothing is stored yet (the fetcher picks its own window).
 */
export async function nextFromForSeries(
  pg: Pg,
  source: string,
  series: string,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<{ from: string | null; upToDate: boolean }> {
  const code = Number(series);
  if (!Number.isInteger(code)) return { from: null, upToDate: false };
  const r = await pg.query<{ last: string | null }>(
    `SELECT to_char(max(date), 'YYYY-MM-DD') AS last FROM macro_series WHERE source = $1 AND series = $2`,
    [source, code],
  );
  const last = r.rows[0]?.last;
  if (!last) return { from: null, upToDate: false };
  const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return next > today ? { from: null, upToDate: true } : { from: next, upToDate: false };
}
