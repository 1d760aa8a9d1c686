// Archives here are built in the test with yazl (our own data, not captures).
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { SourceError } from '../errors';
import { readZipEntries } from './zip';

function makeZip(files: [name: string, data: Buffer | string][], compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, name, { compress });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof SourceError ? `${e.sourceCode}: ${e.message}` : `untyped: ${String(e)}`;
  }
  return 'resolved';
}

describe('readZipEntries', () => {
  it('returns the accepted entries with their bytes, skipping directories and the rest', async () => {
    const big = 'x;'.repeat(50_000);
    const zip = await makeZip([
      ['dir/', ''],
      ['a.csv', 'AÇÃO;1\n'],
      ['b.txt', 'skip me'],
      ['dir/c.csv', big],
    ]);
    const entries = await readZipEntries(zip, (n) => n.endsWith('.csv'));
    expect(entries.map((e) => e.name)).toEqual(['a.csv', 'dir/c.csv']);
    expect(entries[0]?.data.toString('latin1')).toBe('AÇÃO;1\n');
    expect(entries[1]?.data.length).toBe(100_000);
  });

  it('reads stored (uncompressed) entries and an archive with nothing accepted', async () => {
    const zip = await makeZip([['a.csv', 'abc']], false);
    expect((await readZipEntries(zip, () => true))[0]?.data.toString()).toBe('abc');
    expect(await readZipEntries(zip, () => false)).toEqual([]);
  });

  it('refuses a buffer that is not a ZIP as LAYOUT_CHANGED', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body>Erro</body></html>');
    expect(await codeOf(readZipEntries(html, () => true))).toMatch(
      /^LAYOUT_CHANGED: not a ZIP archive .*45 bytes\)$/,
    );
    expect(await codeOf(readZipEntries(Buffer.alloc(0), () => true))).toMatch(/^LAYOUT_CHANGED: not a ZIP/);
  });

  it('refuses a truncated archive as LAYOUT_CHANGED', async () => {
    const zip = await makeZip([['a.csv', 'abc'.repeat(1000)]]);
    expect(await codeOf(readZipEntries(zip.subarray(0, zip.length - 30), () => true))).toMatch(
      /^LAYOUT_CHANGED: /,
    );
    // Central directory intact, compressed data garbled.
    const garbled = Buffer.from(zip);
    garbled.fill(0xff, 40, 80);
    expect(await codeOf(readZipEntries(garbled, () => true))).toMatch(/^LAYOUT_CHANGED: damaged ZIP/);
  });

  it('refuses an entry over maxEntryBytes as LAYOUT_CHANGED, naming it', async () => {
    const zip = await makeZip([
      ['small.csv', 'ok'],
      ['big.csv', 'y'.repeat(10_000)],
    ]);
    expect(await codeOf(readZipEntries(zip, () => true, { maxEntryBytes: 1000 }))).toMatch(
      /^LAYOUT_CHANGED: ZIP entry big\.csv is 10000 bytes, over the 1000-byte limit/,
    );
    expect(await readZipEntries(zip, (n) => n === 'small.csv', { maxEntryBytes: 1000 })).toHaveLength(1);
  });
});
