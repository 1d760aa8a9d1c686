/**
 * A site's market news feed (RSS/Atom) as a `news` fetcher. The feed is the same whatever ticker
 * the query names (the core matches tickers and company names later), so the ticker is optional
 * and does not change the URL. A feed with no items is plausible (a quiet hour): emptyIsValid.
 */
import { defineFetcher, type Fetcher } from '../define';
import { feedText, readFeed, type FeedEntry } from './feed';
import { newsItem, type NewsItem } from './news-item';

export interface MarketFeedOptions {
  /** The feed's path under the source's baseUrl ("/mercados/feed/"). */
  path: string;
  /** The site's name, the publisher of its items unless an item names another. */
  publisher: string;
  /** Names the feed in error messages. */
  what: string;
  parserVersion?: number;
  /** RSS <pubDate> reader when the site does not write RFC 822. */
  rssDate?: (text: string) => string | undefined;
  /** Who published an entry; by default its <source>, else the site. */
  publisherOf?: (e: FeedEntry) => string | null;
}

export function marketFeedUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export function marketFeedFetcher(o: MarketFeedOptions): Fetcher<'news'> {
  const publisherOf = o.publisherOf ?? ((e: FeedEntry) => e.source?.name ?? o.publisher);
  return defineFetcher({
    model: 'news',
    parserVersion: o.parserVersion ?? 1,
    primary: 'ticker',
    required: [],
    emptyIsValid: true,
    request(_q, ctx) {
      return { url: marketFeedUrl(ctx.baseUrl, o.path), encoding: 'auto' };
    },
    transform(raw): NewsItem[] {
      const feed = readFeed(feedText(raw), {
        url: raw.url,
        what: o.what,
        ...(o.rssDate ? { rssDate: o.rssDate } : {}),
      });
      return feed.entries.map((e) =>
        newsItem({
          title: e.title,
          url: e.link,
          publisher: publisherOf(e),
          publishedAt: e.publishedAt,
          description: e.description,
        }),
      );
    },
  });
}
