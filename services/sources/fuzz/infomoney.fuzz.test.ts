/**
 * Fuzz: InfoMoney's mercados feed, WordPress RSS 2.0 (news). Seed: the source's OWN fixture mercados-feed.xml (not a capture).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import source from '../infomoney';
import type { ModelItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { feedSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('infomoney: no news fetcher');

describe('infomoney news', () => {
  const body = readFileSync(new URL('../infomoney/fixtures/mercados-feed.xml', import.meta.url));
  const t: Target<'news'> = { sourceId: 'infomoney', fetcher, query: {} };
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  feedSuite(t, body, { runs: 120, original: () => original });
});
