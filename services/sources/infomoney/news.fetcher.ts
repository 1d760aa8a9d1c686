import { marketFeedFetcher } from '../shared/news-feed-fetcher';

/** InfoMoney's "Mercados" section feed (WordPress RSS 2.0): `/mercados/feed/`. */
export const newsFetcher = marketFeedFetcher({
  path: '/mercados/feed/',
  publisher: 'InfoMoney',
  what: 'InfoMoney mercados feed',
});
