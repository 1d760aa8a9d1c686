/** Fuzz: Google Finance's quote page (quote and fundamentals). Seed: the source's OWN fixture (not a capture). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, it } from 'vitest';
import source from '../google-finance';
import type { FundamentalsItem, QuoteItem } from '../models';
import { assertFieldsKept, baseline, fuzz, type Target } from './fuzz-harness';
import {
  byteDamage,
  decodeAs,
  garbledNumber,
  garbledValue,
  oneOfPresent,
  renamed,
  swapped,
} from './mutations';
import { labelPageSuite } from './page-suites';
import { googleLabels, googleValues } from './sites-issue13';

const { quote, fundamentals } = source.fetchers;
if (!quote || !fundamentals) throw new Error('google-finance: a fetcher is missing');
const body = readFileSync(
  fileURLToPath(new URL('../google-finance/fixtures/quote_PETR4_BVMF.html', import.meta.url)),
);
const html = decodeAs(body, 'utf-8');

describe('google-finance quote', () => {
  const t: Target<'quote'> = { sourceId: 'google-finance', fetcher: quote, query: { ticker: 'PETR4' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  const kept = (items: QuoteItem[], m: Parameters<typeof assertFieldsKept>[2]) =>
    assertFieldsKept(items, original, m);
  it('cut, sliced, repeated, re-encoded, emptied: typed errors', () =>
    fuzz(t, byteDamage(body, 'utf-8'), { runs: 100 }));
  it('a renamed stat label: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(renamed(html, googleLabels(html), 'utf-8')), { runs: 100, check: kept }));
  it('two stat values swapped: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(swapped(html, [googleValues(html)], 'utf-8')), { runs: 100, check: kept }));
  it('digits anywhere garbled: typed errors', () =>
    fuzz(t, oneOfPresent(garbledNumber(html, 'utf-8')), { runs: 100 }));
  it('a stat value replaced by garbage: typed errors, no garbled value', () =>
    fuzz(t, oneOfPresent(garbledValue(html, googleValues(html), 'utf-8')), { runs: 100, check: kept }));
});

describe('google-finance fundamentals', () => {
  const t: Target<'fundamentals'> = {
    sourceId: 'google-finance',
    fetcher: fundamentals,
    query: { ticker: 'PETR4' },
  };
  let original: FundamentalsItem;
  beforeAll(async () => {
    [original] = (await baseline(t, body)) as [FundamentalsItem];
  });
  labelPageSuite(t, body, {
    runs: 100,
    original: () => original,
    labels: googleLabels,
    values: googleValues,
  });
});
