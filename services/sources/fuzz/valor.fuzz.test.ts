/**
 * Fuzz: Valor Econômico's Globo RSS 2.0 feed (news). Seed: the source's OWN fixture rss-valor.xml (not a capture).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../valor';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { feedSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('valor: no news fetcher');

describe('valor news', () => {
  const body = readFileSync(new URL('../valor/fixtures/rss-valor.xml', import.meta.url));
  const t: Target<'news'> = { sourceId: 'valor', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  feedSuite(t, body, { runs: 120, original: () => original });
});
