import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { QuoteItem } from '../models';
import { readChart, YAHOO_ERROR_STATUSES } from './chart-answer';
import { yahooSymbol } from './symbol';

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The latest quote from the chart endpoint: price and time from `meta`, the day's high/low/volume
 * from `meta` when given, the open from the bar of the quote's day, and the previous close from the
 * last bar before that day. (`meta.chartPreviousClose` is the close before the *chart's* first bar,
 * the previous session's only when range is 1d, so it is used only then.)
 */
export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    return {
      url: `${ctx.baseUrl}/v8/finance/chart/${encodeURIComponent(yahooSymbol(q.ticker ?? ''))}?interval=1d&range=5d`,
      encoding: 'utf-8',
      acceptStatus: YAHOO_ERROR_STATUSES,
    };
  },
  transform(raw, q): QuoteItem[] {
    const ticker = q.ticker ?? '';
    const { meta, bars, currency, localDate } = readChart(raw, ticker);
    if (meta.regularMarketPrice === undefined || meta.regularMarketTime === undefined) {
      throw layoutChanged(`yahoo chart ${ticker}: meta has no regularMarketPrice/regularMarketTime`);
    }
    const day = localDate(meta.regularMarketTime);
    const today = bars.find((b) => b.date === day);
    // The session before the quote's day; a chart that stops long before it (not the 5 days asked
    // for) says nothing about the previous close.
    const before = bars.filter((b) => b.date < day && b.date >= daysBefore(day, 10)).at(-1);
    const previous = before?.close ?? (meta.range === '1d' ? (meta.chartPreviousClose ?? null) : null);
    const change = previous === null ? null : meta.regularMarketPrice - previous;
    return [
      {
        ticker,
        price: meta.regularMarketPrice,
        change,
        change_pct: change === null || !previous ? null : (change / previous) * 100,
        previous_close: previous,
        open: today?.open ?? null,
        high: meta.regularMarketDayHigh ?? today?.high ?? null,
        low: meta.regularMarketDayLow ?? today?.low ?? null,
        volume: meta.regularMarketVolume ?? today?.volume ?? null,
        market_cap: null,
        currency,
        quoted_at: new Date(meta.regularMarketTime * 1000).toISOString(),
        name: meta.longName?.trim() || meta.shortName?.trim() || null,
      },
    ];
  },
});
