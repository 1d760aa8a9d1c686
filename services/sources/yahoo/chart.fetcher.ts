import { defineFetcher } from '../define';
import type { DailyBarItem } from '../models';
import { readChart, YAHOO_ERROR_STATUSES } from './chart-answer';
import { yahooSymbol } from './symbol';

const DAY = 86_400;

function epoch(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

/** Daily bars from `/v8/finance/chart/<symbol>`: the last year, or from/to as period1/period2. */
export const chartFetcher = defineFetcher({
  model: 'daily-bars',
  parserVersion: 2,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    const symbol = encodeURIComponent(yahooSymbol(q.ticker ?? ''));
    let params = 'interval=1d&range=1y';
    if (q.from || q.to) {
      // A day of margin each side (exchanges east of UTC start their day the evening before);
      // the transform keeps only the bars whose local date is inside [from, to].
      const p1 = q.from ? epoch(q.from) - DAY : 0;
      const p2 = q.to ? epoch(q.to) + 2 * DAY : Math.floor(ctx.now.getTime() / 1000) + DAY;
      params = `interval=1d&period1=${p1}&period2=${p2}`;
    }
    return {
      url: `${ctx.baseUrl}/v8/finance/chart/${symbol}?${params}`,
      encoding: 'utf-8',
      acceptStatus: YAHOO_ERROR_STATUSES,
    };
  },
  transform(raw, q): DailyBarItem[] {
    const ticker = q.ticker ?? '';
    const chart = readChart(raw, ticker);
    return chart.bars
      .filter((b) => !(q.from && b.date < q.from) && !(q.to && b.date > q.to))
      .map((b) => ({ ticker, ...b, currency: chart.currency }));
  },
});
