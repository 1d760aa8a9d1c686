import { join } from 'node:path';
import { readMigrations } from '../storage/migrations';
import type { RemoteClient } from '../storage/pg-connect';
import { ident, OBSERVATION_TABLES } from './catalog';

/**
 * The remote's schema, versioned in its own table `b3ai_remote_migrations` (set, version): the
 * app's pg migrations (the same tables as each computer's database: one set of SQL), then the
 * remote's own (resources/migrations/remote), then the time-series layout, chosen once: hypertables
 * with a compression policy where the `timescaledb` extension is available, BRIN indexes on the
 * date column otherwise. Runs under an advisory lock, so two computers starting a first push at
 * once do not both migrate.
 */
export type Layout = 'timescale' | 'brin';

const LOCK = 0x62336169; // 'b3ai'

export function layoutSql(layout: Layout): string[] {
  const out: string[] = [];
  if (layout === 'timescale') out.push('CREATE EXTENSION IF NOT EXISTS timescaledb');
  for (const t of OBSERVATION_TABLES) {
    if (!t.time) continue;
    const tab = ident(t.name);
    const col = t.time.column;
    if (layout === 'timescale') {
      const interval = t.name === 'daily_bars' || t.name === 'macro_series' ? '1 year' : '3 months';
      out.push(
        `SELECT create_hypertable('${t.name}', '${col}', chunk_time_interval => INTERVAL '${interval}', migrate_data => true, if_not_exists => true)`,
        `ALTER TABLE ${tab} SET (timescaledb.compress, timescaledb.compress_segmentby = '${t.time.segmentBy}', timescaledb.compress_orderby = '${col} DESC')`,
        `SELECT add_compression_policy('${t.name}', INTERVAL '90 days', if_not_exists => true)`,
      );
    } else {
      out.push(
        `CREATE INDEX IF NOT EXISTS ${ident(`${t.name}_${col}_brin`)} ON ${tab} USING brin (${ident(col)})`,
      );
    }
  }
  return out;
}

export async function timescaleAvailable(client: RemoteClient): Promise<boolean> {
  const r = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  return (r.rowCount ?? 0) > 0;
}

export interface RemoteSchema {
  applied: string[];
  layout: Layout;
  remoteId: string;
}

export async function migrateRemote(
  client: RemoteClient,
  resourcesDir: string,
  opts: { timescale?: 'auto' | 'off' } = {},
): Promise<RemoteSchema> {
  const applied: string[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS b3ai_remote_migrations (
      set_name text NOT NULL, version integer NOT NULL, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (set_name, version))`);
    const done = new Set(
      (
        await client.query<{ k: string }>(
          `SELECT set_name || ':' || version AS k FROM b3ai_remote_migrations`,
        )
      ).rows.map((r) => r.k),
    );
    const step = async (set: string, version: number, name: string, sql: string[]): Promise<void> => {
      if (done.has(`${set}:${version}`)) return;
      await client.query('BEGIN');
      try {
        for (const s of sql) await client.query(s);
        await client.query(
          'INSERT INTO b3ai_remote_migrations (set_name, version, name) VALUES ($1, $2, $3)',
          [set, version, name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      applied.push(`${set}/${String(version).padStart(4, '0')}_${name}`);
    };
    const migrations = join(resourcesDir, 'migrations');
    for (const m of readMigrations(join(migrations, 'pg'))) await step('pg', m.version, m.name, [m.sql]);
    for (const m of readMigrations(join(migrations, 'remote')))
      await step('remote', m.version, m.name, [m.sql]);
    const chosen = await client.query<{ name: string }>(
      `SELECT name FROM b3ai_remote_migrations WHERE set_name = 'layout'`,
    );
    let layout = chosen.rows[0]?.name as Layout | undefined;
    if (!layout) {
      layout = opts.timescale !== 'off' && (await timescaleAvailable(client)) ? 'timescale' : 'brin';
      await step('layout', 1, layout, layoutSql(layout));
    }
    const id = await client.query<{ remote_id: string }>('SELECT remote_id FROM b3ai_sync_meta');
    return { applied, layout, remoteId: id.rows[0]!.remote_id };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]);
  }
}
