import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { gunzip, gunzipSync } from 'node:zlib';
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
  /**
   * 2: made after a WAL switch, so its WAL segment is zeros past its first page (a format 1
   * template, 16 MB of the build's WAL, is rebuilt by `npm run build`).
   */
  format: z.literal(2),
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
  { ok: true; bytes: Uint8Array; manifest: PgTemplateManifest } | { ok: false; why: string };

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
  if (!isGzip(bytes)) return { ok: false, why: 'it is not a gzip tarball' };
  let version: string;
  try {
    version = pgliteVersion();
  } catch {
    version = '?';
  }
  if (version !== manifest.pglite)
    return { ok: false, why: `it was made by PGlite ${manifest.pglite}, this is ${version}` };
  return { ok: true, bytes, manifest };
}

const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

/**
 * One output buffer of the unpacked size (gzip's last four bytes), not a chain of small ones that
 * would stay behind in the allocator's heap.
 */
function wholeChunk(tarGz: Uint8Array): { chunkSize: number } {
  const unpacked =
    tarGz.length >= 18
      ? Buffer.from(tarGz.buffer, tarGz.byteOffset, tarGz.length).readUInt32LE(tarGz.length - 4)
      : 0;
  return { chunkSize: Math.max(64 * 1024, unpacked + 1) };
}

/** The plain tarball of a gzip'd one, unpacked on libuv's thread pool (the main thread stays free). */
export function gunzipTemplate(tarGz: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    gunzip(tarGz, wholeChunk(tarGz), (error, tar) => (error ? reject(error) : resolve(tar))),
  );
}

const PAGE = 8192;

/** Whether bytes [from, to) of `b` are all zero (eight at a time). */
function allZero(b: Buffer, from: number, to: number): boolean {
  let i = from;
  for (; i + 8 <= to; i += 8) if (b.readBigUInt64LE(i) !== 0n) return false;
  for (; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * Write a file's bytes leaving its all-zero 8 KiB pages as holes (PostgreSQL reads zeros from
 * them, as it would from written zeros): of the template's 41 MB, the WAL segment's 16 MB past its
 * first page and the relations' empty pages are not written.
 */
function writeSparse(path: string, data: Buffer): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    let run = -1;
    for (let p = 0; p < data.length; p += PAGE) {
      const end = Math.min(p + PAGE, data.length);
      const zero = allZero(data, p, end);
      if (!zero && run < 0) run = p;
      if (zero && run >= 0) {
        writeSync(fd, data, run, p - run, run);
        run = -1;
      }
    }
    if (run >= 0) writeSync(fd, data, run, data.length - run, run);
    ftruncateSync(fd, data.length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Unpack a template tarball (ustar as `dumpDataDir` writes it, plain or gzip'd) into an empty
 * cluster folder, so that PGlite opens it as an existing cluster. Cheaper than PGlite's
 * `loadDataDir`, which unpacks inside the process through the WebAssembly file system: that leaves
 * ~100 MB more resident for the life of the process (see bench/memory). Returns the number of files
 * written.
 */
export function extractPgTemplate(archive: Uint8Array, dir: string): number {
  const tar = isGzip(archive)
    ? gunzipSync(archive, wholeChunk(archive))
    : Buffer.from(archive.buffer, archive.byteOffset, archive.length);
  const made = new Set<string>();
  const mkdir = (path: string): void => {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true, mode: 0o700 });
    made.add(path);
  };
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
    if (type === '5') mkdir(path);
    else if (type === '0' || type === '\0') {
      mkdir(dirname(path));
      writeSparse(path, tar.subarray(off + 512, off + 512 + size));
      files++;
    } else throw new Error(`the template tarball holds an entry of type ${JSON.stringify(type)}`);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
