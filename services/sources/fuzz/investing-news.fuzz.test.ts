/**
 * Fuzz: Investing.com Brasil's news.rss; an item without <author> is published by Investing.com (news). Seed: the source's OWN fixture news-rss.xml (not a capture).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../investing-news';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { feedSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('investing-news: no news fetcher');

describe('investing-news news', () => {
  const body = readFileSync(new URL('../investing-news/fixtures/news-rss.xml', import.meta.url));
  const t: Target<'news'> = { sourceId: 'investing-news', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  feedSuite(t, body, {
    runs: 120,
    original: () => original,
    alternatives: () => ({ publisher: ['Investing.com'] }),
  });
});
