/** Feed entries and listing cards into `news` model items. */
import type { ModelItem } from '../models';
import { newsTickers } from './news-tickers';

export type NewsItem = ModelItem<'news'>;

export interface NewsFields {
  title: string;
  url: string;
  publisher: string | null;
  publishedAt: string | null;
  description: string | null;
}

/** One item; tickers are those written in the title and description, plus `queryTicker`. */
export function newsItem(f: NewsFields, queryTicker?: string): NewsItem {
  return {
    title: f.title,
    url: f.url,
    publisher: f.publisher,
    published_at: f.publishedAt,
    description: f.description,
    tickers: newsTickers([f.title, f.description], [queryTicker]),
  };
}
