import { z } from 'zod';
import { defineFetcher } from '../define';
import type { DailyBarItem } from '../models';
import { layoutChanged } from '../errors';
import { brapiRequest, brapiResults, resultFor } from './brapi-answer';

const Num = z.number().finite();
const Bar = z.object({
  date: z.number().int(),
  open: Num.nullable(),
  high: Num.nullable(),
  low: Num.nullable(),
  close: Num.nullable(),
  volume: Num.nullable(),
  adjustedClose: Num.nullable().optional(),
});
const HistoryResult = z.object({
  symbol: z.string(),
  currency: z.string().length(3),
  historicalDataPrice: z.array(Bar),
});

// B3 sessions are dated in São Paulo time; en-CA formats as YYYY-MM-DD.
const SAO_PAULO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Sao_Paulo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Daily bars of the last 3 months (the range brapi's free plan serves), `historicalDataPrice`. */
export const dailyBarsFetcher = defineFetcher({
  model: 'daily-bars',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const url = `${ctx.baseUrl}/api/quote/${encodeURIComponent(q.ticker ?? '')}?range=3mo&interval=1d`;
    return brapiRequest(url, ctx.credentials['token']);
  },
  transform(raw, q): DailyBarItem[] {
    const ticker = q.ticker ?? '';
    const r = resultFor(brapiResults(raw, ticker), HistoryResult, ticker);
    if (!r) return [];
    const items: DailyBarItem[] = [];
    for (const b of r.historicalDataPrice) {
      // A session with no trades (holiday) comes with null prices: no bar.
      if (b.open === null || b.high === null || b.low === null || b.close === null) continue;
      const when = new Date(b.date * 1000);
      // An epoch past JavaScript's date range (±8.64e12 s) is no session date.
      if (Number.isNaN(when.getTime()))
        throw layoutChanged(`brapi ${ticker}: bar date ${b.date} is not a time`);
      const date = SAO_PAULO.format(when);
      if ((q.from && date < q.from) || (q.to && date > q.to)) continue;
      items.push({
        ticker,
        date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adj_close: b.adjustedClose ?? null,
        volume: b.volume,
        currency: r.currency,
      });
    }
    return items;
  },
});
