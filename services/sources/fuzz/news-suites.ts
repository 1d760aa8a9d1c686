/**
 * The fuzz properties of a news source as vitest cases: an RSS/Atom feed (`feedSuite`), an HTML
 * listing of `<article>` cards (`listingSuite`). Every case checks property 1 (typed errors only);
 * each adds what its mutation allows (see fuzz-harness.ts). Embedded-JSON pages use `jsonSuite`
 * with a `prepare` that puts the JSON back in its page.
 */
import { it } from 'vitest';
import type { ModelItem } from '../models';
import { assertRowsFromOriginal, assertSameRows, fuzz, type Target } from './fuzz-harness';
import { byteDamage, garbledNumber, oneOfPresent, renamed, shuffled, type Mutation } from './mutations';
import {
  assertNewsKept,
  garbledDate,
  renamedElement,
  swappedWithDate,
  type NewsAlternatives,
} from './news-mutations';
import { feedDatedItems, feedItems, listingCards, listingDatedCards, listingTagNames } from './sites';

type NewsItem = ModelItem<'news'>;

export interface NewsSuiteOptions {
  runs: number;
  /** The unmutated parse (read after the suite's beforeAll). */
  original: () => NewsItem[];
  /** Documented fallbacks a field may take when the element it is read from is gone. */
  alternatives?: () => NewsAlternatives;
}

function checks(o: NewsSuiteOptions) {
  return {
    kept: (items: NewsItem[], m: Mutation): void =>
      assertNewsKept(items, o.original(), m, o.alternatives?.() ?? {}),
    fromOriginal: (items: NewsItem[], m: Mutation): void => assertRowsFromOriginal(items, o.original(), m),
    same: (items: NewsItem[], m: Mutation): void => assertSameRows(items, o.original(), m),
  };
}

/** An RSS 2.0 / Atom feed (UTF-8). */
export function feedSuite(t: Target<'news'>, body: Buffer, o: NewsSuiteOptions): void {
  const text = body.toString('utf8');
  const c = checks(o);
  const dated = feedDatedItems(text);

  it('cut, sliced, repeated, re-encoded, emptied, digits garbled: typed errors; a cut feed yields only whole items', () =>
    fuzz(t, oneOfPresent(byteDamage(body, 'utf-8'), garbledNumber(text, 'utf-8')), {
      runs: o.runs,
      check: (items, m) => (m.kind === 'truncate' ? c.fromOriginal(items, m) : undefined),
    }));

  it('an element of an item renamed: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(renamedElement(text, 'utf-8')), { runs: o.runs, check: c.kept }));

  it('an item date swapped with another of its values: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(swappedWithDate(text, dated, 'utf-8')), { runs: o.runs, check: c.kept }));

  it('items shuffled: the same set of items', () =>
    fuzz(t, oneOfPresent(shuffled(text, feedItems(text), 'utf-8')), {
      runs: Math.ceil(o.runs / 3),
      check: c.same,
    }));

  it('a date replaced by garbage: refused, never an item with another date', () =>
    fuzz(
      t,
      oneOfPresent(
        garbledDate(
          text,
          dated.map((d) => d.date),
          'utf-8',
        ),
      ),
      { runs: o.runs, check: c.fromOriginal },
    ));
}

/** An HTML listing page of `<article>` cards (UTF-8). */
export function listingSuite(t: Target<'news'>, body: Buffer, o: NewsSuiteOptions): void {
  const html = body.toString('utf8');
  const c = checks(o);
  const dated = listingDatedCards(html);

  it('cut, sliced, repeated, re-encoded, emptied, digits garbled: typed errors; a cut page yields only whole cards', () =>
    fuzz(t, oneOfPresent(byteDamage(body, 'utf-8'), garbledNumber(html, 'utf-8')), {
      runs: o.runs,
      check: (items, m) => (m.kind === 'truncate' ? c.fromOriginal(items, m) : undefined),
    }));

  it('a tag of a card renamed: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(renamed(html, listingTagNames(html), 'utf-8')), { runs: o.runs, check: c.kept }));

  it('a card time swapped with another of its values: typed errors, no value under another field', () =>
    fuzz(t, oneOfPresent(swappedWithDate(html, dated, 'utf-8')), { runs: o.runs, check: c.kept }));

  it('cards shuffled: the same set of items', () =>
    fuzz(t, oneOfPresent(shuffled(html, listingCards(html), 'utf-8')), {
      runs: Math.ceil(o.runs / 3),
      check: c.same,
    }));

  it('a time replaced by garbage: refused, never an item with another date', () =>
    fuzz(
      t,
      oneOfPresent(
        garbledDate(
          html,
          dated.map((d) => d.date),
          'utf-8',
        ),
      ),
      { runs: o.runs, check: c.fromOriginal },
    ));
}
