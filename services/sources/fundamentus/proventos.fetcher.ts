import { defineFetcher } from '../define';
import { SourceError } from '../errors';
import { pageText } from './page-text';
import { parseFundamentusDividends } from './proventos-parse';

/** proventos.php: every dividend, JCP and income payment Fundamentus lists for a ticker. */
export default defineFetcher({
  model: 'dividends',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  emptyIsValid: true,
  request(q, ctx) {
    const ticker = q.ticker ?? '';
    return {
      url: `${ctx.baseUrl.replace(/\/+$/, '')}/proventos.php?papel=${encodeURIComponent(ticker)}&tipo=2`,
      encoding: 'latin1',
    };
  },
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'dividends needs a ticker', { fields: ['ticker'] });
    return parseFundamentusDividends(pageText(raw), q.ticker);
  },
});
