/**
 * Fuzz: Investing.com's historical API answer (daily-bars, as the browser runtime keeps it) and the
 * equity page's __NEXT_DATA__ state (quote, mutated as JSON and put back into the page). Seeds: the
 * source's OWN fixtures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../investing';
import type { DailyBarItem, QuoteItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { interceptedJsonSuite } from './page-suites';
import { jsonSuite } from './suites';

const { 'daily-bars': bars, quote } = source.fetchers;
if (!bars || !quote) throw new Error('investing: a fetcher is missing');
const own = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../investing/fixtures/${name}`, import.meta.url)));

describe('investing daily-bars', () => {
  const body = own('historical-PETR4.json');
  const PAGE = 'https://br.investing.com/equities/petrobras-pn-historical-data';
  const API = 'https://api.investing.com/api/financialdata/historical/18750';
  const t: Target<'daily-bars'> = { sourceId: 'investing', fetcher: bars, query: { ticker: 'PETR4' } };
  let original: DailyBarItem[] = [];
  beforeAll(async () => {
    const wrapped = JSON.stringify({
      page: PAGE,
      answers: [{ url: API, status: 200, contentType: 'application/json', body: body.toString('utf8') }],
    });
    original = await baseline(t, Buffer.from(wrapped));
  });
  interceptedJsonSuite(t, body, PAGE, API, { runs: 100, rows: true, original: () => original });
});

describe('investing quote', () => {
  const page = own('equities-petrobras-pn.html').toString('utf8');
  const m = /(<script id="__NEXT_DATA__" type="application\/json">)([\s\S]*?)(<\/script>)/.exec(page);
  if (!m) throw new Error('investing: the seed has no __NEXT_DATA__');
  const state = Buffer.from(JSON.stringify(JSON.parse(m[2] ?? ''), null, 2));
  const into = (b: Buffer) => Buffer.from(page.replace(m[0], `${m[1]}${b.toString('utf8')}${m[3]}`));
  const t: Target<'quote'> = { sourceId: 'investing', fetcher: quote, query: { ticker: 'PETR4' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, into(state));
  });
  jsonSuite(t, state, {
    runs: 100,
    rows: false,
    original: () => original,
    prepare: (b) => Promise.resolve(into(b)),
  });
});
