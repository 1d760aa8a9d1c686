/** Fuzz: Griffin's insiders API answer, as the browser runtime keeps it. Seed: the source's OWN fixture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../griffin';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { interceptedJsonSuite } from './page-suites';

const fetcher = source.fetchers['insider-trades'];
if (!fetcher) throw new Error('griffin: the fetcher is missing');
const body = readFileSync(
  fileURLToPath(new URL('../griffin/fixtures/api-insiders-PETR4.json', import.meta.url)),
);
const PAGE = 'https://griffin.app.br/empresas/PETR4/insiders';
const API = 'https://griffin.app.br/api/insiders/PETR4';
const wrap = (b: Buffer) =>
  Buffer.from(
    JSON.stringify({
      page: PAGE,
      answers: [{ url: API, status: 200, contentType: 'application/json', body: b.toString('utf8') }],
    }),
  );

describe('griffin insider-trades', () => {
  const t: Target<'insider-trades'> = { sourceId: 'griffin', fetcher, query: { ticker: 'PETR4' } };
  let original: ModelItem<'insider-trades'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, wrap(body));
  });
  interceptedJsonSuite(t, body, PAGE, API, { runs: 100, rows: true, original: () => original });
});
