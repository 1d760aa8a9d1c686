import { z } from 'zod';
import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { QuoteItem } from '../models';
import { brapiRequest, brapiResults, resultFor } from './brapi-answer';

const Num = z.number().finite();
/** The fields of brapi's /api/quote result we read; nullable ones must still be present. */
const QuoteResult = z.object({
  symbol: z.string(),
  currency: z.string().length(3),
  shortName: z.string().nullish(),
  longName: z.string().nullish(),
  regularMarketPrice: Num,
  regularMarketDayHigh: Num.nullable(),
  regularMarketDayLow: Num.nullable(),
  regularMarketChange: Num.nullable(),
  regularMarketChangePercent: Num.nullable(),
  /** ISO 8601 only: `new Date()` would also read "1,2,3Z" (as 2003-01-02). */
  regularMarketTime: z.iso.datetime({ offset: true }),
  marketCap: Num.nullable(),
  regularMarketVolume: Num.nullable(),
  regularMarketPreviousClose: Num.nullable(),
  regularMarketOpen: Num.nullable(),
});

/** Latest quote of one B3 ticker: `/api/quote/<ticker>`. */
export const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    return brapiRequest(
      `${ctx.baseUrl}/api/quote/${encodeURIComponent(q.ticker ?? '')}`,
      ctx.credentials['token'],
    );
  },
  transform(raw, q): QuoteItem[] {
    const ticker = q.ticker ?? '';
    const r = resultFor(brapiResults(raw, ticker), QuoteResult, ticker);
    if (!r) return [];
    const time = new Date(r.regularMarketTime);
    if (Number.isNaN(time.getTime())) {
      throw layoutChanged(`brapi ${ticker}: regularMarketTime is not a date-time`);
    }
    return [
      {
        ticker,
        price: r.regularMarketPrice,
        change: r.regularMarketChange,
        // brapi gives percentage points already (-1.28 = -1.28%).
        change_pct: r.regularMarketChangePercent,
        previous_close: r.regularMarketPreviousClose,
        open: r.regularMarketOpen,
        high: r.regularMarketDayHigh,
        low: r.regularMarketDayLow,
        volume: r.regularMarketVolume,
        market_cap: r.marketCap,
        currency: r.currency,
        quoted_at: time.toISOString(),
        name: r.longName?.trim() || r.shortName?.trim() || null,
      },
    ];
  },
});
