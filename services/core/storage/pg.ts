import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '../logging/logger';
import { readMigrations } from './migrations';

const log = createLogger('storage.pg');

export type Pg = PGlite;

export interface OpenPgOptions {
  /** Folder of the database cluster; `memory://` for a throwaway one. */
  dir: string;
  migrationsDir: string;
  /** A tarball from `dumpDataDir` to start from instead of running initdb (tests share one template). */
  template?: Blob;
}

/** Open (creating if needed) the embedded PostgreSQL and bring its schema up to date. */
export async function openPg(opts: OpenPgOptions): Promise<Pg> {
  if (!opts.dir.startsWith('memory://')) mkdirSync(opts.dir, { recursive: true });
  const started = Date.now();
  const pg = await PGlite.create({
    dataDir: opts.dir,
    ...(opts.template ? { loadDataDir: opts.template } : {}),
  });
  try {
    await migratePg(pg, opts.migrationsDir);
  } catch (e) {
    await pg.close();
    throw e;
  }
  log.info('pglite ready', { dir: opts.dir, ms: Date.now() - started });
  return pg;
}

export async function migratePg(pg: Pg, migrationsDir: string): Promise<number> {
  await pg.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set(
    (await pg.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
  );
  let applied = 0;
  for (const m of readMigrations(migrationsDir)) {
    if (done.has(m.version)) continue;
    await pg.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    log.info('migration applied', { db: 'pg', version: m.version, name: m.name });
    applied++;
  }
  return applied;
}

export function pgDir(dataDir: string): string {
  return join(dataDir, 'pg');
}
