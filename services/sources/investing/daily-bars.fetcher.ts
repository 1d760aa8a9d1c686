import { z } from 'zod';
import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { DailyBarItem } from '../models';
import { interceptedJson } from '../shared/browser-payload';
import { slugOf } from './slug';

/**
 * The historical-data page (`/equities/<slug>-historical-data`) loads its table from
 * `api.investing.com/api/financialdata/historical/<id>` as JSON; raw numbers sit in the `…Raw`
 * fields. No capture exists: this is the shape we expect, held strictly. The answer carries no
 * symbol, so the page's own check is the slug (see slug.ts) and the quote fetcher's symbol check.
 */
export const API_PART = '/api/financialdata/historical/';

const Num = z.number().finite();
const Row = z.object({
  rowDateTimestamp: z.iso.datetime({ offset: true }),
  last_openRaw: Num,
  last_maxRaw: Num,
  last_minRaw: Num,
  last_closeRaw: Num,
  volumeRaw: Num.nullable(),
});
const Answer = z.object({ data: z.array(Row).nullable() });

export const dailyBarsFetcher = defineFetcher({
  model: 'daily-bars',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    return {
      url: `${ctx.baseUrl}/equities/${slugOf(q)}-historical-data`,
      browser: { intercept: [API_PART] },
    };
  },
  transform(raw, q): DailyBarItem[] {
    const ticker = q.ticker ?? '';
    const parsed = Answer.safeParse(interceptedJson(raw, API_PART, 'investing historical'));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw layoutChanged(`investing historical: ${i?.path.join('.') || 'answer'}: ${i?.message}`);
    }
    const bars = (parsed.data.data ?? []).map((r, i): DailyBarItem => {
      if (!/T00:00:00(\.000)?(Z|[+-]00:00)$/.test(r.rowDateTimestamp))
        throw layoutChanged(`investing historical: row ${i + 1} is not dated at midnight UTC`);
      if (r.last_minRaw > r.last_maxRaw)
        throw layoutChanged(`investing historical: row ${i + 1} has low above high`);
      return {
        ticker,
        date: r.rowDateTimestamp.slice(0, 10),
        open: r.last_openRaw,
        high: r.last_maxRaw,
        low: r.last_minRaw,
        close: r.last_closeRaw,
        adj_close: null,
        volume: r.volumeRaw,
        // B3 equities trade in reais; the answer carries no currency of its own.
        currency: 'BRL',
      };
    });
    return bars.filter((b) => (!q.from || b.date >= q.from) && (!q.to || b.date <= q.to));
  },
});
