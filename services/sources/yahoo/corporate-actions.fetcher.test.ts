import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import type { SourceQuery } from '../query';
import type { RawPayload } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode, rawText } from '../test-support';
import { corporateActionsFetcher as fetcher } from './corporate-actions.fetcher';

// Real captures (non-B3; no .SA capture exists): yahoo_non_SA/chart-AAPL-2020-08-31-to-2020-11-07.json,
// a recorded exchange (gadicc/node-yahoo-finance2) whose bodyJson is unwrapped here; it holds AAPL's
// 4:1 split of 2020-08-31 in events.splits. yahoo_non_SA/yahoo_chart_BZ=F_1mo.json has no events.
interface AaplBody {
  chart: {
    result: [{ events: { splits: Record<string, Record<string, unknown>> } & Record<string, unknown> }];
  };
}
const aaplBody = (): AaplBody =>
  (
    JSON.parse(
      readFileSync(fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json'), 'utf-8'),
    ) as { response: { bodyJson: AaplBody } }
  ).response.bodyJson;
const AAPL = (): string => JSON.stringify(aaplBody());
const BRENT = (): string => readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf-8');
const SPLIT_KEY = '1598880600';

/** The AAPL answer with its events (and the 4:1 split object) edited. */
function aaplWith(edit: (events: AaplBody['chart']['result'][0]['events']) => void): string {
  const body = aaplBody();
  edit(body.chart.result[0].events);
  return JSON.stringify(body);
}

const raw = (body: string, status = 200): RawPayload => rawText(body, 'application/json', status);
const ctx = {
  baseUrl: 'https://query1.finance.yahoo.com',
  credentials: {},
  now: new Date('2026-05-04T15:00:00Z'),
};
const aapl = { ticker: 'AAPL' };
const codeOf = (body: string, q: SourceQuery = aapl, status = 200): Promise<string> =>
  errorCode(() => fetcher.transform(raw(body, status), q));

describe('yahoo corporate-actions requests', () => {
  it('asks the chart of PETR4.SA with split events, whole history or period1/period2', () => {
    expect(fetcher.request({ ticker: 'PETR4' }, ctx).url).toBe(
      'https://query1.finance.yahoo.com/v8/finance/chart/PETR4.SA?interval=1d&range=max&events=div,splits',
    );
    const spec = fetcher.request({ ticker: 'PETR4', from: '2020-08-01', to: '2020-09-30' }, ctx);
    expect(spec.url).toBe(
      `https://query1.finance.yahoo.com/v8/finance/chart/PETR4.SA?interval=1d&period1=${Date.UTC(2020, 6, 31) / 1000}&period2=${Date.UTC(2020, 9, 2) / 1000}&events=div,splits`,
    );
    expect(spec.acceptStatus).toContain(404);
    expect(fetcher.request({ ticker: 'BZ=F' }, ctx).url).toContain('/chart/BZ%3DF?');
  });
});

describe('yahoo corporate-actions on real captures', () => {
  it("reads AAPL's 4:1 split of 2020-08-31 (ex-date, New York date)", async () => {
    const items = await runTransform('yahoo', fetcher, raw(AAPL()), aapl);
    expect(items).toEqual([
      { ticker: 'AAPL', date: '2020-08-31', date_basis: 'ex_date', kind: 'split', from: 1, to: 4 },
    ]);
    for (const it of items) MODEL_SCHEMAS['corporate-actions'].parse(it);
  });

  it('keeps only the splits dated inside from/to', async () => {
    const t = (q: SourceQuery) => fetcher.transform(raw(AAPL()), q);
    expect(await t({ ticker: 'AAPL', from: '2020-08-31', to: '2020-08-31' })).toHaveLength(1);
    expect(await t({ ticker: 'AAPL', from: '2020-09-01' })).toEqual([]);
    expect(await t({ ticker: 'AAPL', to: '2020-08-30' })).toEqual([]);
  });

  it('BZ=F (no events) is an empty answer, not EMPTY_DATA', async () => {
    expect(await runTransform('yahoo', fetcher, raw(BRENT()), { ticker: 'BZ=F' })).toEqual([]);
  });

  it('a reverse split and a 1:1 event (our edits of the AAPL answer)', async () => {
    const body = aaplWith((e) => {
      e.splits = {
        '1601904600': { date: 1601904600, numerator: 1, denominator: 10, splitRatio: '1:10' },
        '1602682200': { date: 1602682200, numerator: 3, denominator: 3, splitRatio: '3:3' },
        [SPLIT_KEY]: { date: 1598880600, numerator: 4, denominator: 1, splitRatio: '4:1' },
      };
    });
    const items = await runTransform('yahoo', fetcher, raw(body), aapl);
    expect(items.map((i) => [i.date, i.kind, i.from, i.to])).toEqual([
      ['2020-08-31', 'split', 1, 4],
      ['2020-10-05', 'reverse_split', 10, 1],
    ]);
  });
});

describe('yahoo corporate-actions broken answers', () => {
  const split = (edit: (s: Record<string, unknown>) => void) =>
    aaplWith((e) => {
      const s = e.splits[SPLIT_KEY];
      if (s) edit(s);
    });

  it('maps the 404 body to NOT_FOUND', async () => {
    const nf = '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}';
    expect(await codeOf(nf, { ticker: 'XXXX4' }, 404)).toBe('NOT_FOUND');
  });

  it('LAYOUT_CHANGED on truncated JSON, HTML, another symbol', async () => {
    const text = AAPL();
    expect(await codeOf(text.slice(0, text.indexOf('"splits"') + 20))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text.slice(0, 3000))).toBe('LAYOUT_CHANGED');
    expect(await codeOf('<html>Will be right back</html>')).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text, { ticker: 'MSFT' })).toBe('LAYOUT_CHANGED');
  });

  it('LAYOUT_CHANGED on renamed keys (events, splits, numerator, splitRatio, the epoch key)', async () => {
    const text = AAPL();
    expect(await codeOf(text.replace('"events"', '"eventos"'))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text.replace('"splits"', '"split"'))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text.replace('"numerator"', '"numer"'))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text.replace('"splitRatio"', '"ratio"'))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(text.replace(`"${SPLIT_KEY}":`, '"1598880601":'))).toBe('LAYOUT_CHANGED');
  });

  it('LAYOUT_CHANGED on a ratio that disagrees or is not "<new>:<old>"', async () => {
    for (const r of ['1:4', '3:1', '4/1', '4', '', 'four:one', '4:0']) {
      expect(await codeOf(split((s) => (s['splitRatio'] = r))), r).toBe('LAYOUT_CHANGED');
    }
    // numerator and denominator swapped: the ratio string gives it away
    expect(await codeOf(split((s) => ([s['numerator'], s['denominator']] = [1, 4])))).toBe('LAYOUT_CHANGED');
    // the same ratio written otherwise is fine
    expect(await codeOf(split((s) => (s['splitRatio'] = '8:2')))).toBe('NO_ERROR');
  });

  it('LAYOUT_CHANGED on non-positive, non-finite or non-numeric numbers', async () => {
    for (const v of [0, -4, '4', null, 1e300]) {
      expect(await codeOf(split((s) => (s['numerator'] = v))), String(v)).toBe('LAYOUT_CHANGED');
    }
    expect(await codeOf(AAPL().replace('"numerator":4', '"numerator":1e999'))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(split((s) => (s['denominator'] = 0)))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(split((s) => (s['date'] = 1598880600.5)))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(aaplWith((e) => (e['splits'] = [] as never)))).toBe('LAYOUT_CHANGED');
  });

  it('LAYOUT_CHANGED on two different splits dated the same day; a repeat is one item', async () => {
    const second = { date: 1598884200, numerator: 2, denominator: 1, splitRatio: '2:1' };
    expect(await codeOf(aaplWith((e) => (e.splits['1598884200'] = second)))).toBe('LAYOUT_CHANGED');
    const repeat = { ...second, numerator: 4, splitRatio: '4:1' };
    const items = await fetcher.transform(raw(aaplWith((e) => (e.splits['1598884200'] = repeat))), aapl);
    expect(items).toHaveLength(1);
  });
});
