/**
 * Fuzz: TradingView's scanner answer (technical-summary and quote). Seed: the source's OWN fixture
 * (not a capture). The reading time comes from the fetch, so it is left out of the comparison.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { QuoteItem, TechnicalSummaryItem } from '../models';
import source from '../tradingview';
import { assertFieldsKept, baseline, fuzz, type Target } from './fuzz-harness';
import { mutation } from './mutation-core';
import type { Mutation } from './mutations';
import { jsonSuite } from './suites';

const { 'technical-summary': summary, quote } = source.fetchers;
if (!summary || !quote) throw new Error('tradingview: a fetcher is missing');
const body = readFileSync(fileURLToPath(new URL('../tradingview/fixtures/scan-PETR4.json', import.meta.url)));

/** Fields kept, the fetch time aside. */
function keptBut<T extends object>(field: keyof T) {
  return (items: T[], original: T[], m: Mutation): void =>
    assertFieldsKept(
      items.map((i) => ({ ...i, [field]: null })),
      original.map((o) => ({ ...o, [field]: null })),
      m,
    );
}

/** Two values of the row's positional `d` array of different kinds (a number and a text) swapped. */
function positionalSwaps(seed: Buffer): fc.Arbitrary<Mutation> {
  const root = JSON.parse(seed.toString('utf8')) as { data: { d: unknown[] }[] };
  const d = root.data[0]?.d ?? [];
  const pairs: [number, number][] = [];
  d.forEach((a, i) =>
    d.forEach((b, j) => {
      if (i < j && a !== null && b !== null && typeof a !== typeof b) pairs.push([i, j]);
    }),
  );
  return fc.constantFrom(...pairs).map(([i, j]) => {
    const copy = JSON.parse(seed.toString('utf8')) as typeof root;
    const row = copy.data[0]!.d;
    [row[i], row[j]] = [row[j], row[i]];
    return mutation('swap', `d[${i}] and d[${j}] swapped`, Buffer.from(JSON.stringify(copy, null, 2)));
  });
}

describe('tradingview technical-summary', () => {
  const t: Target<'technical-summary'> = {
    sourceId: 'tradingview',
    fetcher: summary,
    query: { ticker: 'PETR4' },
  };
  let original: TechnicalSummaryItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  jsonSuite(t, body, {
    runs: 100,
    rows: false,
    original: () => original,
    kept: (items, o, m) => keptBut<TechnicalSummaryItem>('as_of')(items, o, m),
  });
  it('a number and a text of the positional row swapped: typed errors, no value under another field', () =>
    fuzz(t, positionalSwaps(body), {
      runs: 60,
      check: (items, m) => keptBut<TechnicalSummaryItem>('as_of')(items, original, m),
    }));
});

describe('tradingview quote', () => {
  const t: Target<'quote'> = { sourceId: 'tradingview', fetcher: quote, query: { ticker: 'PETR4' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  jsonSuite(t, body, {
    runs: 100,
    rows: false,
    original: () => original,
    kept: (items, o, m) => keptBut<QuoteItem>('quoted_at')(items, o, m),
  });
  it('a number and a text of the positional row swapped: typed errors, no value under another field', () =>
    fuzz(t, positionalSwaps(body), {
      runs: 60,
      check: (items, m) => keptBut<QuoteItem>('quoted_at')(items, original, m),
    }));
});
