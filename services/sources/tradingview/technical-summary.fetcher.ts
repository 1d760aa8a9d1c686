import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { QuoteItem, TechnicalSummaryItem } from '../models';
import { num, readScan, scanRequest, text } from './scanner';
import { summaryOf } from './signals';

function ticker(q: { ticker?: string | undefined }): string {
  if (!q.ticker) throw new SourceError('INVALID_INPUT', 'tradingview: a ticker is required');
  return q.ticker;
}

/** The as-of time: when the answer was fetched (the scanner dates nothing itself). */
function fetchedAt(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}

/** The daily technical summary of one B3 ticker (TradingView's scanner). */
export const technicalSummaryFetcher = defineFetcher({
  model: 'technical-summary',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => scanRequest(ctx.baseUrl, ticker(q)),
  transform(raw, q): TechnicalSummaryItem[] {
    const t = ticker(q);
    const row = readScan(raw, t);
    return [
      {
        ticker: t,
        interval: '1d',
        as_of: fetchedAt(raw.fetchedAt),
        ...summaryOf(row),
        price: num(row, 'close'),
        change_pct: num(row, 'change'),
        volume: num(row, 'volume'),
      },
    ];
  },
});

/** The quote the same scan carries (close, change, day range, volume, market cap). */
export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => scanRequest(ctx.baseUrl, ticker(q)),
  transform(raw, q): QuoteItem[] {
    const t = ticker(q);
    const row = readScan(raw, t);
    const price = num(row, 'close');
    if (price === null) return [];
    const currency = text(row, 'currency');
    if (currency === null) throw layoutChanged('tradingview scan: no currency for the price');
    return [
      {
        ticker: t,
        price,
        change: num(row, 'change_abs'),
        change_pct: num(row, 'change'),
        previous_close: null,
        open: num(row, 'open'),
        high: num(row, 'high'),
        low: num(row, 'low'),
        volume: num(row, 'volume'),
        market_cap: num(row, 'market_cap_basic'),
        currency,
        quoted_at: fetchedAt(raw.fetchedAt),
        name: text(row, 'description'),
      },
    ];
  },
});
