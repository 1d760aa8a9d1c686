/**
 * The fuzz properties of a CSV or JSON seed as vitest cases, so each source's file only names its
 * seeds. Every case checks property 1 (typed errors only); each adds the property its mutation
 * allows (see fuzz-harness.ts).
 */
import { it } from 'vitest';
import type { ModelItem, ModelName } from '../models';
import {
  assertFieldsKept,
  assertRowsFromOriginal,
  assertSameRows,
  fuzz,
  type FuzzOptions,
  type Target,
} from './fuzz-harness';
import { jsonGarbage, jsonRenamed, jsonShuffled, jsonSwapped, parseJsonSeed } from './json-mutations';
import {
  byteDamage,
  decodeAs,
  garbledNumber,
  garbledValue,
  oneOfPresent,
  renamed,
  shuffled,
  swapped,
  type Mutation,
  type TextEncoding,
} from './mutations';
import { csvDataLines, csvHeaderCells, csvRowCells, jsonValueSites } from './sites';

export interface SuiteOptions<M extends ModelName> {
  runs: number;
  /** The unmutated parse (read after the suite's beforeAll). */
  original: () => ModelItem<M>[];
  prepare?: FuzzOptions<M>['prepare'];
  /** Other values a documented fallback may give a field (see assertFieldsKept). */
  alternatives?: () => Partial<Record<keyof ModelItem<M>, unknown[]>>;
  /** Property 2 for items that are not flat records (a screener's values); assertFieldsKept otherwise. */
  kept?: (items: ModelItem<M>[], original: ModelItem<M>[], m: Mutation) => void;
}

function kept<M extends ModelName>(o: SuiteOptions<M>) {
  return (items: ModelItem<M>[], m: Mutation): void =>
    o.kept
      ? o.kept(items, o.original(), m)
      : assertFieldsKept(items, o.original(), m, o.alternatives?.() ?? {});
}

function fromOriginal<M extends ModelName>(o: SuiteOptions<M>) {
  return (items: ModelItem<M>[], m: Mutation): void => assertRowsFromOriginal(items, o.original(), m);
}

/** A `;`-separated file: header cells renamed, cells of a row swapped, rows shuffled, numbers garbled. */
export function csvSuite<M extends ModelName>(
  t: Target<M>,
  body: Buffer,
  enc: TextEncoding,
  o: SuiteOptions<M>,
): void {
  const text = decodeAs(body, enc);
  const base = { runs: o.runs, prepare: o.prepare };

  it('cut, sliced, repeated, re-encoded, emptied, digits garbled: typed errors; a cut file yields only whole rows', () =>
    fuzz(t, oneOfPresent(byteDamage(body, enc), garbledNumber(text, enc)), {
      ...base,
      check: (items, m) => (m.kind === 'truncate' ? fromOriginal(o)(items, m) : undefined),
    }));

  it('a renamed header cell: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(renamed(text, csvHeaderCells(text), enc)), { ...base, check: kept(o) }));

  it('two cells of a row swapped: typed errors, no value under another column', () =>
    fuzz(t, oneOfPresent(swapped(text, csvRowCells(text), enc)), { ...base, check: kept(o) }));

  it('rows shuffled: the same set of rows', () =>
    fuzz(t, oneOfPresent(shuffled(text, [csvDataLines(text)], enc)), {
      ...base,
      runs: Math.ceil(o.runs / 3),
      check: (items, m) => assertSameRows(items, o.original(), m),
    }));

  it('a number, percentage or date cell replaced by garbage: typed errors, only unmutated rows', () =>
    fuzz(t, oneOfPresent(garbledValue(text, csvRowCells(text).flat(), enc)), {
      ...base,
      check: fromOriginal(o),
    }));
}

/**
 * A JSON answer: keys renamed, values of an object swapped, numbers replaced (structurally by odd
 * values, textually by garbage), arrays of rows shuffled when `rows`.
 */
export function jsonSuite<M extends ModelName>(
  t: Target<M>,
  body: Buffer,
  o: SuiteOptions<M> & { rows: boolean },
): void {
  const root = parseJsonSeed(body);
  const text = body.toString('utf8');
  const base = { runs: o.runs, prepare: o.prepare };

  it('cut, sliced, repeated, re-encoded, emptied, digits garbled: typed errors; a cut answer yields nothing new', () =>
    fuzz(t, oneOfPresent(byteDamage(body, 'utf-8'), garbledNumber(text, 'utf-8')), {
      ...base,
      check: (items, m) => (m.kind === 'truncate' ? fromOriginal(o)(items, m) : undefined),
    }));

  it('a renamed key: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(jsonRenamed(root)), { ...base, check: kept(o) }));

  // Answers whose values sit in arrays (TradingView's scanner row) have no object values to swap.
  const swaps = jsonSwapped(root);
  if (swaps) {
    it('two values of an object swapped: typed errors, no value under another field', () =>
      fuzz(t, swaps, { ...base, check: kept(o) }));
  }

  // Answers written only with strings (SGS, B3) have no JSON number to replace.
  const odd = jsonGarbage(root);
  if (odd) {
    it('a number replaced by an odd value (huge, unsafe, negative, another type): typed errors', () =>
      fuzz(t, odd, base));
  }

  it('a number or date value replaced by garbage in the text: typed errors, nothing new', () =>
    fuzz(t, oneOfPresent(garbledValue(text, jsonValueSites(text), 'utf-8')), {
      ...base,
      check: fromOriginal(o),
    }));

  if (o.rows) {
    it('rows shuffled: the same set of rows', () =>
      fuzz(t, oneOfPresent(jsonShuffled(root)), {
        ...base,
        runs: Math.ceil(o.runs / 3),
        check: (items, m) => assertSameRows(items, o.original(), m),
      }));
  }
}
