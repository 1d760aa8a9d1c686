import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../../test/helpers/fixtures';
import { openState, type StateDb } from '../storage/state';
import { Vault, type SnapshotRecord } from './vault';
import { blobPath, putBlob, readBlob, sha256 } from './vault-files';

let dir: string;
let db: StateDb;
let vault: Vault;
const vdir = (): string => join(dir, 'vault');

const rec = (body: Buffer, over: Partial<SnapshotRecord> = {}): SnapshotRecord => {
  const b = putBlob(vdir(), body);
  return {
    sha256: b.sha256,
    source: 'fundamentus',
    model: 'fundamentals',
    query: 'ticker=WEGE3',
    url: 'https://www.fundamentus.com.br/detalhes.php?papel=WEGE3',
    status: 200,
    contentType: 'text/html',
    bytes: b.bytes,
    storedBytes: b.storedBytes,
    fetchedAt: 1_000,
    parserVersion: 1,
    ...over,
  };
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-vault-'));
  db = openState(dir, join(RESOURCES_DIR, 'migrations', 'sqlite'));
  vault = new Vault(db, vdir());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snapshot vault', () => {
  it('stores a payload once, compressed, addressed by its sha256, and reads it back intact', () => {
    const body = Buffer.from('<html>P/L 31,03 '.repeat(500), 'latin1');
    const a = putBlob(vdir(), body);
    const b = putBlob(vdir(), body);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(a.sha256).toBe(sha256(body));
    expect(a.storedBytes).toBeLessThan(body.length / 10);
    expect(readBlob(vdir(), a.sha256).equals(body)).toBe(true);
  });

  it('refuses a payload file whose content no longer matches its address', async () => {
    const body = Buffer.from('original');
    const { sha256: sha } = putBlob(vdir(), body);
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    writeFileSync(blobPath(vdir(), sha), gzipSync(Buffer.from('tampered')));
    expect(() => readBlob(vdir(), sha)).toThrow(/corrupt/);
  });

  it('the same payload for the same query is one snapshot whose fetch count grows', () => {
    const body = Buffer.from('same page');
    const id1 = vault.record(rec(body, { fetchedAt: 1_000 }));
    const id2 = vault.record(rec(body, { fetchedAt: 2_000 }));
    expect(id2).toBe(id1);
    const s = vault.get(id1)!;
    expect(s.fetch_count).toBe(2);
    expect(s.first_fetched_at).toBe(1_000);
    expect(s.fetched_at).toBe(2_000);
    // A different query with the same bytes is its own snapshot (but the file is shared).
    const id3 = vault.record(rec(body, { query: 'ticker=PETR4' }));
    expect(id3).not.toBe(id1);
    // Oldest fetch first: PETR4 was fetched at 1 000, WEGE3 last at 2 000.
    expect(vault.list('fundamentus').map((x) => x.id)).toEqual([id3, id1]);
  });

  it('retention drops old snapshots but keeps the newest per query, and deletes unused files only', () => {
    const old = vault.record(rec(Buffer.from('v1'), { fetchedAt: 1_000 }));
    const newer = vault.record(rec(Buffer.from('v2'), { fetchedAt: 5_000 }));
    const lone = vault.record(rec(Buffer.from('only one'), { query: 'ticker=ITUB4', fetchedAt: 1_000 }));
    const oldSha = vault.get(old)!.sha256;
    const r = vault.prune(10_000);
    expect(r).toEqual({ snapshots: 1, files: 1 });
    expect(vault.get(old)).toBeUndefined();
    expect(vault.get(newer)).toBeDefined();
    expect(vault.get(lone)).toBeDefined();
    expect(existsSync(blobPath(vdir(), oldSha))).toBe(false);
    expect(readFileSync(blobPath(vdir(), vault.get(newer)!.sha256)).length).toBeGreaterThan(0);
  });

  it('records what the parser said about each snapshot', () => {
    const id = vault.record(rec(Buffer.from('x')));
    expect(vault.get(id)!.parse_status).toBe('pending');
    vault.markParsed(id, {
      status: 'LAYOUT_CHANGED',
      message: 'label P/L missing',
      count: null,
      digest: null,
    });
    expect(vault.get(id)).toMatchObject({
      parse_status: 'LAYOUT_CHANGED',
      parse_message: 'label P/L missing',
    });
  });
});
