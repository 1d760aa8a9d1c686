/** Fuzz: Fundamentei's rendered asset page. Seed: the source's OWN fixture (not a capture). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../fundamentei';
import type { FundamentalsItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { labelPageSuite } from './page-suites';
import { ddValues, dtLabels } from './sites-issue13';

const fetcher = source.fetchers.fundamentals;
if (!fetcher) throw new Error('fundamentei: the fetcher is missing');
const body = readFileSync(fileURLToPath(new URL('../fundamentei/fixtures/br-petr4.html', import.meta.url)));

describe('fundamentei fundamentals', () => {
  const t: Target<'fundamentals'> = { sourceId: 'fundamentei', fetcher, query: { ticker: 'PETR4' } };
  let original: FundamentalsItem;
  beforeAll(async () => {
    [original] = (await baseline(t, body)) as [FundamentalsItem];
  });
  labelPageSuite(t, body, { runs: 100, original: () => original, labels: dtLabels, values: ddValues });
});
