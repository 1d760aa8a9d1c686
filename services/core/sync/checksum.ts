import { ident, type TableShape } from './catalog';

/**
 * A table's row count and an order-independent checksum of its carried columns (the sum of the
 * first 60 bits of each row's md5), computed by the same SQL on PGlite and on the remote. The
 * snapshot id is left out (each database numbers snapshots its own way); timestamps print in UTC.
 */
export function checksumSql(shape: TableShape): string {
  const cols = shape.columns.filter((c) => c.name !== 'snapshot_id').map((c) => ident(c.name));
  return `SELECT count(*)::bigint::text AS rows,
    coalesce(sum(('x' || substr(md5(row(${cols.join(', ')})::text), 1, 15))::bit(60)::bigint), 0)::text AS sum
    FROM ${ident(shape.table.name)}`;
}

export interface Checksum {
  rows: string;
  sum: string;
}

type Query = (sql: string) => Promise<{ rows: unknown[] }>;

/** Run the checksum with the session's time zone set to UTC for its duration. */
export async function tableChecksum(query: Query, shape: TableShape): Promise<Checksum> {
  await query('BEGIN');
  try {
    await query(`SET LOCAL TimeZone = 'UTC'`);
    const r = await query(checksumSql(shape));
    return r.rows[0] as Checksum;
  } finally {
    await query('COMMIT');
  }
}
