import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pgTemplate } from '../../../test/helpers/pg-template';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { configureLogging, type LogEntry } from '../logging/logger';
import { openPgFrom, PG_SETTINGS, type Pg } from './pg';
import {
  extractPgTemplate,
  migrationsKey,
  PG_TEMPLATE_FILE,
  PG_TEMPLATE_MANIFEST,
  pgliteVersion,
  readPgTemplate,
  sha256,
  type PgTemplateManifest,
} from './pg-template';

const MIGRATIONS = join(RESOURCES_DIR, 'migrations', 'pg');

let work: string;
/** The shipped form (gzip'd). */
let tarball: Uint8Array;
/** The same, plain. */
let plainTar: Uint8Array;
let entries: LogEntry[] = [];
const open: Pg[] = [];

beforeAll(async () => {
  tarball = new Uint8Array(await (await pgTemplate()).arrayBuffer());
  plainTar = new Uint8Array(gunzipSync(tarball));
  configureLogging({ sink: { write: (_line, entry) => void entries.push(entry) }, level: 'info' });
}, 180_000);

afterAll(() => {
  configureLogging({ sink: { write: (line) => void process.stderr.write(line) }, level: 'warn' });
});

afterEach(async () => {
  for (const pg of open.splice(0)) await pg.close();
  if (work) rmSync(work, { recursive: true, force: true });
  entries = [];
});

function newWork(): string {
  work = mkdtempSync(join(tmpdir(), 'b3ai-pg-template-test-'));
  return work;
}

/** A template folder as the build writes it, with the manifest's fields overridable. */
function writeTemplate(dir: string, bytes: Uint8Array, manifest: Partial<PgTemplateManifest> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, PG_TEMPLATE_FILE), bytes);
  const m: PgTemplateManifest = {
    format: 2,
    migrations: migrationsKey(MIGRATIONS),
    pglite: pgliteVersion(),
    bytes: bytes.length,
    sha256: sha256(bytes),
    ...manifest,
  };
  writeFileSync(join(dir, PG_TEMPLATE_MANIFEST), JSON.stringify(m));
  return dir;
}

async function tables(pg: Pg): Promise<string[]> {
  const r = await pg.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  return r.rows.map((x) => x.t);
}

/** The tarball with the cluster's top-level PG_VERSION rewritten to 99 (the tar checksum covers headers only). */
function otherPostgres(gz: Uint8Array): Uint8Array {
  const tar = gunzipSync(gz);
  for (let off = 0; off + 512 <= tar.length;) {
    const field = (from: number, len: number): string =>
      tar.toString('latin1', off + from, off + from + len).replace(/\0.*$/s, '');
    const name = field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (!name) break;
    if (/^\/?PG_VERSION$/.test(name)) {
      tar.write('99', off + 512, 'latin1');
      return gzipSync(tar);
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error('no PG_VERSION in the template');
}

const warnings = (): LogEntry[] => entries.filter((e) => e.level === 'warn' && e.scope === 'storage.pg');

describe('readPgTemplate', () => {
  it('accepts a whole template made by this PGlite', () => {
    const dir = writeTemplate(join(newWork(), 't'), tarball);
    const r = readPgTemplate(dir);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.bytes.length).toBe(tarball.length);
  });

  it('says why it refuses a missing, damaged, foreign or badly described template', () => {
    const base = newWork();
    expect(readPgTemplate(join(base, 'none'))).toEqual({
      ok: false,
      why: expect.stringMatching(/not built/) as unknown,
    });

    const cut = writeTemplate(join(base, 'cut'), tarball);
    writeFileSync(join(cut, PG_TEMPLATE_FILE), tarball.subarray(0, 1000));
    expect(readPgTemplate(cut)).toEqual({ ok: false, why: expect.stringMatching(/damaged/) as unknown });

    const flipped = Uint8Array.from(tarball);
    flipped[500] = flipped[500]! ^ 0xff;
    const bit = writeTemplate(join(base, 'bit'), tarball);
    writeFileSync(join(bit, PG_TEMPLATE_FILE), flipped);
    expect(readPgTemplate(bit)).toEqual({ ok: false, why: expect.stringMatching(/damaged/) as unknown });

    const old = writeTemplate(join(base, 'old'), tarball, { pglite: '0.0.1' });
    expect(readPgTemplate(old)).toEqual({
      ok: false,
      why: expect.stringMatching(/PGlite 0\.0\.1/) as unknown,
    });

    const text = writeTemplate(join(base, 'text'), new TextEncoder().encode('not a tarball'));
    expect(readPgTemplate(text)).toEqual({
      ok: false,
      why: expect.stringMatching(/not a gzip/) as unknown,
    });

    const bad = writeTemplate(join(base, 'bad'), tarball);
    writeFileSync(join(bad, PG_TEMPLATE_MANIFEST), '{"format":2}');
    expect(readPgTemplate(bad)).toEqual({
      ok: false,
      why: expect.stringMatching(/manifest is not valid/) as unknown,
    });
  });
});

describe('extractPgTemplate', () => {
  it('writes the same files from the plain and the gzip tarball, zero pages as zeros', () => {
    const base = newWork();
    const files = extractPgTemplate(tarball, join(base, 'a'));
    expect(extractPgTemplate(plainTar, join(base, 'b'))).toBe(files);
    const walDir = join(base, 'a', 'pg_wal');
    const segment = readdirSync(walDir).find((f) => /^[0-9A-F]{24}$/.test(f));
    if (!segment) throw new Error('no WAL segment in the template');
    // The build switched to a new segment: one checkpoint record, then zero pages (left as holes
    // here) that read back as zeros, at the segment's full size.
    const wal = readFileSync(join(walDir, segment));
    expect(wal.length).toBe(16 * 1024 * 1024);
    expect(wal.subarray(0, 8192).some((b) => b !== 0)).toBe(true);
    expect(wal.subarray(8192).every((b) => b === 0)).toBe(true);
    expect(readdirSync(walDir).filter((f) => /^[0-9A-F]{24}$/.test(f))).toEqual([segment]);
    expect(wal.equals(readFileSync(join(base, 'b', 'pg_wal', segment)))).toBe(true);
    expect(
      readFileSync(join(base, 'a', 'global', 'pg_control')).equals(
        readFileSync(join(base, 'b', 'global', 'pg_control')),
      ),
    ).toBe(true);
  });

  it('unpacks the cluster into the folder and refuses names outside it', () => {
    const base = newWork();
    const files = extractPgTemplate(tarball, join(base, 'pg'));
    expect(files).toBeGreaterThan(100);
    expect(readFileSync(join(base, 'pg', 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);

    const tar = gunzipSync(tarball);
    tar.write('../escaped\0', 0, 'latin1'); // the first entry's name
    expect(() => extractPgTemplate(gzipSync(tar), join(base, 'evil', 'pg'))).toThrow(/outside its folder/);
    expect(existsSync(join(base, 'evil', 'escaped'))).toBe(false);
  });
});

describe('openPg on a new data dir', () => {
  it('starts from the template, with the memory settings, and reopens what it made', async () => {
    const base = newWork();
    const templateDir = writeTemplate(join(base, 't'), tarball);
    const dir = join(base, 'pg');
    const first = await openPgFrom({ dir, migrationsDir: MIGRATIONS, templateDir });
    open.push(first.pg);
    expect(first.from).toBe('template');
    expect(await tables(first.pg)).toContain('daily_bars');
    expect(
      (await first.pg.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]?.shared_buffers,
    ).toBe(PG_SETTINGS.shared_buffers);
    await first.pg.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)');
    await open.pop()!.close();
    expect(warnings()).toEqual([]);

    const again = await openPgFrom({ dir, migrationsDir: MIGRATIONS, templateDir });
    open.push(again.pg);
    expect(again.from).toBe('existing');
    expect((await again.pg.query<{ x: number }>('SELECT x FROM kept')).rows).toEqual([{ x: 42 }]);
  });

  it('moves the unpacked template into place and clears what a start cut short left', async () => {
    const base = newWork();
    const templateDir = writeTemplate(join(base, 't'), tarball);
    const dir = join(base, 'pg');
    mkdirSync(dir); // an empty folder is a new cluster
    mkdirSync(join(base, 'pg.template-1'));
    writeFileSync(join(base, 'pg.template-1', 'PG_VERSION'), 'half\n');
    const { pg, from } = await openPgFrom({ dir, migrationsDir: MIGRATIONS, templateDir });
    open.push(pg);
    expect(from).toBe('template');
    expect(await tables(pg)).toContain('daily_bars');
    expect(readdirSync(base).sort()).toEqual(['pg', 't']);
  });

  it('runs the migrations newer than the template after loading it', async () => {
    const base = newWork();
    const templateDir = writeTemplate(join(base, 't'), tarball);
    const migrations = join(base, 'migrations');
    cpSync(MIGRATIONS, migrations, { recursive: true });
    const next = String(migrationsKey(MIGRATIONS).count + 1).padStart(4, '0');
    writeFileSync(join(migrations, `${next}_later.sql`), 'CREATE TABLE added_later (id int PRIMARY KEY);');
    const { pg, from } = await openPgFrom({ dir: join(base, 'pg'), migrationsDir: migrations, templateDir });
    open.push(pg);
    expect(from).toBe('template');
    expect(await tables(pg)).toContain('added_later');
    const versions = await pg.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
    expect(versions.rows.at(-1)?.version).toBe(Number(next));
  });

  it('falls back to initdb, with a warning, when the template is damaged', async () => {
    const base = newWork();
    const templateDir = writeTemplate(join(base, 't'), tarball);
    writeFileSync(join(templateDir, PG_TEMPLATE_FILE), tarball.subarray(0, tarball.length - 10));
    const { pg, from } = await openPgFrom({ dir: join(base, 'pg'), migrationsDir: MIGRATIONS, templateDir });
    open.push(pg);
    expect(from).toBe('initdb');
    expect(await tables(pg)).toContain('daily_bars');
    const [w, ...more] = warnings();
    expect(more).toEqual([]);
    expect(w?.msg).toMatch(/template not used/);
    expect(w?.reason).toMatch(/damaged/);
  }, 180_000);

  it('falls back to initdb, with a warning, when a template that passes its checks does not load', async () => {
    const base = newWork();
    // Whole and vouched for by its manifest, but a cluster of another PostgreSQL major version.
    const templateDir = writeTemplate(join(base, 't'), otherPostgres(tarball));
    const { pg, from } = await openPgFrom({ dir: join(base, 'pg'), migrationsDir: MIGRATIONS, templateDir });
    open.push(pg);
    expect(from).toBe('initdb');
    expect(await tables(pg)).toContain('daily_bars');
    expect(warnings().map((w) => w.msg)).toEqual([expect.stringMatching(/did not load/) as unknown]);
  }, 180_000);
});
