import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { quoteFetcher } from './quote.fetcher';
import { errorCode, rawText } from '../test-support';

// Real capture: /work/shared/fixtures/brapi/brapi_quote_PETR4.json (/api/quote/PETR4, 2026-04-25).
const PETR4 = () => readFileSync(fixture('brapi', 'brapi_quote_PETR4.json'), 'utf-8');
const q = { ticker: 'PETR4' };

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);

const codeOf = errorCode;

describe('brapi quote', () => {
  it('requests /api/quote/<ticker>, the token in a Bearer header only when set', () => {
    const base = { baseUrl: 'https://brapi.dev', now: new Date() };
    const anon = quoteFetcher.request(q, { ...base, credentials: {} });
    expect(anon.url).toBe('https://brapi.dev/api/quote/PETR4');
    expect(anon.headers).toBeUndefined();
    const withToken = quoteFetcher.request(q, { ...base, credentials: { token: 'abc' } });
    expect(withToken.url).toBe('https://brapi.dev/api/quote/PETR4');
    expect(withToken.headers).toEqual({ Authorization: 'Bearer abc' });
    expect(withToken.acceptStatus).toEqual(expect.arrayContaining([401, 404]));
  });

  it('reads the real PETR4 capture', async () => {
    const [item] = await runTransform('brapi', quoteFetcher, raw(PETR4()), q);
    expect(item).toEqual({
      ticker: 'PETR4',
      price: 47.16,
      change: -0.61,
      change_pct: -1.28,
      previous_close: 47.77,
      open: 47.16,
      high: 47.52,
      low: 46.45,
      volume: 34837100,
      market_cap: null,
      currency: 'BRL',
      quoted_at: '2026-04-25T16:14:22.000Z',
      name: 'Petróleo Brasileiro S.A. - Petrobras',
    });
    MODEL_SCHEMAS.quote.parse(item);
  });

  it('maps brapi error answers', async () => {
    const notFound = '{"error":true,"message":"Não encontramos a ação XXXX4"}';
    expect(await codeOf(() => quoteFetcher.transform(raw(notFound, 404), { ticker: 'XXXX4' }))).toBe(
      'NOT_FOUND',
    );
    const unauth = '{"error":true,"message":"O seu token é inválido"}';
    expect(await codeOf(() => quoteFetcher.transform(raw(unauth, 401), q))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => quoteFetcher.transform(raw(unauth, 402), q))).toBe('UNAUTHORIZED');
    expect(await codeOf(() => quoteFetcher.transform(raw('<html>404</html>', 404), q))).toBe(
      'LAYOUT_CHANGED',
    );
  });

  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys, wrong types and another symbol', async () => {
    const text = PETR4();
    const t = (body: string) => codeOf(() => quoteFetcher.transform(raw(body), q));
    expect(await t(text.slice(0, 300))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"regularMarketPrice"', '"price"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"regularMarketOpen"', '"open"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"results"', '"data"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('47.16,', '"47,16",'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"2026-04-25T16:14:22.000Z"', '"ontem"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"symbol": "PETR4"', '"symbol": "VALE3"'))).toBe('LAYOUT_CHANGED');
  });

  it('returns [] (EMPTY_DATA for the runner) when results is empty', async () => {
    expect(await quoteFetcher.transform(raw('{"results":[]}'), q)).toEqual([]);
    expect(await codeOf(() => runTransform('brapi', quoteFetcher, raw('{"results":[]}'), q))).toBe(
      'EMPTY_DATA',
    );
  });
});
