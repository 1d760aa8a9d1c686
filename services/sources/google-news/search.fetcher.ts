import { defineFetcher } from '../define';
import { SourceError } from '../errors';
import { feedText, readFeed } from '../shared/feed';
import { googleNewsItems } from './search-parse';

/**
 * The search terms: the ticker alone, or "TICKER OR terms" when the query carries company names
 * (`q`); several words are quoted so Google reads them as one phrase ("Banco do Brasil").
 */
export function searchTerms(ticker: string, q: string | undefined): string {
  if (!q) return ticker;
  const phrase = /\s/.test(q) && !q.includes('"') ? `"${q}"` : q;
  return `${ticker} OR ${phrase}`;
}

/** Google News search RSS (pt-BR edition): `/rss/search?q=<terms>&hl=pt-BR&gl=BR&ceid=BR:pt-419`. */
export const searchFetcher = defineFetcher({
  model: 'news',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  // A ticker nobody wrote about lately has no results: an empty channel is a normal answer.
  emptyIsValid: true,
  request(q, ctx) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'news needs a ticker', { fields: ['ticker'] });
    const terms = encodeURIComponent(searchTerms(q.ticker, q.q));
    return {
      url: `${ctx.baseUrl.replace(/\/+$/, '')}/rss/search?q=${terms}&hl=pt-BR&gl=BR&ceid=BR:pt-419`,
      encoding: 'auto',
    };
  },
  transform(raw, q) {
    const feed = readFeed(feedText(raw), { url: raw.url, what: 'Google News search feed' });
    return googleNewsItems(feed, q.ticker);
  },
});
