/**
 * Fuzz: E-Investidor section listing (news, HTML). Seed: the source's OWN fixture mercado.html
 * (not a capture).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../e-investidor';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { listingSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('e-investidor: no news fetcher');

describe('e-investidor news', () => {
  const body = readFileSync(new URL('../e-investidor/fixtures/mercado.html', import.meta.url));
  const t: Target<'news'> = { sourceId: 'e-investidor', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  listingSuite(t, body, { runs: 120, original: () => original });
});
