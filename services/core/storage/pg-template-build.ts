import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePg, PG_SETTINGS, pgStartParams } from './pg';
import {
  migrationsKey,
  PG_TEMPLATE_DIR,
  PG_TEMPLATE_FILE,
  PG_TEMPLATE_MANIFEST,
  pgliteVersion,
  readPgTemplate,
  sha256,
  type PgTemplateManifest,
} from './pg-template';

/** A new cluster (initdb) with every migration of the folder applied, as a tarball. */
export async function buildPgTemplate(migrationsDir: string): Promise<Uint8Array> {
  // The app's settings, and WAL segments removed rather than recycled (a recycled one keeps its
  // old records, 16 MB that would ship for nothing).
  const pg = await PGlite.create({ startParams: pgStartParams({ ...PG_SETTINGS, wal_recycle: 'off' }) });
  try {
    await migratePg(pg, migrationsDir);
    // Checkpoint, move to a new WAL segment and checkpoint there: the cluster opens without
    // replaying anything, and its only segment holds one checkpoint record and zeros.
    await pg.exec('CHECKPOINT');
    await pg.query('SELECT pg_switch_wal()');
    await pg.exec('CHECKPOINT');
    const dump = await pg.dumpDataDir('gzip');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await pg.close();
  }
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export interface EnsuredTemplate {
  /** False when a template of the same migrations and PGlite was already there. */
  built: boolean;
  manifest: PgTemplateManifest;
  ms: number;
}

/**
 * Make the shipped template (out/pg-template: the tarball and its manifest) unless one of the same
 * migrations, made by the same PGlite, is there and whole. The tarball is written before the
 * manifest that vouches for it, each by rename, so a reader never sees a half-written pair as whole.
 */
export async function ensurePgTemplate(
  migrationsDir: string,
  dir: string = PG_TEMPLATE_DIR,
): Promise<EnsuredTemplate> {
  const started = Date.now();
  const migrations = migrationsKey(migrationsDir);
  const pglite = pgliteVersion();
  const current = readPgTemplate(dir);
  if (
    current.ok &&
    current.manifest.migrations.hash === migrations.hash &&
    current.manifest.migrations.count === migrations.count
  )
    return { built: false, manifest: current.manifest, ms: Date.now() - started };
  const tarball = await buildPgTemplate(migrationsDir);
  const manifest: PgTemplateManifest = {
    format: 2,
    migrations,
    pglite,
    bytes: tarball.length,
    sha256: sha256(tarball),
  };
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, PG_TEMPLATE_FILE), tarball);
  writeAtomic(join(dir, PG_TEMPLATE_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return { built: true, manifest, ms: Date.now() - started };
}
