import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { chartFetcher } from './chart.fetcher';
import { yahooSymbol } from './symbol';
import { errorCode, rawText } from '../test-support';

// Real captures (non-B3: no real Yahoo chart of a .SA ticker is available; the .SA mapping is
// tested on the request URL): yahoo_non_SA/yahoo_chart_BZ=F_1mo.json (v8 chart, 23 daily bars) and
// chart-AAPL-2020-08-31-to-2020-11-07.json, a recorded exchange whose bodyJson is unwrapped here.
const BRENT = () => readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf-8');
const AAPL = () => {
  const exchange = JSON.parse(
    readFileSync(fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json'), 'utf-8'),
  ) as {
    response: { bodyJson: unknown };
  };
  return JSON.stringify(exchange.response.bodyJson);
};
const NOT_FOUND =
  '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}';
const ctx = {
  baseUrl: 'https://query1.finance.yahoo.com',
  credentials: {},
  now: new Date('2026-05-04T15:00:00Z'),
};

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);

const codeOf = errorCode;

describe('yahoo symbols and requests', () => {
  it('adds .SA to B3 tickers only', () => {
    expect(yahooSymbol('PETR4')).toBe('PETR4.SA');
    expect(yahooSymbol('TAEE11')).toBe('TAEE11.SA');
    expect(yahooSymbol('B3SA3')).toBe('B3SA3.SA');
    expect(yahooSymbol('BZ=F')).toBe('BZ=F');
    expect(yahooSymbol('^BVSP')).toBe('^BVSP');
    expect(yahooSymbol('VALE3.SA')).toBe('VALE3.SA');
    expect(yahooSymbol('AAPL')).toBe('AAPL');
  });

  it('requests the chart of PETR4.SA for the last year, or period1/period2 from from/to', () => {
    expect(chartFetcher.request({ ticker: 'PETR4' }, ctx).url).toBe(
      'https://query1.finance.yahoo.com/v8/finance/chart/PETR4.SA?interval=1d&range=1y',
    );
    const spec = chartFetcher.request({ ticker: 'PETR4', from: '2026-01-02', to: '2026-01-31' }, ctx);
    expect(spec.url).toBe(
      `https://query1.finance.yahoo.com/v8/finance/chart/PETR4.SA?interval=1d&period1=${Date.UTC(2026, 0, 1) / 1000}&period2=${Date.UTC(2026, 1, 2) / 1000}`,
    );
    expect(spec.acceptStatus).toContain(404);
    expect(chartFetcher.request({ ticker: 'BZ=F' }, ctx).url).toContain('/chart/BZ%3DF?');
  });
});

describe('yahoo daily-bars on real captures', () => {
  it('reads the 23 Brent bars dated in New York time', async () => {
    const items = await runTransform('yahoo', chartFetcher, raw(BRENT()), { ticker: 'BZ=F' });
    expect(items).toHaveLength(23);
    expect(items[0]?.date).toBe('2026-07-06');
    expect(items[0]).toMatchObject({ ticker: 'BZ=F', currency: 'USD', volume: 46238 });
    expect(items[0]?.open).toBeCloseTo(71.87, 5);
    expect(items.at(-1)).toMatchObject({ date: '2026-08-05', volume: 35007 });
    expect(items.at(-1)?.close).toBeCloseTo(79.74, 5);
    expect(items.at(-1)?.adj_close).toBeCloseTo(79.74, 5);
    for (const it of items) MODEL_SCHEMAS['daily-bars'].parse(it);
  });

  it('reads the 49 AAPL bars across the DST change, with adjusted closes', async () => {
    const items = await runTransform('yahoo', chartFetcher, raw(AAPL()), { ticker: 'AAPL' });
    expect(items).toHaveLength(49);
    expect(items[0]).toMatchObject({ date: '2020-08-31', high: 131, low: 126, volume: 225702700 });
    expect(items[0]?.close).toBeCloseTo(129.04, 4);
    expect(items[0]?.adj_close).toBeCloseTo(125.8267, 4);
    expect(items.at(-1)?.date).toBe('2020-11-06');
    expect(items.at(-1)?.close).toBeCloseTo(118.69, 4);
    const filtered = await chartFetcher.transform(raw(AAPL()), {
      ticker: 'AAPL',
      from: '2020-11-02',
      to: '2020-11-05',
    });
    expect(filtered.map((b) => b.date)).toEqual(['2020-11-02', '2020-11-03', '2020-11-04', '2020-11-05']);
  });

  it('skips null bars (holidays)', async () => {
    const body = JSON.parse(BRENT()) as {
      chart: { result: [{ indicators: { quote: [Record<string, unknown[]>] } }] };
    };
    const quote = body.chart.result[0].indicators.quote[0];
    for (const k of ['open', 'high', 'low', 'close', 'volume']) (quote[k] as unknown[])[1] = null;
    const items = await chartFetcher.transform(raw(JSON.stringify(body)), { ticker: 'BZ=F' });
    expect(items).toHaveLength(22);
    expect(items.map((b) => b.date)).not.toContain('2026-07-07');
  });
});

describe('yahoo broken answers', () => {
  const q = { ticker: 'BZ=F' };
  const t = (body: string, status = 200, query = q) =>
    codeOf(() => chartFetcher.transform(raw(body, status), query));

  it('maps the 404 body to NOT_FOUND', async () => {
    expect(await t(NOT_FOUND, 404, { ticker: 'XXXX4' })).toBe('NOT_FOUND');
  });

  it('raises LAYOUT_CHANGED on truncated JSON, renamed keys, wrong types, another symbol', async () => {
    const text = BRENT();
    expect(await t(text.slice(0, 2000))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"timestamp"', '"timestamps"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"close"', '"last"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"indicators"', '"indicator"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('"currency": "USD"', '"currency": 840'))).toBe('LAYOUT_CHANGED');
    expect(await t(text.replace('71.87000274658203', '"71.87"'))).toBe('LAYOUT_CHANGED');
    expect(await t(text, 200, { ticker: 'CL=F' })).toBe('LAYOUT_CHANGED');
    expect(await t('<html>Will be right back</html>')).toBe('LAYOUT_CHANGED');
  });
});
