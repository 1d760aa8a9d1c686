import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode } from '../test-support';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import source from './index';
import { quoteFetcher } from './quote.fetcher';

// OUR fixtures, not captures (none exist): the rendered quote and history pages in the structure we
// expect (a header row of labels over rows of values), values made up.
const QUOTE = readFileSync(new URL('./fixtures/cotacao-PETR4.html', import.meta.url), 'utf8');
const HIST = readFileSync(new URL('./fixtures/historico-PETR4.html', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const ctx = { baseUrl: 'https://br.advfn.com', credentials: {}, now: new Date() };
const dom = (html: string) => rawFromFile(Buffer.from(html), 'https://br.advfn.com/x');

describe('advfn quote', () => {
  it('needs a sign-in; renders the quote page in the browser', () => {
    expect(source.info).toMatchObject({ requiresLogin: true, usesBrowser: true });
    expect(quoteFetcher.request(q, ctx)).toEqual({
      url: 'https://br.advfn.com/bolsa-de-valores/bovespa/PETR4/cotacao',
      browser: { waitFor: 'table#quote_top' },
    });
  });

  it('reads each value under its header label', async () => {
    const [item] = await runTransform('advfn', quoteFetcher, dom(QUOTE), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      price: 38.05,
      change: 0.47,
      change_pct: 1.25,
      previous_close: 37.58,
      open: 37.6,
      high: 38.19,
      low: 37.52,
      volume: 31254800,
      market_cap: null,
      currency: 'BRL',
      quoted_at: '2024-12-06T20:07:00.000Z',
      name: null,
    });
    MODEL_SCHEMAS.quote.parse(item);
  });

  it('typed errors: sign-in page, another ticker, renamed label, missing cell, garbled value', async () => {
    const t = (html: string) => errorCode(() => quoteFetcher.transform(dom(html), q));
    expect(await t('<form action="/login"><input type="password" name="p"></form>')).toBe('UNAUTHORIZED');
    expect(await t(QUOTE.replace('(PETR4)</h1>', '(VALE3)</h1>'))).toBe('LAYOUT_CHANGED');
    expect(await t(QUOTE.replace('<th>Máxima</th>', '<th>Alta</th>'))).toBe('LAYOUT_CHANGED');
    expect(await t(QUOTE.replace('<td>37,60</td>', ''))).toBe('LAYOUT_CHANGED');
    expect(await t(QUOTE.replace('<td>1,25%</td>', '<td>1,25</td>'))).toBe('LAYOUT_CHANGED');
  });
});

describe('advfn daily-bars', () => {
  it('renders the history page and reads one bar per row', async () => {
    expect(dailyBarsFetcher.request(q, ctx).url).toBe(
      'https://br.advfn.com/bolsa-de-valores/bovespa/PETR4/historico/mais-dados-historicos',
    );
    const bars = await runTransform('advfn', dailyBarsFetcher, dom(HIST), q);
    expect(bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume])).toEqual([
      ['2024-12-06', 37.6, 38.19, 37.52, 38.05, 31254800],
      ['2024-12-05', 37.9, 38.02, 37.41, 37.58, 28412300],
      ['2024-12-04', 38.3, 38.44, 37.75, 37.88, 25190400],
    ]);
  });

  it('typed errors: swapped columns out of range, renamed header, garbled date', async () => {
    const t = (html: string) => errorCode(() => dailyBarsFetcher.transform(dom(html), q));
    expect(await t(HIST.replace('<th>Máxima</th><th>Mínima</th>', '<th>Mínima</th><th>Máxima</th>'))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await t(HIST.replace('<th>Fechamento</th>', '<th>Último</th>'))).toBe('LAYOUT_CHANGED');
    expect(await t(HIST.replace('06/12/2024', '2024-12-06'))).toBe('LAYOUT_CHANGED');
  });
});
