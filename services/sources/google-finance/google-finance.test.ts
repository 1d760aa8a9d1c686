import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { runTransform } from '../run-transform';
import { errorCode, rawText } from '../test-support';
import { fundamentalsFetcher, quoteFetcher } from './quote.fetcher';

// OUR fixture, not a capture (none exists): fixtures/quote_PETR4_BVMF.html follows the quote page's
// public structure (the data-last-price element, the key-stat label/value rows), values made up.
const PAGE = readFileSync(new URL('./fixtures/quote_PETR4_BVMF.html', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const raw = (s: string, status = 200) => rawText(s, 'text/html; charset=utf-8', status);

describe('google-finance quote', () => {
  it('requests /finance/quote/<ticker>:BVMF in English over plain HTTP', () => {
    const r = quoteFetcher.request(q, {
      baseUrl: 'https://www.google.com',
      credentials: {},
      now: new Date(),
    });
    expect(r.url).toBe('https://www.google.com/finance/quote/PETR4:BVMF?hl=en');
    expect(r.browser).toBeUndefined();
  });

  it('reads price, time and currency from data-last-price; change against the previous close', async () => {
    const [item] = await runTransform('google-finance', quoteFetcher, raw(PAGE), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      price: 38.05,
      change: 0.47,
      change_pct: 1.2507,
      previous_close: 37.58,
      open: null,
      high: null,
      low: null,
      volume: null,
      market_cap: 496_320_000_000,
      currency: 'BRL',
      quoted_at: '2025-12-08T20:00:00.000Z',
      name: null,
    });
    MODEL_SCHEMAS.quote.parse(item);
  });

  it('LAYOUT_CHANGED: another ticker, no price element, a garbled price, a renamed stat, a row without value', async () => {
    const t = (s: string) => errorCode(() => quoteFetcher.transform(raw(s), q));
    expect(await t(PAGE.replace('(PETR4)', '(VALE3)'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('data-last-price="38.05"', ''))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('data-last-price="38.05"', 'data-last-price="38,05"'))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await t(PAGE.replace('>P/E ratio<', '>P/E<'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('<div class="P6K39c">5.32</div>', ''))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('>14.85%<', '>14.85<'))).toBe('LAYOUT_CHANGED');
    expect(await errorCode(() => quoteFetcher.transform(raw('<title>404</title>', 404), q))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('google-finance fundamentals', () => {
  it('market cap, P/L, DY under standard keys; other stats under their own labels', async () => {
    const [item] = await runTransform('google-finance', fundamentalsFetcher, raw(PAGE), q);
    expect(item?.values).toEqual({
      market_cap: 496_320_000_000,
      pl: 5.32,
      dy: 14.85,
      price: 38.05,
    });
    expect(item?.as_of).toBe('2025-12-08');
    // Avg Volume is in shares over an unstated period: no standard key fits, so it stays under its label.
    expect(item?.extra).toMatchObject({
      'Previous close': 37.58,
      'Avg Volume': 31_250_000,
      'Primary exchange': 'BVMF',
    });
  });
});
