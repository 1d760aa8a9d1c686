/**
 * Fuzz: B3 GetListedSupplementCompany (company-profile). Seed: the source's OWN fixture (not a
 * capture; shaped after the answer rb3 recorded).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../b3';
import type { CompanyProfileItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { jsonSuite } from './suites';

const fetcher = source.fetchers['company-profile'];
if (!fetcher) throw new Error('b3: no company-profile fetcher');

describe('b3 company-profile', () => {
  const body = readFileSync(
    fileURLToPath(new URL('../b3/fixtures/GetListedSupplementCompany_PETR.json', import.meta.url)),
  );
  const t: Target<'company-profile'> = { sourceId: 'b3', fetcher, query: { ticker: 'PETR4' } };
  let original: CompanyProfileItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  jsonSuite(t, body, { runs: 200, rows: false, original: () => original });
});
