import { defineFetcher } from '../define';
import { SourceError } from '../errors';
import { pageText } from './page-text';
import { parseFundamentusScreener } from './resultado-parse';

/** resultado.php: the screener table of every listed stock; a ticker in the query keeps its row only. */
export default defineFetcher({
  model: 'screener',
  parserVersion: 2,
  primary: 'ticker',
  required: [],
  request(_q, ctx) {
    return { url: `${ctx.baseUrl.replace(/\/+$/, '')}/resultado.php`, encoding: 'latin1' };
  },
  transform(raw, q) {
    const items = parseFundamentusScreener(pageText(raw));
    if (!q.ticker) return items;
    const mine = items.filter((it) => it.ticker === q.ticker);
    if (mine.length === 0 && items.length > 0) {
      throw new SourceError('NOT_FOUND', `the Fundamentus screener does not list ${q.ticker}`);
    }
    return mine;
  },
});
