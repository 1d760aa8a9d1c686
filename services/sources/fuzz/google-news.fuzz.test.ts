/**
 * Fuzz: Google News search RSS (news). Seed: the REAL English capture (shared fixtures, 6 items,
 * 11 KB). Without its <source>, an item keeps the " - Publisher" suffix in its title: the
 * unstripped titles are allowed alternatives.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../google-news';
import type { ModelItem } from '../models';
import { readFeed } from '../shared/feed';
import { baseline, type Target } from './fuzz-harness';
import { feedSuite } from './news-suites';

const fetcher = source.fetchers.news;
if (!fetcher) throw new Error('google-news: no news fetcher');

describe('google-news news', () => {
  const body = readFileSync(fixture('rss', 'google_news_en-GB_brent_trimmed6.xml'));
  const t: Target<'news'> = { sourceId: 'google-news', fetcher, query: { ticker: 'PETR4' } };
  const rawTitles = readFeed(body.toString('utf8'), {
    url: 'https://news.google.com/',
    what: 'seed',
  }).entries.map((e) => e.title);
  let original: ModelItem<'news'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  feedSuite(t, body, { runs: 120, original: () => original, alternatives: () => ({ title: rawTitles }) });
});
