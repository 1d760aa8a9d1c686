/**
 * Google News search RSS items into news items. Google writes each headline as
 * "Headline - Publisher" with the publisher in <source url=…>; the suffix is cut when it equals
 * the <source> text. The <link> is a news.google.com redirect and is kept as the url. The
 * <description> of a single story is only the headline linked and the publisher in a <font>
 * (nothing the title does not say), so it is dropped; a story cluster's list is kept as text.
 */
import type { Feed, FeedEntry } from '../shared/feed';
import { newsItem, type NewsItem } from '../shared/news-item';

const HEADLINE_ONLY = /^<a\b[^>]*>[^<]*<\/a>(?:\s|&nbsp;|\u00a0)*<font\b[^>]*>[^<]*<\/font>$/i;

export function stripPublisher(title: string, publisher: string | null): string {
  if (!publisher) return title;
  const suffix = ` - ${publisher}`;
  return title.endsWith(suffix) && title.length > suffix.length
    ? title.slice(0, -suffix.length).trim()
    : title;
}

function googleItem(e: FeedEntry, queryTicker: string | undefined): NewsItem {
  const publisher = e.source?.name ?? null;
  const headlineOnly = e.descriptionHtml !== null && HEADLINE_ONLY.test(e.descriptionHtml);
  return newsItem(
    {
      title: stripPublisher(e.title, publisher),
      url: e.link,
      publisher,
      publishedAt: e.publishedAt,
      description: headlineOnly ? null : e.description,
    },
    queryTicker,
  );
}

export function googleNewsItems(feed: Feed, queryTicker: string | undefined): NewsItem[] {
  return feed.entries.map((e) => googleItem(e, queryTicker));
}
