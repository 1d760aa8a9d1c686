import { marketFeedFetcher } from '../shared/news-feed-fetcher';

/** Exame's "Mercados" section feed (WordPress RSS 2.0): `/mercados/feed/`. */
export const newsFetcher = marketFeedFetcher({
  path: '/mercados/feed/',
  publisher: 'Exame',
  what: 'Exame mercados feed',
});
