import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { gunzipSync } from 'node:zlib';
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

/**
 * Unpack a template tarball (gzip'd ustar, as `dumpDataDir` writes it) into an empty cluster
 * folder, so that PGlite opens it as an existing cluster. Cheaper than PGlite's `loadDataDir`,
 * which unpacks inside the process through the WebAssembly file system: that leaves ~100 MB more
 * resident for the life of the process (see bench/memory). Returns the number of files written.
 */
export function extractPgTemplate(tarGz: Uint8Array, dir: string): number {
  // One output buffer of the unpacked size (gzip's last four bytes), not a chain of small ones
  // that would stay behind in the allocator's heap.
  const unpacked =
    tarGz.length >= 18
      ? Buffer.from(tarGz.buffer, tarGz.byteOffset, tarGz.length).readUInt32LE(tarGz.length - 4)
      : 0;
  const tar = gunzipSync(tarGz, { chunkSize: Math.max(64 * 1024, unpacked + 1) });
  const text = (off: number, len: number): string => {
    const end = tar.indexOf(0, off);
    return tar.toString('latin1', off, end === -1 || end > off + len ? off + len : end);
  };
  let files = 0;
  for (let off = 0; off + 512 <= tar.length;) {
    const name = text(off, 100);
    if (!name) break; // the zero blocks that end the archive
    const prefix = text(off + 257, 6) === 'ustar' ? text(off + 345, 155) : '';
    const size = parseInt(text(off + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(tar[off + 156] ?? 0);
    const rel = normalize((prefix ? `${prefix}/${name}` : name).replace(/^\/+/, ''));
    if (!Number.isSafeInteger(size) || size < 0 || off + 512 + size > tar.length)
      throw new Error('the template tarball is truncated');
    if (rel === '..' || rel.startsWith('../') || rel.startsWith('/'))
      throw new Error('the template tarball names a file outside its folder');
    const path = join(dir, rel);
    if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
    else if (type === '0' || type === '\0') {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, tar.subarray(off + 512, off + 512 + size), { mode: 0o600 });
      files++;
    } else throw new Error(`the template tarball holds an entry of type ${JSON.stringify(type)}`);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
