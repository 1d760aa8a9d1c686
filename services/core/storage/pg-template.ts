import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { appPath } from '../app-root';

/**
 * The migrated PGlite cluster shipped with the app: a `dumpDataDir('gzip')` tarball of a cluster
 * with every migration applied, made by `npm run build` (scripts/build-pg-template.mjs). A new data
 * dir starts from it (`loadDataDir`) instead of running initdb, then runs the migrations, so a
 * template older than the migrations still ends up current.
 *
 * It lives in out/ (build output, like the bundle): out/** is what the packaged app ships (inside
 * app.asar, which Electron's fs reads), and `appPath` finds the same folder from the TypeScript
 * sources and from the bundle.
 */
export const PG_TEMPLATE_DIR = appPath('out', 'pg-template');
export const PG_TEMPLATE_FILE = 'cluster.tar.gz';
export const PG_TEMPLATE_MANIFEST = 'manifest.json';

export const PgTemplateManifest = z.object({
  format: z.literal(1),
  /** Which migrations the cluster has (their count and a hash of their names and contents). */
  migrations: z.object({ count: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{16}$/) }),
  /** The PGlite version that made it (a cluster only opens in the PostgreSQL that made it). */
  pglite: z.string().min(1),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PgTemplateManifest = z.infer<typeof PgTemplateManifest>;

/** Count and content hash of a folder's migrations (`*.sql`), the key of a template. */
export function migrationsKey(migrationsDir: string): PgTemplateManifest['migrations'] {
  const h = createHash('sha256');
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const f of files)
    h.update(f)
      .update('\0')
      .update(readFileSync(join(migrationsDir, f)))
      .update('\0');
  return { count: files.length, hash: h.digest('hex').slice(0, 16) };
}

/** The installed PGlite's version, from its package.json (next to its dist/ folder). */
export function pgliteVersion(): string {
  const wasm = createRequire(appPath('package.json')).resolve('@electric-sql/pglite/pglite.wasm');
  return (JSON.parse(readFileSync(join(dirname(wasm), '..', 'package.json'), 'utf8')) as { version: string })
    .version;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export type TemplateRead =
  { ok: true; blob: Blob; manifest: PgTemplateManifest } | { ok: false; why: string };

/**
 * The shipped template, checked: present, made by this PGlite, and whole (its SHA-256). Never
 * throws; `why` says in a few words why it cannot be used.
 */
export function readPgTemplate(dir: string = PG_TEMPLATE_DIR): TemplateRead {
  let manifest: PgTemplateManifest;
  let bytes: Buffer;
  try {
    const parsed = PgTemplateManifest.safeParse(
      JSON.parse(readFileSync(join(dir, PG_TEMPLATE_MANIFEST), 'utf8')),
    );
    if (!parsed.success)
      return { ok: false, why: `its manifest is not valid (${parsed.error.issues[0]?.message})` };
    manifest = parsed.data;
    bytes = readFileSync(join(dir, PG_TEMPLATE_FILE));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      why:
        code === 'ENOENT'
          ? 'it is not built (npm run build makes it)'
          : `it cannot be read (${code ?? (e as Error).name})`,
    };
  }
  if (bytes.length !== manifest.bytes || sha256(bytes) !== manifest.sha256)
    return { ok: false, why: 'it is damaged (its SHA-256 differs from its manifest)' };
  // PGlite's loader leaves an unhandled rejection behind on data that is not gzip.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, why: 'it is not a gzip tarball' };
  let version: string;
  try {
    version = pgliteVersion();
  } catch {
    version = '?';
  }
  if (version !== manifest.pglite)
    return { ok: false, why: `it was made by PGlite ${manifest.pglite}, this is ${version}` };
  return { ok: true, blob: new Blob([new Uint8Array(bytes)]), manifest };
}
