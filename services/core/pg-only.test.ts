import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../contract';
import { importCotahist } from './cotahist/importer';
import { callOnPg } from './pg-only';
import { lockDataDir } from './storage/lock';
import { openPg, pgDir } from './storage/pg';
import { defaultResourcesDir } from './storage/migrations';
import { COTAHIST_DAILY } from '../../test/helpers/fixtures';

let dataDir: string;
const thrown = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-pg-only-'));
  const pg = await openPg({
    dir: pgDir(dataDir),
    migrationsDir: join(defaultResourcesDir(), 'migrations', 'pg'),
  });
  await importCotahist(pg, [COTAHIST_DAILY()]);
  await pg.close();
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('callOnPg (one-shot reads without the whole core)', () => {
  it('answers quotes.list through the contract, then releases the data dir', async () => {
    const out = await callOnPg(dataDir, 'test', 'quotes.list', { ticker: 'PETR4' });
    expect(out.ticker).toBe('PETR4');
    expect(out.bars).toEqual([expect.objectContaining({ date: '2021-06-25', open: 29.69, close: 29.1 })]);
    expect(existsSync(join(dataDir, 'core.lock'))).toBe(false);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('checks the input as the core does (INVALID_INPUT), and NOT_FOUND for an unknown ticker', async () => {
    const bad = await thrown(callOnPg(dataDir, 'test', 'quotes.list', { ticker: 'pe' }));
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.code).toBe('INVALID_INPUT');
    const missing = await thrown(callOnPg(dataDir, 'test', 'quotes.list', { ticker: 'ZZZZ9' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(existsSync(join(dataDir, 'core.lock'))).toBe(false);
  });

  it('refuses a data dir another holder has open (UNAVAILABLE) and leaves its lock alone', async () => {
    const unlock = lockDataDir(dataDir, 'someone else');
    try {
      expect((await thrown(callOnPg(dataDir, 'test', 'quotes.list', { ticker: 'PETR4' }))).code).toBe(
        'UNAVAILABLE',
      );
      expect(existsSync(join(dataDir, 'core.lock'))).toBe(true);
    } finally {
      unlock();
    }
  });
});
