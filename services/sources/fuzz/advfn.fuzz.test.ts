/** Fuzz: ADVFN's rendered quote and history pages. Seeds: the source's OWN fixtures (not captures). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import source from '../advfn';
import type { DailyBarItem, QuoteItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { headerTableSuite } from './page-suites';
import { plainThLabels, tdCells, tdRows } from './sites-issue13';

const { quote, 'daily-bars': bars } = source.fetchers;
if (!quote || !bars) throw new Error('advfn: a fetcher is missing');
const own = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../advfn/fixtures/${name}`, import.meta.url)));

describe('advfn quote', () => {
  const body = own('cotacao-PETR4.html');
  const t: Target<'quote'> = { sourceId: 'advfn', fetcher: quote, query: { ticker: 'PETR4' } };
  let original: QuoteItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  headerTableSuite(t, body, {
    runs: 100,
    original: () => original,
    headers: plainThLabels,
    rows: tdRows,
    cells: tdCells,
  });
});

describe('advfn daily-bars', () => {
  const body = own('historico-PETR4.html');
  const t: Target<'daily-bars'> = { sourceId: 'advfn', fetcher: bars, query: { ticker: 'PETR4' } };
  let original: DailyBarItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  headerTableSuite(t, body, {
    runs: 100,
    original: () => original,
    headers: plainThLabels,
    rows: tdRows,
    cells: tdCells,
  });
});
