import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COTAHIST_MARKETS } from '../../contract';
import { COTAHIST_DAILY } from '../../../test/helpers/fixtures';
import { freshPg } from '../../../test/helpers/pg-template';
import type { Pg } from '../storage/pg';
import { BulkCopy } from './bulk-copy';
import { BAR_COLUMNS } from './copy-encoder';
import { importCotahistFile } from './importer';
import { writeDaysFile } from './test-support';

let pg: Pg;
let dir: string;

const PER_DAY = 989; // kept (cash market) records of the real daily file

/** daily_bars' indexes and constraints as PostgreSQL describes them. */
const schema = async (): Promise<unknown[]> =>
  (
    await pg.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'daily_bars'
       UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'daily_bars'::regclass
       ORDER BY 1, 2`,
    )
  ).rows;
const bars = async (): Promise<unknown[]> =>
  (
    await pg.query(
      `SELECT ticker, date::text, open::text, close::text, volume::text, quantity FROM daily_bars ORDER BY ticker, date`,
    )
  ).rows;
const count = async (): Promise<number> =>
  (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM daily_bars')).rows[0]!.n;
const load = (path: string): ReturnType<typeof importCotahistFile> =>
  importCotahistFile(pg, path, { markets: DEFAULT_COTAHIST_MARKETS });
const days = (name: string, dates: string[]): string =>
  writeDaysFile(COTAHIST_DAILY(), dates, join(dir, name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-bulk-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  pg = await freshPg();
  return () => pg.close();
});

describe('COPY with the key built once (BulkCopy)', () => {
  it('builds the key after the rows when the table is empty, leaving the same indexes and constraints', async () => {
    const before = await schema();
    expect(before).not.toEqual([]);
    const r = await load(days('two.TXT', ['20210628', '20210629']));
    expect(r).toMatchObject({ path: 'rebuild', imported: 2 * PER_DAY });
    expect(await schema()).toEqual(before);
    expect(await count()).toBe(2 * PER_DAY);
    // The rebuilt key is enforced.
    const dup = await pg
      .query(`INSERT INTO daily_bars SELECT * FROM daily_bars LIMIT 1`)
      .catch((e: unknown) => e as { code?: string });
    expect(dup).toMatchObject({ code: '23505' });
  });

  it('keeps the key and inserts into it when the table already holds more rows than the file brings', async () => {
    await load(days('two.TXT', ['20210628', '20210629']));
    const before = await schema();
    const r = await load(days('one.TXT', ['20210630']));
    expect(r).toMatchObject({ path: 'direct', imported: PER_DAY });
    expect(await schema()).toEqual(before);
    expect(await count()).toBe(3 * PER_DAY);
  });

  it('gives the same rows whichever way the key is kept, and upserts a file that overlaps the table', async () => {
    // Two days in one go (key rebuilt) against the same two days one at a time (key kept).
    await load(days('two.TXT', ['20210628', '20210629']));
    const together = await bars();
    const other = pg;
    pg = await freshPg();
    try {
      expect((await load(days('d1.TXT', ['20210628']))).path).toBe('rebuild');
      expect((await load(days('d2.TXT', ['20210629']))).path).toBe('direct');
      expect(await bars()).toEqual(together);
      // A file bringing more rows than the table holds, one of its days already there: the key's
      // build finds the overlap, the file is staged and upserted.
      const r = await load(days('overlap.TXT', ['20210629', '20210630', '20210701']));
      expect(r.path).toBe('upsert');
      expect(await count()).toBe(4 * PER_DAY);
      expect(await schema()).toEqual(await schemaOf(other));
    } finally {
      await pg.close();
      pg = other;
    }
  });

  it('puts the dropped key back when the transaction fails after rows went in (a malformed line further on)', async () => {
    const before = await schema();
    const row =
      'PETR4\t2021-06-25\t29.69\t29.79\t28.95\t29.1\t29.41\t2498432530\t78340\t84950900\tBRPETRACNPR6\t02\t1\n';
    const failed = pg.transaction(async (tx) => {
      const bulk = await BulkCopy.open(tx, 'daily_bars', BAR_COLUMNS.join(', '));
      await bulk.write(Buffer.from(row), 1);
      // An empty table: the key was dropped before the first rows were copied.
      expect(bulk.indexes).toBe('rebuilt');
      const inside = await tx.query(
        `SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'daily_bars'`,
      );
      expect(inside.rows).toEqual([{ n: 0 }]);
      throw new Error('malformed record further on');
    });
    await expect(failed).rejects.toThrow('malformed record further on');
    expect(await count()).toBe(0);
    expect(await schema()).toEqual(before);
  });
});

async function schemaOf(db: Pg): Promise<unknown[]> {
  const saved = pg;
  pg = db;
  try {
    return await schema();
  } finally {
    pg = saved;
  }
}
