/**
 * Feed-aware fuzz pieces for the news sources: an element renamed in both its tags (a rename of
 * only one is a well-formedness error the byte damages already reach), and property 2 for news
 * items (every field kept or gone, tickers only ever fewer).
 */
import fc from 'fast-check';
import type { ModelItem } from '../models';
import {
  encodeAs,
  GARBAGE,
  mutation,
  replaceSites,
  type Mutation,
  type Site,
  type TextEncoding,
} from './mutation-core';
import { feedLeaves } from './sites';

type NewsItem = ModelItem<'news'>;

/**
 * One leaf element of an item renamed: to names no feed defines, to odd spellings, to a
 * namespaced name (an extension, ignored), or to a sibling's name (a duplicate). Not generated: a
 * known element the item does not have (a <dc:creator> turned <source>) — the feed would then be
 * well-formed and say something else.
 */
export function renamedElement(xml: string, enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  const leaves = feedLeaves(xml);
  if (leaves.length === 0) return null;
  return fc.nat(leaves.length - 1).chain((i) => {
    const leaf = leaves[i] ?? leaves[0];
    if (!leaf) throw new Error('renamedElement: no leaf');
    const fixed = [
      'Xyzzy',
      `${leaf.name}2`,
      leaf.name.toUpperCase(),
      'x:renamed',
      'constructor',
      '__proto__',
      'toString',
    ].filter((n) => n !== leaf.name);
    const arbs: fc.Arbitrary<string>[] = [
      fc.constantFrom(...fixed),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== leaf.name),
    ];
    if (leaf.siblings.length > 0) arbs.push(fc.constantFrom(...leaf.siblings));
    return fc.oneof(...arbs).map((name) =>
      mutation(
        'rename',
        `<${leaf.name}> at ${leaf.open} renamed <${name}>`,
        encodeAs(
          replaceSites(xml, [
            { start: leaf.open, end: leaf.open + leaf.name.length, text: name },
            { start: leaf.close, end: leaf.close + leaf.name.length, text: name },
          ]),
          enc,
        ),
      ),
    );
  });
}

export type NewsAlternatives = Partial<Record<'title' | 'publisher' | 'description', unknown[]>>;

const FIELDS = ['title', 'url', 'publisher', 'published_at', 'description'] as const;

/**
 * Property 2 for news: each item matches an unmutated item field by field — equal, null (gone)
 * or a documented fallback (`alternatives`) — and its tickers are among that item's tickers.
 */
export function assertNewsKept(
  items: NewsItem[],
  original: NewsItem[],
  m: Mutation,
  alternatives: NewsAlternatives = {},
): void {
  for (const it of items) {
    const ok = original.some(
      (o) =>
        FIELDS.every((f) => {
          const got = it[f];
          if (got === null || got === o[f]) return true;
          return f !== 'url' && f !== 'published_at' && (alternatives[f] ?? []).includes(got);
        }) && it.tickers.every((t) => o.tickers.includes(t)),
    );
    if (!ok)
      throw new Error(
        `${m.kind} (${m.note}): ${JSON.stringify(it)} carries a value the unmutated parse has not`,
      );
  }
}

/**
 * An item's date swapped with another of its values (its title, link, a category…). Only swaps
 * with the date are generated: every other field of a news item is free text, so two texts
 * swapped (a title and a category) make a well-formed feed that says something else.
 */
export function swappedWithDate(
  text: string,
  items: { date: Site; others: Site[] }[],
  enc: TextEncoding,
): fc.Arbitrary<Mutation> | null {
  const pairs = items.flatMap(({ date, others }) => others.map((o): [Site, Site] => [date, o]));
  if (pairs.length === 0) return null;
  return fc.constantFrom(...pairs).map(([a, b]) =>
    mutation(
      'swap',
      `date "${a.text}" swapped with "${b.text.slice(0, 40)}"`,
      encodeAs(
        replaceSites(text, [
          { start: a.start, end: a.end, text: b.text },
          { start: b.start, end: b.end, text: a.text },
        ]),
        enc,
      ),
    ),
  );
}

const BAD_DATES = [
  ...GARBAGE,
  'ontem às 10h',
  '04/05/2026 10:00',
  'Mon, 31 Feb 2026 10:00:00 GMT',
  'Mon, 04 Mai 2026 10:00:00 GMT',
  'Mon, 04 May 2026 25:00:00 GMT',
  '2026-13-01T10:00:00Z',
  '2026-05-04T10:00:00',
];

/** A date replaced by a text that is no date (or not a real calendar time). */
export function garbledDate(text: string, dates: Site[], enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  if (dates.length === 0) return null;
  return fc
    .tuple(fc.constantFrom(...dates), fc.constantFrom(...BAD_DATES))
    .map(([site, junk]) =>
      mutation(
        'garbage',
        `date "${site.text}" replaced by "${junk}"`,
        encodeAs(replaceSites(text, [{ start: site.start, end: site.end, text: junk }]), enc),
      ),
    );
}
