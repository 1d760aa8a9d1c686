import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { createLogger } from '../logging/logger';
import { readMigrations } from './migrations';
import { appPath } from '../app-root';
import { extractPgTemplate, gunzipTemplate, readPgTemplate } from './pg-template';

const log = createLogger('storage.pg');

/**
 * V8 runs PostgreSQL's WebAssembly first as baseline (Liftoff) code and recompiles a function with
 * TurboFan once it has spent a budget of work. The default budget (1.8 M) has a first bulk load (a
 * COTAHIST import) recompile most of PostgreSQL's hot paths while it runs, on the same two cores:
 * bench/cotahist's first import of a process took 1.5–2.1 s of CPU where the same import again took
 * ~0.9 s. With 20 M, few functions but the hottest are recompiled during one import: ~1.1–1.3 s the
 * first time, the same ~0.85 s the next. Starting PostgreSQL is no slower for it (`b3ai quotes`,
 * six interleaved pairs: 1.33 s mean with the default, 1.27 s with 20 M). Set before PGlite compiles
 * its module; changing it later, around one import only, made that import slower still.
 */
export const WASM_TIERING_BUDGET = 20_000_000;
setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);

export type Pg = PGlite;

/**
 * PostgreSQL settings for every PGlite the app opens, on top of PGlite's own start parameters.
 * PGlite's shared memory is allocated and zero-filled inside the WebAssembly heap when it starts,
 * so all of `shared_buffers` is resident from the first second (initdb picks 160 MB). The rest of
 * the database is read through the operating system's page cache, as native PostgreSQL does; see
 * bench/memory for what each setting gives.
 */
export const PG_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '16MB',
  // Nothing replicates from PGlite: the WAL only has to make a crash recoverable. With `minimal`,
  // a table or index created (or truncated) in a transaction is written without WAL (a first
  // COTAHIST import, an index rebuild); minimal requires no WAL senders.
  wal_level: 'minimal',
  max_wal_senders: '0',
};

export function pgStartParams(settings: Readonly<Record<string, string>> = PG_SETTINGS): string[] {
  return [...PGlite.defaultStartParams, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

export interface OpenPgOptions {
  /** Folder of the database cluster; `memory://` for a throwaway one. */
  dir: string;
  migrationsDir: string;
  /**
   * What a new cluster starts from: a `dumpDataDir` tarball (tests share one), `false` to run
   * initdb; by default the template shipped with the app (out/pg-template), or initdb when it is
   * missing or damaged. An existing cluster is opened as it is.
   */
  template?: Blob | Uint8Array | false;
  /** Where the shipped template is (default out/pg-template). */
  templateDir?: string;
}

/** Where the cluster came from: already there, the template, or initdb. */
export type PgOrigin = 'existing' | 'template' | 'initdb';

function isNewCluster(dir: string): boolean {
  return dir.startsWith('memory://') || readdirSync(dir).length === 0;
}

function pickTemplate(opts: OpenPgOptions): Blob | Uint8Array | undefined {
  if (opts.template !== undefined) return opts.template || undefined;
  if (opts.dir.startsWith('memory://')) return undefined;
  const t = readPgTemplate(opts.templateDir);
  if (t.ok) return t.bytes;
  log.warn('pglite template not used; creating the database with initdb (slower)', { reason: t.why });
  return undefined;
}

/**
 * Unpack the template next to the (empty) cluster folder and move it into place, so that a first
 * start cut short leaves an empty folder (a new cluster next time), never half a cluster. Leftovers
 * of such a start are removed first (the data dir's lock is held).
 */
async function unpackTemplate(bytes: Uint8Array, dir: string): Promise<void> {
  const prefix = `${basename(dir)}.template-`;
  for (const f of readdirSync(dirname(dir)))
    if (f.startsWith(prefix)) rmSync(join(dirname(dir), f), { recursive: true, force: true });
  const staging = `${dir}.template-${process.pid}`;
  try {
    const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
    extractPgTemplate(gzip ? await gunzipTemplate(bytes) : bytes, staging);
    rmdirSync(dir);
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** PGlite's WebAssembly module, compiled; undefined (PGlite then compiles it) if it is not found. */
async function compilePglite(): Promise<WebAssembly.Module | undefined> {
  try {
    const path = createRequire(appPath('package.json')).resolve('@electric-sql/pglite/pglite.wasm');
    // (Node's global; the node tsconfig declares only its types.)
    const wasm = (
      globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<WebAssembly.Module> } }
    ).WebAssembly;
    return await wasm.compile(await readFile(path));
  } catch (e) {
    log.debug('pglite.wasm not precompiled', { error: (e as Error).message.slice(0, 200) });
    return undefined;
  }
}

/**
 * Start PGlite on the folder; a template goes in first: unpacked by us (`unpackTemplate`), or
 * through `loadDataDir` for an in-memory cluster.
 */
async function create(dir: string, template: Blob | Uint8Array | undefined): Promise<Pg> {
  const memory = dir.startsWith('memory://');
  let wasmModule: WebAssembly.Module | undefined;
  if (template && !memory) {
    const bytes = template instanceof Uint8Array ? template : new Uint8Array(await template.arrayBuffer());
    // PostgreSQL's WebAssembly compiles on V8's background threads while the template unpacks on
    // libuv's: on two cores a new data dir's first start overlaps the two.
    [wasmModule] = await Promise.all([compilePglite(), unpackTemplate(bytes, dir)]);
  }
  return PGlite.create({
    dataDir: dir,
    startParams: pgStartParams(),
    ...(wasmModule ? { wasmModule } : {}),
    ...(template && memory
      ? { loadDataDir: template instanceof Uint8Array ? new Blob([template]) : template }
      : {}),
  });
}

/** Open (creating if needed) the embedded PostgreSQL and bring its schema up to date. */
export async function openPg(opts: OpenPgOptions): Promise<Pg> {
  return (await openPgFrom(opts)).pg;
}

/** `openPg`, saying where the cluster came from. */
export async function openPgFrom(opts: OpenPgOptions): Promise<{ pg: Pg; from: PgOrigin }> {
  const memory = opts.dir.startsWith('memory://');
  if (!memory) mkdirSync(opts.dir, { recursive: true });
  const started = Date.now();
  const fresh = isNewCluster(opts.dir);
  const template = fresh ? pickTemplate(opts) : undefined;
  let origin: PgOrigin = fresh ? (template ? 'template' : 'initdb') : 'existing';
  let pg: Pg;
  try {
    pg = await create(opts.dir, template);
  } catch (e) {
    if (!template) throw e;
    // A template that passed its checks but does not unpack or start: start over with initdb in
    // the same, still new, folder (nothing but the template's files can be in it).
    log.warn('pglite template did not load; creating the database with initdb (slower)', {
      error: (e as Error).message.slice(0, 200),
    });
    if (!memory) {
      rmSync(opts.dir, { recursive: true, force: true });
      mkdirSync(opts.dir, { recursive: true });
    }
    origin = 'initdb';
    pg = await create(opts.dir, undefined);
  }
  try {
    await migratePg(pg, opts.migrationsDir);
  } catch (e) {
    await pg.close();
    throw e;
  }
  log.info('pglite ready', { dir: opts.dir, from: origin, ms: Date.now() - started });
  return { pg, from: origin };
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
