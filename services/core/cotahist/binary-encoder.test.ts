import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../../../test/helpers/fixtures';
import { freshPg } from '../../../test/helpers/pg-template';
import type { Pg } from '../storage/pg';
import { BinaryCopyEncoder } from './binary-encoder';
import { BufferBlob } from './bulk-copy';
import { BAR_COLUMNS, CopyEncoder } from './copy-encoder';
import { CotahistScanner } from './scanner';

const COLS = BAR_COLUMNS.join(', ');
let pg: Pg;

beforeAll(async () => {
  pg = await freshPg();
});
afterAll(() => pg.close());

/** Every 01 record of `file` through both encoders into two tables; their rows as PostgreSQL prints them. */
async function bothWays(
  file: Buffer,
  blockSize: number,
): Promise<{ text: unknown[]; binary: unknown[]; blocks: number }> {
  const text = new CopyEncoder(false, blockSize);
  const binary = new BinaryCopyEncoder(blockSize);
  const scanner = new CotahistScanner('T.TXT', (buf, at, line) => {
    text.write(buf, at, line);
    binary.write(buf, at);
  });
  scanner.push(file);
  scanner.end();
  await pg.exec('DROP TABLE IF EXISTS t_text, t_binary');
  await pg.exec(
    // daily_bars' own columns, less the sync's bookkeeping (sync_seq), which neither encoder writes.
    'CREATE TABLE t_text (n serial, LIKE daily_bars); CREATE TABLE t_binary (n serial, LIKE daily_bars); ALTER TABLE t_text DROP COLUMN sync_seq; ALTER TABLE t_binary DROP COLUMN sync_seq',
  );
  const textBlocks = text.takeBlocks(true);
  const binaryBlocks = binary.takeBlocks(true);
  for (const b of textBlocks)
    await pg.query(`COPY t_text (${COLS}) FROM '/dev/blob'`, [], { blob: new BufferBlob(b) });
  for (const b of binaryBlocks)
    await pg.query(`COPY t_binary (${COLS}) FROM '/dev/blob' WITH (FORMAT binary)`, [], {
      blob: new BufferBlob(b),
    });
  const read = async (t: string): Promise<unknown[]> =>
    (await pg.query(`SELECT n, ${BAR_COLUMNS.map((c) => `${c}::text`).join(', ')} FROM ${t} ORDER BY n`))
      .rows;
  return { text: await read('t_text'), binary: await read('t_binary'), blocks: binaryBlocks.length };
}

const lines = (): string[] => readFileSync(COTAHIST_DAILY(), 'latin1').split('\r\n');
const put = (l: string, at: number, value: string): string =>
  `${l.slice(0, at)}${value}${l.slice(at + value.length)}`;

describe('BinaryCopyEncoder', () => {
  it('gives PostgreSQL the same values as the text encoder for every record of the real daily file', async () => {
    const { text, binary } = await bothWays(readFileSync(COTAHIST_DAILY()), 4 << 20);
    expect(text.length).toBe(lines().filter((l) => l.startsWith('01')).length);
    expect(binary).toEqual(text);
  });

  it('agrees on edge values too, across many small blocks', async () => {
    const ls = lines();
    const base = ls[1]!;
    const edits: Array<Array<[number, string]>> = [
      [[210, '0000010']], // FATCOT 10: prices in thousandths
      [[210, '0000100']],
      [[210, '1000000']], // prices / 10^8
      [
        [56, '0000000000001'],
        [69, '9999999999999'],
        [82, '0000000000000'],
      ], // 0.01, the largest, zero
      [[152, '999999999999999999']], // QUATOT past 2^53
      [
        [152, '000000000000000000'],
        [170, '000000000000000000'],
        [147, '00000'],
      ],
      [[170, '123456789012345678']], // VOLTOT with cents
      [[170, '000000000000000001']], // 0.01 of volume
      [[2, '20240229']], // a leap day
      [[2, '19991231']],
      [[12, 'A           ']], // one-letter ticker
      [[56, '0000000010000']], // 100 (a whole number with trailing zero groups)
      [[56, '0000000000500']], // 5
      [[56, '0000000000005']], // 0.05
    ];
    const records = edits.map((e) => e.reduce((l, [at, v]) => put(l, at, v), base));
    const count = String(records.length + 2).padStart(11, '0');
    const trailer = put(
      ls.find((l) => l.startsWith('99'))!,
      31,
      count,
    );
    const file = Buffer.from([ls[0], ...records, trailer, ''].join('\r\n'), 'latin1');
    const { text, binary, blocks } = await bothWays(file, 1024);
    expect(blocks).toBeGreaterThan(3); // each block a whole COPY stream
    expect(text).toHaveLength(records.length);
    expect(binary).toEqual(text);
    // Spot checks of what both agree on.
    const at = (i: number, col: string): unknown => (binary[i] as Record<string, unknown>)[col];
    expect(at(3, 'open')).toBe('0.01');
    expect(at(3, 'low')).toBe('0');
    expect(at(4, 'quantity')).toBe('999999999999999999');
    expect(at(8, 'date')).toBe('2024-02-29');
    expect(at(11, 'open')).toBe('100');
    expect(at(13, 'open')).toBe('0.05');
  });
});
