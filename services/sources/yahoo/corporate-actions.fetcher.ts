import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { CorporateActionItem } from '../models';
import { YAHOO_ERROR_STATUSES } from './chart-answer';
import { readSplits } from './split-events';
import { yahooSymbol } from './symbol';

const DAY = 86_400;

function epoch(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

/**
 * Splits and reverse splits from the `events` of `/v8/finance/chart/<symbol>`: the whole history
 * (range=max), or from/to as period1/period2 (with the chart fetcher's day of margin). Yahoo dates
 * an event on the ex-date session; the date is that session's exchange-local date, as for bars.
 * Yahoo has no bonus kind (a bonus issue shows as a split, e.g. 11:10). A 1:1 event changes no
 * share count and is left out. Most windows hold no split: an empty answer is normal.
 */
export const corporateActionsFetcher = defineFetcher({
  model: 'corporate-actions',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  emptyIsValid: true,
  request(q, ctx) {
    const symbol = encodeURIComponent(yahooSymbol(q.ticker ?? ''));
    let period = 'range=max';
    if (q.from || q.to) {
      const p1 = q.from ? epoch(q.from) - DAY : 0;
      const p2 = q.to ? epoch(q.to) + 2 * DAY : Math.floor(ctx.now.getTime() / 1000) + DAY;
      period = `period1=${p1}&period2=${p2}`;
    }
    return {
      url: `${ctx.baseUrl}/v8/finance/chart/${symbol}?interval=1d&${period}&events=div,splits`,
      encoding: 'utf-8',
      acceptStatus: YAHOO_ERROR_STATUSES,
    };
  },
  transform(raw, q): CorporateActionItem[] {
    const ticker = q.ticker ?? '';
    const { chart, splits } = readSplits(raw, ticker);
    const items = new Map<string, CorporateActionItem>();
    for (const s of splits) {
      if (s.numerator === s.denominator) continue;
      const date = chart.localDate(s.epoch);
      if ((q.from && date < q.from) || (q.to && date > q.to)) continue;
      const item: CorporateActionItem = {
        ticker,
        date,
        date_basis: 'ex_date',
        kind: s.numerator > s.denominator ? 'split' : 'reverse_split',
        from: s.denominator,
        to: s.numerator,
      };
      // One event per day and kind (the store's key): a repeat is dropped, a conflict refused.
      const key = `${date} ${item.kind}`;
      const seen = items.get(key);
      if (seen && (seen.from !== item.from || seen.to !== item.to)) {
        throw layoutChanged(
          `yahoo chart ${ticker}: two ${item.kind}s on ${date} (${seen.to}:${seen.from}, ${item.to}:${item.from})`,
        );
      }
      items.set(key, item);
    }
    return [...items.values()];
  },
});
