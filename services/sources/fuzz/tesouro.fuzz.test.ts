/**
 * Fuzz: Tesouro Transparente PrecoTaxaTesouroDireto.csv. Seed: the real capture (shared fixtures),
 * its header and first 80 rows (the capture is 1.9 MB).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import type { TreasuryBondItem } from '../models';
import source from '../tesouro';
import { baseline, type Target } from './fuzz-harness';
import { csvSuite } from './suites';

const fetcher = source.fetchers['treasury-bonds'];
if (!fetcher) throw new Error('tesouro: no treasury-bonds fetcher');

describe('tesouro treasury-bonds', () => {
  const whole = readFileSync(fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv'), 'utf8');
  const body = Buffer.from(`${whole.split('\n').slice(0, 81).join('\n')}\n`, 'utf8');
  const t: Target<'treasury-bonds'> = { sourceId: 'tesouro', fetcher, query: {} };
  let original: TreasuryBondItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  csvSuite(t, body, 'utf-8', { runs: 200, original: () => original });
});
