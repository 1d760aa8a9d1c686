import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { interceptedRaw } from '../shared/browser-payload';
import { errorCode } from '../test-support';
import { insiderTradesFetcher as fetcher } from './insider-trades.fetcher';

// OUR fixture, not a capture (none exists): fixtures/api-insiders-PETR4.json is the API answer shape
// we expect, values made up. The browser runtime keeps it inside an intercepted document.
const API = readFileSync(new URL('./fixtures/api-insiders-PETR4.json', import.meta.url), 'utf8');
const PAGE = 'https://griffin.app.br/empresas/PETR4/insiders';
const q = { ticker: 'PETR4' };
const raw = (body: string, status = 200) =>
  interceptedRaw(PAGE, [
    { url: 'https://griffin.app.br/api/config', body: '{}' },
    { url: 'https://griffin.app.br/api/insiders/PETR4', status, body },
  ]);

describe('griffin insider-trades', () => {
  it('opens the insiders page in the browser and keeps its API answer', () => {
    const r = fetcher.request(q, { baseUrl: 'https://griffin.app.br', credentials: {}, now: new Date() });
    expect(r.url).toBe(PAGE);
    expect(r.browser).toEqual({ intercept: ['/api/insiders/PETR4'] });
  });

  it('reads every filed trade (equal trades kept apart), typed BUY/SELL/OTHER', async () => {
    const items = await runTransform('griffin', fetcher, raw(API), q);
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      ticker: 'PETR4',
      company: 'PETROLEO BRASILEIRO S.A. PETROBRAS',
      date: '2024-11-12',
      insider_group: 'Diretoria',
      operation: 'BUY',
      source_operation: 'Compra à vista',
      quantity: 10000,
      price: 37.52,
      value: 375200,
    });
    expect(items.map((t) => t.operation)).toEqual(['BUY', 'BUY', 'SELL', 'OTHER']);
    for (const t of items) MODEL_SCHEMAS['insider-trades'].parse(t);
  });

  it('filters by date when the query gives from/to', async () => {
    const items = await runTransform('griffin', fetcher, raw(API), { ...q, from: '2024-10-15' });
    expect(items.map((t) => t.date)).toEqual(['2024-11-12', '2024-11-12', '2024-10-28']);
  });

  it('typed errors: expired session, another company, renamed field, text date, no API call', async () => {
    const t = (r: ReturnType<typeof raw>) => errorCode(() => fetcher.transform(r, q));
    expect(await t(raw('{"message":"Unauthenticated."}', 401))).toBe('UNAUTHORIZED');
    expect(await t(raw(API.replace('"codigo": "PETR4"', '"codigo": "VALE3"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('"quantidade"', '"qtd"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('"12/11/2024"', '"ontem"')))).toBe('LAYOUT_CHANGED');
    expect(await t(raw(API.replace('37.52', '"37,52"')))).toBe('LAYOUT_CHANGED');
    expect(await t(interceptedRaw(PAGE, [{ url: 'https://griffin.app.br/api/config', body: '{}' }]))).toBe(
      'LAYOUT_CHANGED',
    );
    // The rendered DOM instead of the intercepted document (a runtime without intercept): not JSON.
    expect(await t(rawFromFile(Buffer.from('<html><body>Insiders</body></html>'), PAGE))).toBe(
      'LAYOUT_CHANGED',
    );
  });
});
