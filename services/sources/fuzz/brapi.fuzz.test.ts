/**
 * Fuzz: brapi /api/quote (quote: the real PETR4 capture, shared fixtures) and its
 * historicalDataPrice (daily-bars: the source's OWN fixture, not a capture).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../brapi';
import type { DailyBarItem, QuoteItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { parseJsonSeed } from './json-mutations';
import { jsonSuite } from './suites';

const { quote, 'daily-bars': bars } = source.fetchers;
if (!quote || !bars) throw new Error('brapi: a fetcher is missing');

describe('brapi quote', () => {
  const body = readFileSync(fixture('brapi', 'brapi_quote_PETR4.json'));
  const t: Target<'quote'> = { sourceId: 'brapi', fetcher: quote, query: { ticker: 'PETR4' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  // `name` is longName, else shortName (documented fallback): without longName, shortName is right.
  const seed = parseJsonSeed(body) as { results: { shortName: string }[] };
  const shortName = seed.results[0]?.shortName.trim();
  jsonSuite(t, body, {
    runs: 200,
    rows: false,
    original: () => original,
    alternatives: () => ({ name: [shortName] }),
  });
});

describe('brapi daily-bars', () => {
  const body = readFileSync(
    fileURLToPath(new URL('../brapi/fixtures/brapi_daily_PETR4.json', import.meta.url)),
  );
  const t: Target<'daily-bars'> = { sourceId: 'brapi', fetcher: bars, query: { ticker: 'PETR4' } };
  let original: DailyBarItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  jsonSuite(t, body, { runs: 200, rows: true, original: () => original });
});
