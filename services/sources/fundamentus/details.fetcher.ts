import { defineFetcher } from '../define';
import { SourceError } from '../errors';
import { parseFundamentusDetails } from './details-parse';
import { pageText } from './page-text';

/** detalhes.php: one company's, bank's or real-estate fund's indicators (ISO-8859-1 HTML). */
export default defineFetcher({
  model: 'fundamentals',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const ticker = q.ticker ?? '';
    return {
      url: `${ctx.baseUrl.replace(/\/+$/, '')}/detalhes.php?papel=${encodeURIComponent(ticker)}`,
      encoding: 'latin1',
    };
  },
  transform(raw, q) {
    if (!q.ticker)
      throw new SourceError('INVALID_INPUT', 'fundamentals needs a ticker', { fields: ['ticker'] });
    return [parseFundamentusDetails(pageText(raw), q.ticker)];
  },
});
