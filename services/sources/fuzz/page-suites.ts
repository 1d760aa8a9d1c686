/**
 * Fuzz cases for the sites of issue 13, so each source's file only names its seeds: a label/value
 * page (fundamentals), a header table (rows: dividends, bars, a quote row), and a JSON answer a
 * browser fetch intercepted (the mutated JSON is wrapped as the runtime stores it).
 */
import { it } from 'vitest';
import type { FundamentalsItem, ModelItem, ModelName } from '../models';
import {
  assertFieldsKept,
  assertLabelsKept,
  assertRowsFromOriginal,
  assertSameRows,
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
import type { Site } from './mutation-core';
import { jsonSuite, type SuiteOptions } from './suites';

/** A fundamentals page: labels renamed, values swapped, both, garbage values; no value under another key. */
export function labelPageSuite(
  t: Target<'fundamentals'>,
  body: Buffer,
  o: {
    runs: number;
    original: () => FundamentalsItem;
    labels: (html: string) => Site[];
    values: (html: string) => Site[];
  },
): void {
  const html = decodeAs(body, 'utf-8');
  const kept = (items: FundamentalsItem[], m: Mutation): void => {
    for (const item of items) assertLabelsKept(item, o.original(), m);
  };
  const runs = o.runs;

  it('cut, sliced, repeated, re-encoded, emptied: typed errors; a cut page loses values, never changes one', () =>
    fuzz(t, byteDamage(body, 'utf-8'), {
      runs,
      check: (items, m) => (m.kind === 'truncate' ? kept(items, m) : undefined),
    }));

  it('a renamed label: typed errors, its value never under another key', () =>
    fuzz(t, oneOfPresent(renamed(html, o.labels(html), 'utf-8')), { runs, check: kept }));

  it('two values swapped: typed errors, no value under another key', () =>
    fuzz(t, oneOfPresent(swapped(html, [o.values(html)], 'utf-8')), { runs, check: kept }));

  it('a label renamed, then two values swapped: typed errors, no value under another key', () =>
    fuzz(t, oneOfPresent(renamedThenSwapped(html, o.labels(html), o.values(html), 'utf-8')), {
      runs,
      check: kept,
    }));

  it('digits anywhere garbled: typed errors', () =>
    fuzz(t, oneOfPresent(garbledNumber(html, 'utf-8')), { runs }));

  it('a number value replaced by garbage: typed errors, no standard key with a garbled value', () =>
    fuzz(t, oneOfPresent(garbledValue(html, o.values(html), 'utf-8')), { runs, check: kept }));
}

/** A table with a header of labels: renamed header, swapped cells, shuffled rows, garbage cells. */
export function headerTableSuite<M extends ModelName>(
  t: Target<M>,
  body: Buffer,
  o: {
    runs: number;
    original: () => ModelItem<M>[];
    headers: (html: string) => Site[];
    rows: (html: string) => Site[][];
    cells: (html: string) => Site[][];
  },
): void {
  const html = decodeAs(body, 'utf-8');
  const runs = o.runs;
  const fromOriginal = (items: ModelItem<M>[], m: Mutation) => assertRowsFromOriginal(items, o.original(), m);
  const fieldsKept = (items: ModelItem<M>[], m: Mutation) => assertFieldsKept(items, o.original(), m);

  it('cut, sliced, repeated, re-encoded, emptied: typed errors; a cut page yields only whole rows', () =>
    fuzz(t, byteDamage(body, 'utf-8'), {
      runs,
      check: (items, m) => (m.kind === 'truncate' ? fromOriginal(items, m) : undefined),
    }));

  it('a renamed column header: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(renamed(html, o.headers(html), 'utf-8')), { runs, check: fieldsKept }));

  it('two cells of a row swapped: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(swapped(html, o.cells(html), 'utf-8')), { runs, check: fieldsKept }));

  const rowGroups = o.rows(html).filter((g) => g.length >= 2);
  if (rowGroups.length > 0) {
    it('rows shuffled: the same set of rows', () =>
      fuzz(t, oneOfPresent(shuffled(html, rowGroups, 'utf-8')), {
        runs: Math.ceil(runs / 2),
        check: (items, m) => assertSameRows(items, o.original(), m),
      }));
  }

  it('a number, percentage or date cell replaced by garbage: typed errors, only unmutated rows', () =>
    fuzz(t, oneOfPresent(garbledValue(html, o.cells(html).flat(), 'utf-8')), { runs, check: fromOriginal }));

  it('digits anywhere garbled: typed errors, only unmutated rows', () =>
    fuzz(t, oneOfPresent(garbledNumber(html, 'utf-8')), { runs, check: fromOriginal }));
}

/** The JSON suite on an API answer, each mutation wrapped in the browser runtime's intercepted document. */
export function interceptedJsonSuite<M extends ModelName>(
  t: Target<M>,
  body: Buffer,
  page: string,
  apiUrl: string,
  o: Omit<SuiteOptions<M>, 'prepare'> & { rows: boolean },
): void {
  const prepare = (b: Buffer): Promise<Buffer> =>
    Promise.resolve(
      Buffer.from(
        JSON.stringify({
          page,
          answers: [{ url: apiUrl, status: 200, contentType: 'application/json', body: b.toString('utf8') }],
        }),
      ),
    );
  jsonSuite(t, body, { ...o, prepare });
}
