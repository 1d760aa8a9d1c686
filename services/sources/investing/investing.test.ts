import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { interceptedRaw } from '../shared/browser-payload';
import { errorCode } from '../test-support';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import source from './index';
import { quoteFetcher } from './quote.fetcher';

// OUR fixtures, not captures (none exist): the historical API answer and the equity page's
// __NEXT_DATA__ state in the shapes we expect, values made up.
const HIST = readFileSync(new URL('./fixtures/historical-PETR4.json', import.meta.url), 'utf8');
const PAGE = readFileSync(new URL('./fixtures/equities-petrobras-pn.html', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const ctx = { baseUrl: 'https://br.investing.com', credentials: {}, now: new Date() };
const hist = (body: string, status = 200) =>
  interceptedRaw('https://br.investing.com/equities/petrobras-pn-historical-data', [
    {
      url: 'https://api.investing.com/api/financialdata/historical/18750?start-date=2024-11-06',
      status,
      body,
    },
  ]);
const page = (html: string) =>
  rawFromFile(Buffer.from(html), 'https://br.investing.com/equities/petrobras-pn');

describe('investing daily-bars', () => {
  it('needs a sign-in; opens the historical page in the browser and keeps the API answer', () => {
    expect(source.info).toMatchObject({ requiresLogin: true, usesBrowser: true });
    expect(dailyBarsFetcher.request(q, ctx)).toEqual({
      url: 'https://br.investing.com/equities/petrobras-pn-historical-data',
      browser: { intercept: ['/api/financialdata/historical/'] },
    });
    expect(dailyBarsFetcher.request({ ticker: 'KLBN11', q: 'klabin-unit' }, ctx).url).toMatch(
      /klabin-unit-historical-data$/,
    );
    expect(() => dailyBarsFetcher.request({ ticker: 'KLBN11' }, ctx)).toThrow(/give it as q=<name>/);
  });

  it('reads the raw numbers of each row', async () => {
    const bars = await runTransform('investing', dailyBarsFetcher, hist(HIST), q);
    expect(bars).toHaveLength(3);
    expect(bars[0]).toEqual({
      ticker: 'PETR4',
      date: '2024-12-06',
      open: 37.6,
      high: 38.19,
      low: 37.52,
      close: 38.05,
      adj_close: null,
      volume: 31254800,
      currency: 'BRL',
    });
    for (const b of bars) MODEL_SCHEMAS['daily-bars'].parse(b);
  });

  it('typed errors: expired session, renamed field, text number, swapped high/low', async () => {
    const t = (r: ReturnType<typeof hist>) => errorCode(() => dailyBarsFetcher.transform(r, q));
    expect(await t(hist('{}', 403))).toBe('UNAUTHORIZED');
    expect(await t(hist(HIST.replace(/"last_closeRaw"/g, '"closeRaw"')))).toBe('LAYOUT_CHANGED');
    expect(await t(hist(HIST.replace('"last_openRaw": 37.6', '"last_openRaw": "37,6"')))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await t(hist(HIST.replace('"last_maxRaw": 38.19', '"last_maxRaw": 37.0')))).toBe('LAYOUT_CHANGED');
  });
});

describe('investing quote', () => {
  it('waits for the page state and reads the price block', async () => {
    expect(quoteFetcher.request(q, ctx)).toEqual({
      url: 'https://br.investing.com/equities/petrobras-pn',
      browser: { waitFor: 'script#__NEXT_DATA__' },
    });
    const [item] = await runTransform('investing', quoteFetcher, page(PAGE), q);
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
      name: 'Petrobras PN',
    });
  });

  it('typed errors: sign-in page, another symbol, renamed field, no state', async () => {
    const t = (html: string) => errorCode(() => quoteFetcher.transform(page(html), q));
    expect(await t('<form><input type="email"><input type="password" name="pw"></form>')).toBe(
      'UNAUTHORIZED',
    );
    expect(await t(PAGE.replace('"symbol": "PETR4"', '"symbol": "VALE3"'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('"last": 38.05', '"lastPrice": 38.05'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('id="__NEXT_DATA__"', 'id="state"'))).toBe('LAYOUT_CHANGED');
  });
});
