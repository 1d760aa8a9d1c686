import { defineFetcher } from '../define';
import { layoutChanged } from '../errors';
import type { DailyBarItem } from '../models';
import { advfnRequest, checkedPage } from './quote.fetcher';
import { cellDate, cellNumber, columns, headerTable } from './table';

const WHAT = 'advfn history';
const LABELS = ['Data', 'Abertura', 'Máxima', 'Mínima', 'Fechamento', 'Volume'] as const;

/** The "mais dados históricos" table (#historical): one row per session, newest first. */
export const dailyBarsFetcher = defineFetcher({
  model: 'daily-bars',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request: (q, ctx) => advfnRequest(q, ctx.baseUrl, 'historico/mais-dados-historicos', 'table#historical'),
  transform(raw, q): DailyBarItem[] {
    const ticker = q.ticker ?? '';
    const html = raw.text();
    checkedPage(html, ticker, WHAT);
    const t = headerTable(html, 'historical', WHAT);
    const c = columns(t, LABELS, WHAT);
    const bars = t.rows.map((row): DailyBarItem => {
      const need = (l: (typeof LABELS)[number]) => cellNumber(row, c[l], l, WHAT, false) ?? 0;
      const bar = {
        ticker,
        date: cellDate(row, c['Data'], 'Data', WHAT),
        open: need('Abertura'),
        high: need('Máxima'),
        low: need('Mínima'),
        close: need('Fechamento'),
        adj_close: null,
        volume: cellNumber(row, c['Volume'], 'Volume', WHAT),
        currency: 'BRL',
      };
      if (bar.low > bar.high || bar.close > bar.high || bar.close < bar.low)
        throw layoutChanged(`${WHAT}: ${bar.date} has a close outside its low–high range`);
      return bar;
    });
    return bars.filter((b) => (!q.from || b.date >= q.from) && (!q.to || b.date <= q.to));
  },
});
