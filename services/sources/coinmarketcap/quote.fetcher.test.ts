import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { quoteFetcher } from './quote.fetcher';
import { errorCode, rawText } from '../test-support';

// OUR OWN fixture, not a capture: no real CoinMarketCap answer is available. It follows the
// documented v2 /cryptocurrency/quotes/latest shape ({status, data: {BTC: [coin…]}}), with a second
// low-ranked coin sharing the symbol, as v2 answers for ambiguous symbols.
const OWN = () =>
  readFileSync(fileURLToPath(new URL('./fixtures/quotes-latest-BTC-BRL.json', import.meta.url)), 'utf-8');
const q = { ticker: 'BTC' };
const ctx = { baseUrl: 'https://pro-api.coinmarketcap.com', now: new Date() };

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);

const codeOf = errorCode;

function statusBody(code: number, message: string): string {
  return JSON.stringify({
    status: { timestamp: '2026-05-04T15:00:00Z', error_code: code, error_message: message },
  });
}

describe('coinmarketcap quote', () => {
  it('sends the key in X-CMC_PRO_API_KEY and refuses to run without it', async () => {
    const spec = quoteFetcher.request(q, { ...ctx, credentials: { apiKey: 'k-123' } });
    expect(spec.url).toBe(
      'https://pro-api.coinmarketcap.com/v2/cryptocurrency/quotes/latest?symbol=BTC&convert=BRL',
    );
    expect(spec.headers).toMatchObject({ 'X-CMC_PRO_API_KEY': 'k-123' });
    expect(await codeOf(() => quoteFetcher.request(q, { ...ctx, credentials: {} }))).toBe('UNAUTHORIZED');
  });

  it('reads the best-ranked coin of the symbol', async () => {
    const [item] = await runTransform('coinmarketcap', quoteFetcher, raw(OWN()), q);
    expect(item).toEqual({
      ticker: 'BTC',
      price: 512345.67,
      change: null,
      change_pct: -1.75,
      previous_close: null,
      open: null,
      high: null,
      low: null,
      volume: null,
      market_cap: 10175185006200,
      currency: 'BRL',
      quoted_at: '2026-05-04T15:00:00.000Z',
      name: 'Bitcoin',
    });
    MODEL_SCHEMAS.quote.parse(item);
  });

  it('maps status.error_code', async () => {
    const t = (code: number, msg: string, http: number) =>
      codeOf(() => quoteFetcher.transform(raw(statusBody(code, msg), http), q));
    expect(await t(1001, 'This API Key is invalid.', 401)).toBe('UNAUTHORIZED');
    expect(await t(1002, 'API key missing.', 401)).toBe('UNAUTHORIZED');
    expect(await t(1008, "You've exceeded your API Key's HTTP request rate limit.", 429)).toBe(
      'RATE_LIMITED',
    );
    expect(await t(1011, "You've hit an IP rate limit.", 429)).toBe('RATE_LIMITED');
    expect(await t(400, 'Invalid value for "symbol": "XXXQ"', 400)).toBe('NOT_FOUND');
    expect(await t(400, 'Invalid value for "convert": "ZZZ"', 400)).toBe('INVALID_INPUT');
  });

  it('raises NOT_FOUND for an empty coin list', async () => {
    const body = JSON.stringify({ status: { error_code: 0, error_message: null }, data: { BTC: [] } });
    expect(await codeOf(() => quoteFetcher.transform(raw(body), q))).toBe('NOT_FOUND');
  });

  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys, wrong types', async () => {
    const text = OWN();
    const t = (body: string) => codeOf(() => quoteFetcher.transform(raw(body), q));
    expect(await t(text.slice(0, 400))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"status"', '"state"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"price": 512345.67', '"value": 512345.67'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"BRL": {\n            "price"', '"USD": {\n            "price"'))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await t(text.replace('"price": 512345.67', '"price": "512345.67"'))).toBe('LAYOUT_CHANGED');
    const v1Shape = JSON.parse(text) as { data: { BTC: unknown[] } };
    expect(await t(JSON.stringify({ ...v1Shape, data: { BTC: v1Shape.data.BTC[0] } }))).toBe(
      'LAYOUT_CHANGED',
    );
  });
});
