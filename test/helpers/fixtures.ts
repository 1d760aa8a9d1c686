import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The shared real captures (never copied into the repo): ../shared/fixtures beside the checkout. */
export const FIXTURES_DIR =
  process.env.B3AI_FIXTURES_DIR ?? fileURLToPath(new URL('../../../shared/fixtures', import.meta.url));

export function fixture(...parts: string[]): string {
  const path = join(FIXTURES_DIR, ...parts);
  if (!existsSync(path))
    throw new Error(`missing shared fixture ${path} (set B3AI_FIXTURES_DIR to the shared/fixtures folder)`);
  return path;
}

export const COTAHIST_DAILY = (): string => fixture('cotahist', 'COTAHIST_D25062021.TXT');
/**
 * What importing the daily file with the default markets must report: all 7518 records read, the
 * cash market's standard lots and FIIs (CODBDI 02/12, TPMERC 010) kept, one row per ticker.
 */
export const DAILY_IMPORT_SUMMARY = {
  files: 1,
  records: 7518,
  imported: 989,
  skipped: 6529,
  tickers: 989,
  from: '2021-06-25',
  to: '2021-06-25',
} as const;

/** Author's excerpt: header + 11 records + the real trailer, whose count (23021) does not match. */
export const COTAHIST_EXCERPT = (): string => fixture('cotahist', 'COTAHIST_EXAMPLE_20260417.TXT');
/** First 50 lines of the 2023 annual file: LF endings, no trailer (cut short). */
export const COTAHIST_ANNUAL_HEAD = (): string => fixture('cotahist', 'COTAHIST_A2023_head49.TXT');

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');
