import { marketFeedFetcher } from '../shared/news-feed-fetcher';

/** Bloomberg Línea Brasil's Arc XP outbound feed (RSS 2.0): `/arc/outboundfeeds/rss/?outputType=xml`. */
export const newsFetcher = marketFeedFetcher({
  path: '/arc/outboundfeeds/rss/?outputType=xml',
  publisher: 'Bloomberg Línea',
  what: 'Bloomberg Línea feed',
});
