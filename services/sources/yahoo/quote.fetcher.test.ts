import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { quoteFetcher } from './quote.fetcher';
import { errorCode, rawText } from '../test-support';

// Real capture yahoo_non_SA/yahoo_chart_BZ=F_1mo.json (no .SA capture exists; see chart tests).
const BRENT = () => readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf-8');

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);

const codeOf = errorCode;

describe('yahoo quote', () => {
  it('requests 5 daily bars of the .SA symbol', () => {
    const spec = quoteFetcher.request(
      { ticker: 'PETR4' },
      { baseUrl: 'https://query1.finance.yahoo.com', credentials: {}, now: new Date() },
    );
    expect(spec.url).toBe('https://query1.finance.yahoo.com/v8/finance/chart/PETR4.SA?interval=1d&range=5d');
  });

  it('reads price/time from meta and the previous close from the bar before the quote day', async () => {
    const [item] = await runTransform('yahoo', quoteFetcher, raw(BRENT()), { ticker: 'BZ=F' });
    expect(item).toMatchObject({
      ticker: 'BZ=F',
      price: 79.74,
      high: 80.93,
      low: 78.13,
      volume: 35007,
      market_cap: null,
      currency: 'USD',
      quoted_at: '2026-08-05T16:19:05.000Z',
      name: 'Brent Crude Oil Last Day Financ',
    });
    expect(item?.open).toBeCloseTo(78.93, 5);
    expect(item?.previous_close).toBeCloseTo(79.36, 5);
    expect(item?.change).toBeCloseTo(0.38, 5);
    expect(item?.change_pct).toBeCloseTo((0.38 / 79.36) * 100, 4);
    MODEL_SCHEMAS.quote.parse(item);
  });

  it('raises NOT_FOUND on the 404 body and LAYOUT_CHANGED without meta price', async () => {
    const nf =
      '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}';
    expect(await codeOf(() => quoteFetcher.transform(raw(nf, 404), { ticker: 'XXXX4' }))).toBe('NOT_FOUND');
    const renamed = BRENT().replace('"regularMarketPrice"', '"marketPrice"');
    expect(await codeOf(() => quoteFetcher.transform(raw(renamed), { ticker: 'BZ=F' }))).toBe(
      'LAYOUT_CHANGED',
    );
    const wrongType = BRENT().replace('"regularMarketPrice": 79.74', '"regularMarketPrice": "79.74"');
    expect(await codeOf(() => quoteFetcher.transform(raw(wrongType), { ticker: 'BZ=F' }))).toBe(
      'LAYOUT_CHANGED',
    );
  });
});
