import { defineFetcher, type RequestSpec } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem, QuoteItem } from '../models';
import type { SourceQuery } from '../query';
import { mapLabels, type Rule } from '../shared/label-values';
import { checkTicker, EN_NUMBERS, lastPrice, statRows } from './quote-page';

function tickerOf(q: SourceQuery): string {
  if (!q.ticker) throw new SourceError('INVALID_INPUT', 'google-finance: a ticker is required');
  return q.ticker;
}

function quoteRequest(q: SourceQuery, baseUrl: string): RequestSpec {
  return {
    url: `${baseUrl}/finance/quote/${encodeURIComponent(tickerOf(q))}:BVMF?hl=en`,
    encoding: 'utf-8',
    acceptStatus: [404],
  };
}

const STAT_RULES: Record<string, Rule> = {
  'Market cap': { key: 'market_cap', form: 'scaled' },
  'P/E ratio': { key: 'pl', form: 'number' },
  'Dividend yield': { key: 'dy', form: 'pct' },
};
const REQUIRED = ['Previous close', 'Market cap', 'P/E ratio', 'Dividend yield'];

function read(html: string, status: number, ticker: string) {
  if (status === 404) throw new SourceError('NOT_FOUND', `Google Finance has no ${ticker}:BVMF`);
  checkTicker(html, ticker);
  const last = lastPrice(html);
  const rows = statRows(html);
  const mapped = mapLabels('google-finance', rows, STAT_RULES, REQUIRED, EN_NUMBERS);
  const prevText = rows.find((r) => r.label === 'Previous close')?.value ?? '';
  const prev = EN_NUMBERS.price(prevText);
  if (prev === undefined) throw layoutChanged('google-finance: "Previous close" is not a number');
  return { last, prev, ...mapped };
}

/** The quote: last price, its time and currency; change against the page's previous close. */
export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => quoteRequest(q, ctx.baseUrl),
  transform(raw, q): QuoteItem[] {
    const ticker = tickerOf(q);
    const { last, prev, values } = read(raw.text(), raw.status, ticker);
    const change = prev === null ? null : Math.round((last.price - prev) * 1e4) / 1e4;
    return [
      {
        ticker,
        price: last.price,
        change,
        change_pct:
          prev === null || prev === 0 || change === null ? null : Math.round((change / prev) * 1e6) / 1e4,
        previous_close: prev,
        open: null,
        high: null,
        low: null,
        volume: null,
        market_cap: typeof values['market_cap'] === 'number' ? values['market_cap'] : null,
        currency: last.currency,
        quoted_at: last.quotedAt,
        name: null,
      },
    ];
  },
});

/** Market cap, P/L and DY of the same page as fundamentals (other stats under their own labels). */
export const fundamentalsFetcher = defineFetcher({
  model: 'fundamentals',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => quoteRequest(q, ctx.baseUrl),
  transform(raw, q): FundamentalsItem[] {
    const ticker = tickerOf(q);
    const { last, values, extra } = read(raw.text(), raw.status, ticker);
    return [
      {
        ticker,
        layout: 'quote',
        as_of: last.quotedAt.slice(0, 10),
        values: { ...values, price: last.price },
        extra,
      },
    ];
  },
});
