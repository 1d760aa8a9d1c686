import type { Transaction } from '@electric-sql/pglite';

export type Cell = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

/** One CSV field as PostgreSQL's COPY reads it: unquoted empty is NULL, everything else quoted. */
function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.replace(/"/g, '""')}"`;
}

export interface CopyUpsert {
  table: string;
  columns: readonly string[];
  /** The conflict target (the table's primary key). */
  key: readonly string[];
  rows: Cell[][];
}

/**
 * Bulk upsert: COPY the rows into a temporary copy of the table, then one INSERT … SELECT … ON
 * CONFLICT DO UPDATE. Rows that repeat a key within one batch keep the last one.
 */
export async function copyUpsert(tx: Transaction, u: CopyUpsert): Promise<number> {
  if (u.rows.length === 0) return 0;
  const stage = `stage_${u.table}`;
  const cols = u.columns.join(', ');
  await tx.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE ${u.table} INCLUDING DEFAULTS) ON COMMIT DROP`,
  );
  await tx.exec(`TRUNCATE ${stage}`);
  const chunks: string[] = [];
  for (const r of u.rows) chunks.push(r.map(csvCell).join(','));
  const blob = new Blob([chunks.join('\n') + '\n']);
  await tx.query(`COPY ${stage} (${cols}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
  const updates = u.columns.filter((c) => !u.key.includes(c));
  const onConflict = updates.length
    ? `DO UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`
    : 'DO NOTHING';
  // DISTINCT ON keeps one row per key (the last COPYed, by ctid) so ON CONFLICT never sees a key twice.
  const res = await tx.query(
    `INSERT INTO ${u.table} (${cols})
     SELECT DISTINCT ON (${u.key.join(', ')}) ${cols} FROM ${stage} ORDER BY ${u.key.join(', ')}, ctid DESC
     ON CONFLICT (${u.key.join(', ')}) ${onConflict}`,
  );
  return res.affectedRows ?? u.rows.length;
}
