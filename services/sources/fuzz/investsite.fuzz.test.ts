/** Fuzz: Investsite principais_indicadores.php. Seed: the source's OWN fixture (not a capture). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../investsite';
import type { FundamentalsItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { labelPageSuite } from './page-suites';
import { rowLabels, rowValues } from './sites-issue13';

const fetcher = source.fetchers.fundamentals;
if (!fetcher) throw new Error('investsite: the fetcher is missing');
const body = readFileSync(
  fileURLToPath(new URL('../investsite/fixtures/principais_indicadores_PETR4.html', import.meta.url)),
);

describe('investsite fundamentals', () => {
  const t: Target<'fundamentals'> = { sourceId: 'investsite', fetcher, query: { ticker: 'PETR4' } };
  let original: FundamentalsItem;
  beforeAll(async () => {
    [original] = (await baseline(t, body)) as [FundamentalsItem];
  });
  labelPageSuite(t, body, { runs: 100, original: () => original, labels: rowLabels, values: rowValues });
});
