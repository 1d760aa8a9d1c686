import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { dailyBarsFetcher } from './daily-bars.fetcher';
import { errorCode, rawText } from '../test-support';

// OUR OWN fixture, not a capture: no real brapi answer with historicalDataPrice is available.
// fixtures/brapi_daily_PETR4.json follows brapi's documented /api/quote?range&interval shape
// (historicalDataPrice: [{date (epoch s), open, high, low, close, volume, adjustedClose}]); the
// 2026-04-21 (Tiradentes) bar has null prices, as brapi/Yahoo answer sessions without trades.
const OWN = () =>
  readFileSync(fileURLToPath(new URL('./fixtures/brapi_daily_PETR4.json', import.meta.url)), 'utf-8');
const q = { ticker: 'PETR4' };

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);

const codeOf = errorCode;

describe('brapi daily-bars', () => {
  it('requests 3 months of daily bars', () => {
    const spec = dailyBarsFetcher.request(q, {
      baseUrl: 'https://brapi.dev',
      credentials: {},
      now: new Date(),
    });
    expect(spec.url).toBe('https://brapi.dev/api/quote/PETR4?range=3mo&interval=1d');
  });

  it('reads bars dated in São Paulo time and skips the null holiday bar', async () => {
    const items = await runTransform('brapi', dailyBarsFetcher, raw(OWN()), q);
    expect(items.map((i) => i.date)).toEqual(['2026-04-20', '2026-04-22', '2026-04-23', '2026-04-24']);
    expect(items.at(-1)).toEqual({
      ticker: 'PETR4',
      date: '2026-04-24',
      open: 47.16,
      high: 47.52,
      low: 46.45,
      close: 47.16,
      adj_close: 47.16,
      volume: 34837100,
      currency: 'BRL',
    });
    for (const it of items) MODEL_SCHEMAS['daily-bars'].parse(it);
  });

  it('filters by from/to', async () => {
    const items = await dailyBarsFetcher.transform(raw(OWN()), { ...q, from: '2026-04-23' });
    expect(items.map((i) => i.date)).toEqual(['2026-04-23', '2026-04-24']);
  });

  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys and wrong types; NOT_FOUND on 404', async () => {
    const text = OWN();
    const t = (body: string, status = 200) => codeOf(() => dailyBarsFetcher.transform(raw(body, status), q));
    expect(await t(text.slice(0, 500))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"historicalDataPrice"', '"history"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replaceAll('"close"', '"last"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"date": 1776690000', '"date": "2026-04-20"'))).toBe('LAYOUT_CHANGED');
    expect(await t('{"error":true,"message":"Não encontramos a ação PETR4"}', 404)).toBe('NOT_FOUND');
  });
});
