import { marketFeedFetcher } from '../shared/news-feed-fetcher';
import { investingDate } from './news-date';

const SITE = 'Investing.com';

/**
 * Investing.com Brasil's news feed (RSS 2.0): `/rss/news.rss`. Each item names its provider in
 * <author> ("Investing.com", "Reuters"); an item without one is the site's own.
 */
export const newsFetcher = marketFeedFetcher({
  path: '/rss/news.rss',
  publisher: SITE,
  what: 'Investing.com news feed',
  rssDate: investingDate,
  publisherOf: (e) => e.author ?? SITE,
});
