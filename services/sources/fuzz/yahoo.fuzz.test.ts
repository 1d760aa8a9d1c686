/**
 * Fuzz: Yahoo v8 chart (daily-bars, quote and corporate-actions). Seeds: the real BZ=F chart and the real AAPL
 * recorded exchange (its bodyJson), shared fixtures. Rows of a chart are parallel arrays
 * (timestamp, open, high…): a row shuffle permutes all of them alike.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import type { CorporateActionItem, DailyBarItem, QuoteItem } from '../models';
import { rawFromFile } from '../raw';
import source from '../yahoo';
import { readChart } from '../yahoo/chart-answer';
import { assertSameRows, baseline, fuzz, type Target } from './fuzz-harness';
import type { Json } from './json-mutations';
import { mutation, type Mutation } from './mutations';
import { jsonSuite } from './suites';

const { 'daily-bars': chart, quote, 'corporate-actions': actions } = source.fetchers;
if (!chart || !quote || !actions) throw new Error('yahoo: a fetcher is missing');

const BRENT = (): Buffer => readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'));
const AAPL = (): Buffer => {
  const exchange = JSON.parse(
    readFileSync(fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json'), 'utf8'),
  ) as { response: { bodyJson: unknown } };
  return Buffer.from(JSON.stringify(exchange.response.bodyJson, null, 2), 'utf8');
};

interface ChartJson {
  chart: {
    result: {
      timestamp: number[];
      indicators: { quote: Record<string, Json[]>[]; adjclose?: { adjclose: Json[] }[] };
    }[];
  };
}

/** The bars of the chart (timestamp and every indicator column) put in another order, alike. */
function rowsShuffled(body: Buffer): fc.Arbitrary<Mutation> {
  const seed = JSON.parse(body.toString('utf8')) as ChartJson;
  const n = seed.chart.result[0]?.timestamp.length ?? 0;
  const idx = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(idx, { minLength: n, maxLength: n }).map((order) => {
    const copy = structuredClone(seed);
    const r = copy.chart.result[0];
    const permute = <T>(a: T[] | undefined): void => {
      if (!a) return;
      const before = [...a];
      order.forEach((from, to) => (a[to] = before[from] as T));
    };
    if (r) {
      permute(r.timestamp);
      for (const col of Object.values(r.indicators.quote[0] ?? {})) permute(col);
      permute(r.indicators.adjclose?.[0]?.adjclose);
    }
    return mutation(
      'shuffle',
      `bars in order ${order.slice(0, 12).join(',')}…`,
      Buffer.from(JSON.stringify(copy)),
    );
  });
}

const CHART_SEEDS = [
  { name: 'BZ=F 1mo (real capture)', ticker: 'BZ=F', body: BRENT },
  { name: 'AAPL 2020 (real recorded exchange)', ticker: 'AAPL', body: AAPL },
];

describe('yahoo daily-bars', () => {
  for (const seed of CHART_SEEDS) {
    describe(seed.name, () => {
      const body = seed.body();
      const t: Target<'daily-bars'> = { sourceId: 'yahoo', fetcher: chart, query: { ticker: seed.ticker } };
      let original: DailyBarItem[] = [];
      beforeAll(async () => {
        original = await baseline(t, body);
      });
      jsonSuite(t, body, { runs: 150, rows: false, original: () => original });

      it('bars shuffled (every column alike): the same set of bars', () =>
        fuzz(t, rowsShuffled(body), { runs: 20, check: (items, m) => assertSameRows(items, original, m) }));
    });
  }
});

describe('yahoo quote', () => {
  describe('BZ=F 1mo (real capture)', () => {
    const body = BRENT();
    const t: Target<'quote'> = { sourceId: 'yahoo', fetcher: quote, query: { ticker: 'BZ=F' } };
    let original: QuoteItem[] = [];
    // Documented fallbacks: the day's high/low/volume from the quote day's bar when meta lacks
    // them, the name from shortName when longName is missing.
    let alternatives: Partial<Record<keyof QuoteItem, unknown[]>> = {};
    beforeAll(async () => {
      original = await baseline(t, body);
      const c = readChart(rawFromFile(body, 'x', 'utf-8'), 'BZ=F');
      const day = c.localDate(c.meta.regularMarketTime ?? 0);
      const bar = c.bars.find((b) => b.date === day);
      alternatives = {
        high: [bar?.high],
        low: [bar?.low],
        volume: [bar?.volume],
        name: [c.meta.shortName?.trim()],
      };
    });
    jsonSuite(t, body, {
      runs: 150,
      rows: false,
      original: () => original,
      alternatives: () => alternatives,
    });
  });
});

// The AAPL seed holds the 4:1 split of 2020-08-31 in events.splits; the BZ=F seed has no events.
describe('yahoo corporate-actions', () => {
  for (const seed of CHART_SEEDS) {
    describe(seed.name, () => {
      const body = seed.body();
      const t: Target<'corporate-actions'> = {
        sourceId: 'yahoo',
        fetcher: actions,
        query: { ticker: seed.ticker },
      };
      let original: CorporateActionItem[] = [];
      beforeAll(async () => {
        original = await baseline(t, body);
      });
      jsonSuite(t, body, { runs: 150, rows: false, original: () => original });
    });
  }
});
