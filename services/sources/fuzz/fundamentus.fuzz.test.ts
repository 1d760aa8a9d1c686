/**
 * Fuzz: Fundamentus detalhes.php, proventos.php, resultado.php. Seeds: the real WEGE3 captures
 * (shared fixtures); the bank, FII and resultado pages are the source's OWN fixtures (not captures).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../fundamentus';
import type { DividendItem, FundamentalsItem, ScreenerItem } from '../models';
import {
  assertFieldsKept,
  assertLabelsKept,
  assertRowsFromOriginal,
  assertSameRows,
  baseline,
  fuzz,
  type Target,
} from './fuzz-harness';
import {
  byteDamage,
  decodeAs,
  garbledNumber,
  garbledValue,
  oneOfPresent,
  renamed,
  renamedThenSwapped,
  shuffled,
  swapped,
  type Mutation,
} from './mutations';
import { fundamentusLabels, fundamentusValues, tableRows, tbodyCells, tbodyRows, thLabels } from './sites';

const own = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../fundamentus/fixtures/${name}`, import.meta.url)));

const { fundamentals, dividends, screener } = source.fetchers;
if (!fundamentals || !dividends || !screener) throw new Error('fundamentus: a fetcher is missing');

const DETAIL_SEEDS = [
  {
    name: 'WEGE3 (real capture)',
    ticker: 'WEGE3',
    body: () => readFileSync(fixture('fundamentus', 'wege3_details.html')),
    runs: 200,
  },
  { name: 'ITUB4 bank (own fixture)', ticker: 'ITUB4', body: () => own('bank_details.html'), runs: 100 },
  { name: 'HGLG11 FII (own fixture)', ticker: 'HGLG11', body: () => own('fii_details.html'), runs: 100 },
];

describe('fundamentus fundamentals', () => {
  for (const seed of DETAIL_SEEDS) {
    describe(seed.name, () => {
      const body = seed.body();
      const html = decodeAs(body, 'latin1');
      const t: Target<'fundamentals'> = {
        sourceId: 'fundamentus',
        fetcher: fundamentals,
        query: { ticker: seed.ticker },
      };
      let original: FundamentalsItem;
      beforeAll(async () => {
        [original] = (await baseline(t, body)) as [FundamentalsItem];
      });
      const kept = (items: FundamentalsItem[], m: Mutation): void => {
        for (const it of items) assertLabelsKept(it, original, m);
      };

      it('cut, sliced, repeated, re-encoded, emptied: typed errors; a cut page loses values, never changes one', () =>
        fuzz(t, byteDamage(body, 'latin1'), {
          runs: seed.runs,
          check: (items, m) => (m.kind === 'truncate' ? kept(items, m) : undefined),
        }));

      it('a renamed label: typed errors, its value never under another key', () =>
        fuzz(t, oneOfPresent(renamed(html, fundamentusLabels(html), 'latin1')), {
          runs: seed.runs,
          check: kept,
        }));

      it('two values swapped: typed errors, no value under another key', () =>
        fuzz(t, oneOfPresent(swapped(html, [fundamentusValues(html)], 'latin1')), {
          runs: seed.runs,
          check: kept,
        }));

      it('a label renamed, then two values swapped: typed errors, no value under another key', () =>
        fuzz(
          t,
          oneOfPresent(renamedThenSwapped(html, fundamentusLabels(html), fundamentusValues(html), 'latin1')),
          {
            runs: seed.runs,
            check: kept,
          },
        ));

      it('rows of a table shuffled: typed errors, no value under another key', () =>
        fuzz(t, oneOfPresent(shuffled(html, tableRows(html), 'latin1')), { runs: seed.runs, check: kept }));

      it('digits anywhere garbled: typed errors', () =>
        fuzz(t, oneOfPresent(garbledNumber(html, 'latin1')), { runs: seed.runs }));

      it('a number value replaced by garbage: typed errors, no standard key with a garbled value', () =>
        fuzz(t, oneOfPresent(garbledValue(html, fundamentusValues(html), 'latin1')), {
          runs: seed.runs,
          check: kept,
        }));
    });
  }
});

/** Mutations of a resultado-table page and the row properties they must keep. */
function tablePage<M extends 'dividends' | 'screener'>(
  t: Target<M>,
  body: Buffer,
  runs: number,
  rowsOf: () => (M extends 'dividends' ? DividendItem : ScreenerItem)[],
): void {
  const html = decodeAs(body, 'latin1');
  type Row = M extends 'dividends' ? DividendItem : ScreenerItem;
  const rows = (items: unknown[]): Row[] => items as Row[];

  it('cut, sliced, repeated, re-encoded, emptied: typed errors; a cut page yields only whole rows', () =>
    fuzz(t, byteDamage(body, 'latin1'), {
      runs,
      check: (items, m) =>
        m.kind === 'truncate' ? assertRowsFromOriginal(rows(items), rowsOf(), m) : undefined,
    }));

  it('a renamed column header: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(renamed(html, thLabels(html), 'latin1')), {
      runs,
      check: (items, m) => assertFieldsKept(rows(items), rowsOf(), m),
    }));

  it('two cells of a row swapped: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(swapped(html, tbodyCells(html), 'latin1')), {
      runs,
      check: (items, m) => assertFieldsKept(rows(items), rowsOf(), m),
    }));

  it('rows shuffled: the same set of rows', () =>
    fuzz(t, oneOfPresent(shuffled(html, tbodyRows(html), 'latin1')), {
      runs: Math.ceil(runs / 2),
      check: (items, m) => assertSameRows(rows(items), rowsOf(), m),
    }));

  it('a number, percentage or date cell replaced by garbage: typed errors, only unmutated rows', () =>
    fuzz(t, oneOfPresent(garbledValue(html, tbodyCells(html).flat(), 'latin1')), {
      runs,
      check: (items, m) => assertRowsFromOriginal(rows(items), rowsOf(), m),
    }));

  // Digits anywhere: the only texts with digits on these pages are tickers, which must be checked
  // ("AZUL4" garbled to "AZULabc" is no ticker), so a parse that succeeds has only unmutated rows.
  it('digits anywhere garbled: typed errors, only unmutated rows', () =>
    fuzz(t, oneOfPresent(garbledNumber(html, 'latin1')), {
      runs,
      check: (items, m) => assertRowsFromOriginal(rows(items), rowsOf(), m),
    }));
}

describe('fundamentus dividends', () => {
  describe('WEGE3 proventos.php (real capture)', () => {
    const body = readFileSync(fixture('fundamentus', 'wege3_dividends.html'));
    const t: Target<'dividends'> = {
      sourceId: 'fundamentus',
      fetcher: dividends,
      query: { ticker: 'WEGE3' },
    };
    let original: DividendItem[] = [];
    beforeAll(async () => {
      original = await baseline(t, body);
    });
    tablePage(t, body, 200, () => original);
  });
});

describe('fundamentus screener', () => {
  describe('resultado.php (own fixture)', () => {
    const body = own('resultado.html');
    const t: Target<'screener'> = { sourceId: 'fundamentus', fetcher: screener, query: {} };
    let original: ScreenerItem[] = [];
    beforeAll(async () => {
      original = await baseline(t, body);
    });
    tablePage(t, body, 200, () => original);
  });
});
