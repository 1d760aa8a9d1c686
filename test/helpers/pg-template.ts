import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPg, type Pg } from '../../services/core/storage/pg';
import { migrationsKey, pgliteVersion } from '../../services/core/storage/pg-template';
import { buildPgTemplate } from '../../services/core/storage/pg-template-build';
import { RESOURCES_DIR } from './fixtures';

const PG_MIGRATIONS = join(RESOURCES_DIR, 'migrations', 'pg');

let cached: Blob | undefined;

/**
 * A migrated PGlite cluster as a tarball (the app's own template builder), made once (initdb is
 * slow) and shared by every test file through a file in the temp dir keyed by the migrations'
 * content and the PGlite version.
 */
export async function pgTemplate(): Promise<Blob> {
  if (cached) return cached;
  const key = `${migrationsKey(PG_MIGRATIONS).hash}-${pgliteVersion()}`;
  const file = join(tmpdir(), `b3ai-pg-template-2-${key}.tar.gz`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, await buildPgTemplate(PG_MIGRATIONS));
    renameSync(tmp, file);
  }
  cached = new Blob([readFileSync(file)]);
  return cached;
}

/** A fresh in-memory database with the schema, from the shared template. */
export async function freshPg(): Promise<Pg> {
  return openPg({ dir: 'memory://', migrationsDir: PG_MIGRATIONS, template: await pgTemplate() });
}
