import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migratePg, openPg, type Pg } from '../../services/core/storage/pg';
import { RESOURCES_DIR } from './fixtures';

const PG_MIGRATIONS = join(RESOURCES_DIR, 'migrations', 'pg');

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(PG_MIGRATIONS).sort()) h.update(f).update(readFileSync(join(PG_MIGRATIONS, f)));
  return h.digest('hex').slice(0, 16);
}

let cached: Blob | undefined;

/**
 * A migrated PGlite cluster as a tarball, made once (initdb is slow) and shared by every test file
 * through a file in the temp dir keyed by the migrations' content.
 */
export async function pgTemplate(): Promise<Blob> {
  if (cached) return cached;
  const file = join(tmpdir(), `b3ai-pg-template-${migrationsHash()}.tar.gz`);
  if (!existsSync(file)) {
    const pg = await PGlite.create();
    await migratePg(pg, PG_MIGRATIONS);
    const dump = await pg.dumpDataDir('gzip');
    await pg.close();
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  }
  cached = new Blob([readFileSync(file)]);
  return cached;
}

/** A fresh in-memory database with the schema, from the shared template. */
export async function freshPg(): Promise<Pg> {
  return openPg({ dir: 'memory://', migrationsDir: PG_MIGRATIONS, template: await pgTemplate() });
}
