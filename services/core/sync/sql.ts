import type { Pg } from '../storage/pg';
import { ident, SHAPE_SQL, shapeOf, type ObservationTable, type ShapeRow, type TableShape } from './catalog';

/**
 * Rows travel as one JSON text per batch: the sending database renders it (`json_agg`), the
 * receiving one reads it (`json_to_recordset`) and upserts. Neither side parses a row in
 * JavaScript, and numbers keep their exact digits (numeric as written, float8 shortest-exact).
 */
export async function localShape(pg: Pg, table: ObservationTable): Promise<TableShape | null> {
  const r = await pg.query<ShapeRow>(SHAPE_SQL, [table.name]);
  return r.rows.length ? shapeOf(table, r.rows) : null;
}

/** `json_to_recordset(...) AS r(col type, ...)` for the shape's columns. */
export function recordset(shape: TableShape, param: string): string {
  return `json_to_recordset(${param}::json) AS r(${shape.columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ')})`;
}

/**
 * INSERT … SELECT … ON CONFLICT (natural key) DO UPDATE only where a value differs (an equal
 * re-push is no write at all, and keeps the row's sync_seq). `select` gives each column's
 * expression over `r` (and the snapshot map `m`).
 */
export function upsertSql(shape: TableShape, from: string, select: (col: string) => string): string {
  const cols = shape.columns.map((c) => c.name);
  const rest = cols.filter((c) => !shape.key.includes(c));
  const t = ident(shape.table.name);
  const onConflict = rest.length
    ? `DO UPDATE SET ${rest.map((c) => `${ident(c)} = excluded.${ident(c)}`).join(', ')}
       WHERE (${rest.map((c) => `${t}.${ident(c)}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `excluded.${ident(c)}`).join(', ')})`
    : 'DO NOTHING';
  return `INSERT INTO ${t} (${cols.map(ident).join(', ')})
    SELECT ${cols.map(select).join(', ')} FROM ${from}
    ON CONFLICT (${shape.key.map(ident).join(', ')}) ${onConflict}`;
}

/** The snapshot column translated through `m` (the map joined as `m`); NULL stays NULL. */
export const SNAPSHOT_EXPR = (mapped: string): string =>
  `CASE WHEN r.snapshot_id IS NULL THEN NULL ELSE coalesce(${mapped}, 0) END`;

/**
 * SELECT of one window (`$1` < sync_seq <= `$2`) of a table as a JSON text; snapshot ids as
 * `snapshotExpr` says (over the joined map), else as stored.
 */
export function windowJsonSql(shape: TableShape, snapshotExpr?: string, join = ''): string {
  const cols = shape.columns.map((c) =>
    c.name === 'snapshot_id' && snapshotExpr ? `${snapshotExpr} AS snapshot_id` : `r.${ident(c.name)}`,
  );
  return `SELECT count(*)::int AS n, coalesce(json_agg(x), '[]')::text AS rows FROM (
    SELECT ${cols.join(', ')} FROM ${ident(shape.table.name)} r ${join}
    WHERE r.sync_seq > $1 AND r.sync_seq <= $2) x`;
}

/**
 * Windows over `sync_seq` from `from` (exclusive) to `to` (inclusive), sized so that each holds
 * about `batch` rows: the numbers are dense after a bulk insert, sparse after updates and other
 * tables' inserts (one sequence for all). `read` returns how many rows the window held.
 */
export async function forWindows(
  from: bigint,
  to: bigint,
  batch: number,
  read: (lo: bigint, hi: bigint) => Promise<number>,
): Promise<void> {
  let lo = from;
  let width = BigInt(batch);
  const max = BigInt(batch * 8);
  while (lo < to) {
    const hi = lo + width > to ? to : lo + width;
    const n = await read(lo, hi);
    lo = hi;
    const next = (width * BigInt(batch)) / BigInt(Math.max(n, 1));
    width = next < BigInt(batch) ? BigInt(batch) : next > max ? max : next;
  }
}
