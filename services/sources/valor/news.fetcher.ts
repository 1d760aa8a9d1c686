import { marketFeedFetcher } from '../shared/news-feed-fetcher';

/**
 * Valor Econômico's latest news: the RSS 2.0 feed Globo publishes for it on its feed host,
 * `https://pox.globo.com/rss/valor/` (chosen over scraping valor.globo.com's listing pages: a
 * published feed is the site's stated machine-readable format). Links point to valor.globo.com.
 */
export const newsFetcher = marketFeedFetcher({
  path: '/rss/valor/',
  publisher: 'Valor Econômico',
  what: 'Valor Econômico feed',
});
