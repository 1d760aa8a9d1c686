/**
 * Fuzz: CoinMarketCap v2 quotes/latest (quote). Seed: the source's OWN fixture (not a capture;
 * the documented v2 shape, two coins sharing the symbol BTC).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../coinmarketcap';
import type { QuoteItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { jsonSuite } from './suites';

const fetcher = source.fetchers.quote;
if (!fetcher) throw new Error('coinmarketcap: no quote fetcher');

describe('coinmarketcap quote', () => {
  const body = readFileSync(
    fileURLToPath(new URL('../coinmarketcap/fixtures/quotes-latest-BTC-BRL.json', import.meta.url)),
  );
  const t: Target<'quote'> = { sourceId: 'coinmarketcap', fetcher, query: { ticker: 'BTC' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  jsonSuite(t, body, { runs: 200, rows: false, original: () => original });
});
