import { defineFetcher } from '../define';
import { parsePortal } from './next-data-parse';

/**
 * Mais Retorno's news portal, `/portal`: the latest stories, read from the page's embedded
 * `__NEXT_DATA__` JSON (not its markup). A news portal always lists stories: none is not normal.
 */
export const newsFetcher = defineFetcher({
  model: 'news',
  parserVersion: 1,
  primary: 'ticker',
  required: [],
  request(_q, ctx) {
    return { url: `${ctx.baseUrl.replace(/\/+$/, '')}/portal`, encoding: 'auto' };
  },
  transform(raw) {
    return parsePortal(raw.text(), raw.url);
  },
});
