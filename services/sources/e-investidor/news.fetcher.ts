import { defineFetcher } from '../define';
import { parseListing } from './listing-parse';

/**
 * E-Investidor (Estadão) "Mercado" section listing, read from its HTML: `/mercado/`. A news
 * section always lists stories, so a page without any is EMPTY_DATA/LAYOUT_CHANGED, not normal.
 */
export const newsFetcher = defineFetcher({
  model: 'news',
  parserVersion: 1,
  primary: 'ticker',
  required: [],
  request(_q, ctx) {
    return { url: `${ctx.baseUrl.replace(/\/+$/, '')}/mercado/`, encoding: 'auto' };
  },
  transform(raw) {
    return parseListing(raw.text(), raw.url);
  },
});
