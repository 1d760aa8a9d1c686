/**
 * Fuzz: Bloomberg Línea's Arc XP outbound RSS 2.0 feed (news). Seed: the source's OWN fixture outboundfeed-rss.xml (not a capture).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../bloomberg-linea';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { feedSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('bloomberg-linea: no news fetcher');

describe('bloomberg-linea news', () => {
  const body = readFileSync(new URL('../bloomberg-linea/fixtures/outboundfeed-rss.xml', import.meta.url));
  const t: Target<'news'> = { sourceId: 'bloomberg-linea', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  feedSuite(t, body, { runs: 120, original: () => original });
});
