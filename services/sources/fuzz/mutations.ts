/**
 * fast-check arbitraries that damage a real capture the way the web does: a download cut short, a
 * slice lost or repeated, the wrong charset, a label renamed, rows in another order, an empty body,
 * a number replaced by garbage, two labels' values swapped. Every arbitrary yields a `Mutation`
 * (kind, a short note for the failure report, the damaged bytes). Format-aware sites (which spans
 * are labels, which are values, which lines are rows) come from `sites.ts`.
 */
import fc from 'fast-check';
import {
  decodeAs,
  encodeAs,
  formOf,
  GARBAGE,
  mutation,
  replaceSites,
  sitesOf,
  type Mutation,
  type Site,
  type TextEncoding,
} from './mutation-core';

export {
  decodeAs,
  encodeAs,
  formOf,
  GARBAGE,
  mutation,
  replaceSites,
  sitesOf,
  type Form,
  type Mutation,
  type MutationKind,
  type Site,
  type TextEncoding,
} from './mutation-core';

// ---------------------------------------------------------------------------------------------
// Byte-level damage.

const dec1252 = new TextDecoder('windows-1252');
const decUtf8 = new TextDecoder('utf-8');

export function truncated(body: Buffer): fc.Arbitrary<Mutation> {
  return fc
    .integer({ min: 0, max: Math.max(0, body.length - 1) })
    .map((at) => mutation('truncate', `cut at byte ${at} of ${body.length}`, body.subarray(0, at)));
}

export function deletedSlice(body: Buffer, maxSlice = 4000): fc.Arbitrary<Mutation> {
  const len = body.length;
  return fc
    .tuple(fc.nat(Math.max(0, len - 1)), fc.integer({ min: 1, max: Math.max(1, Math.min(len, maxSlice)) }))
    .map(([at, n]) =>
      mutation(
        'delete',
        `bytes ${at}..${Math.min(len, at + n)} removed`,
        Buffer.concat([body.subarray(0, at), body.subarray(at + n)]),
      ),
    );
}

export function duplicatedSlice(body: Buffer, maxSlice = 4000): fc.Arbitrary<Mutation> {
  const len = body.length;
  return fc
    .tuple(fc.nat(Math.max(0, len - 1)), fc.integer({ min: 1, max: Math.max(1, Math.min(len, maxSlice)) }))
    .map(([at, n]) => {
      const end = Math.min(len, at + n);
      return mutation(
        'duplicate',
        `bytes ${at}..${end} repeated`,
        Buffer.concat([body.subarray(0, end), body.subarray(at, end), body.subarray(end)]),
      );
    });
}

const EMPTY_BODIES: [string, Buffer][] = [
  ['no bytes', Buffer.alloc(0)],
  ['whitespace', Buffer.from(' \r\n\t\n')],
  ['a BOM only', Buffer.from('\ufeff', 'utf8')],
  ['a NUL byte', Buffer.from([0])],
];

export function emptied(): fc.Arbitrary<Mutation> {
  return fc.constantFrom(...EMPTY_BODIES).map(([note, body]) => mutation('empty', note, body));
}

/**
 * The page in another charset: a Latin-1 page re-encoded as UTF-8 (and its UTF-8 form read back as
 * Latin-1), a page read as UTF-8 and written back (bad bytes become U+FFFD), double-encoded
 * mojibake, a BOM, UTF-16.
 */
export function reencoded(body: Buffer, enc: TextEncoding): fc.Arbitrary<Mutation> {
  const text = decodeAs(body, enc);
  const variants: [string, () => Buffer][] = [
    ['as UTF-8', () => Buffer.from(text, 'utf8')],
    ['as Latin-1', () => encodeAs(text, 'latin1')],
    ['bytes read as UTF-8 and written back', () => Buffer.from(decUtf8.decode(body), 'utf8')],
    ['double-encoded (UTF-8 read as Latin-1)', () => Buffer.from(dec1252.decode(Buffer.from(text)), 'utf8')],
    ['UTF-8 with a BOM', () => Buffer.from(`\ufeff${text}`, 'utf8')],
    ['UTF-16LE with a BOM', () => Buffer.from(`\ufeff${text}`, 'utf16le')],
  ];
  return fc.constantFrom(...variants).map(([note, make]) => mutation('reencode', note, make()));
}

function swappablePairs(groups: Site[][]): [Site, Site][] {
  const pairs: [Site, Site][] = [];
  for (const g of groups) {
    const forms = g.map((s) => formOf(s.text));
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) {
        const a = g[i];
        const b = g[j];
        if (!a || !b || forms[i] === 'null' || forms[j] === 'null' || forms[i] === forms[j]) continue;
        pairs.push([a, b]);
      }
  }
  return pairs;
}

/**
 * Two values of one group (a page's value cells, a CSV row's cells) swapped. Only values written
 * in different forms (a date and a number, a percentage and a text…), and never a "-" or empty
 * one: swapping two numbers, or a number with "-", yields a page that says something else but is
 * well-formed — no parser can know, so that is not a robustness test.
 */
export function swapped(text: string, groups: Site[][], enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  const pairs = swappablePairs(groups);
  if (pairs.length === 0) return null;
  return fc.constantFrom(...pairs).map(([a, b]) =>
    mutation(
      'swap',
      `values "${a.text.slice(0, 40)}" and "${b.text.slice(0, 40)}" swapped`,
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

/**
 * Other names for a label: odd spellings, prototype names, another label of the page (a
 * duplicate), noise. Not generated: a known label the page does not show (a company page's label
 * renamed to a bank-only one) — the page would then be well-formed and say something else.
 */
function newNames(label: string, others: string[]): fc.Arbitrary<string> {
  const plain = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const fixed = [
    '',
    `${label}2`,
    `${label} (novo)`,
    label.toUpperCase() === label ? label.toLowerCase() : label.toUpperCase(),
    plain === label ? `${label}_` : plain,
    'Xyzzy',
    // Names every object has through its prototype: a lookup table indexed by label must not find them.
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
  ].filter((n) => n.trim() !== label.trim());
  const arbs: fc.Arbitrary<string>[] = [
    fc.constantFrom(...fixed),
    fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== label.trim()),
  ];
  const dupes = others.filter((o) => o.trim() !== label.trim());
  if (dupes.length > 0) arbs.push(fc.constantFrom(...dupes));
  return fc.oneof(...arbs);
}

/** One label (a header cell, a label span) renamed (to odd names, prototype names or another label). */
export function renamed(text: string, labels: Site[], enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  if (labels.length === 0) return null;
  const others = [...new Set(labels.map((l) => l.text))];
  return fc.nat(labels.length - 1).chain((i) => {
    const site = labels[i] ?? labels[0];
    if (!site) throw new Error('renamed: no label');
    return newNames(site.text, others).map((name) =>
      mutation(
        'rename',
        `label "${site.text.slice(0, 40)}" renamed "${name}"`,
        encodeAs(replaceSites(text, [{ start: site.start, end: site.end, text: name }]), enc),
      ),
    );
  });
}

/** The rows of one table (one group of same-kind ranges, picked at random) put in another order. */
export function shuffled(text: string, groups: Site[][], enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  const tables = groups.filter((g) => g.length >= 2);
  if (tables.length === 0) return null;
  return fc.nat(tables.length - 1).chain((t) => {
    const rows = tables[t] ?? [];
    const idx = rows.map((_, i) => i);
    return fc.shuffledSubarray(idx, { minLength: idx.length, maxLength: idx.length }).map((order) =>
      mutation(
        'shuffle',
        `table ${t}: rows in order ${order.slice(0, 12).join(',')}${order.length > 12 ? '…' : ''}`,
        encodeAs(
          replaceSites(
            text,
            rows.map((r, i) => ({ start: r.start, end: r.end, text: rows[order[i] ?? i]?.text ?? r.text })),
          ),
          enc,
        ),
      ),
    );
  });
}

/** One number of the text (digits, dots, commas) replaced by garbage. */
export function garbledNumber(
  text: string,
  enc: TextEncoding,
  within: Site | null = null,
): fc.Arbitrary<Mutation> | null {
  const numbers = sitesOf(text, /(\d+(?:[.,]\d+)*)/dg, within);
  if (numbers.length === 0) return null;
  return fc.tuple(fc.nat(numbers.length - 1), fc.constantFrom(...GARBAGE)).map(([i, junk]) => {
    const site = numbers[i] ?? numbers[0];
    if (!site) throw new Error('garbledNumber: no number');
    return mutation(
      'garbage',
      `number "${site.text}" at ${site.start} replaced by "${junk}"`,
      encodeAs(replaceSites(text, [{ start: site.start, end: site.end, text: junk }]), enc),
    );
  });
}

/**
 * A value written as a number, a percentage or a date (a CSV cell, a page's value cell, a JSON
 * string) has its number replaced by garbage. Unlike `garbledNumber`, digits inside a text (a
 * company named "2W ECOBANK") are left alone: garbage there is a different text under the right
 * label, which no parser can tell — so here a parse that succeeds must not contain the value.
 */
export function garbledValue(text: string, values: Site[], enc: TextEncoding): fc.Arbitrary<Mutation> | null {
  const cores: Site[] = [];
  for (const v of values) {
    const form = formOf(v.text);
    if (form !== 'number' && form !== 'pct' && form !== 'date') continue;
    const m = /[+-]?\d[\d.,/:T-]*/.exec(v.text);
    if (m) cores.push({ start: v.start + m.index, end: v.start + m.index + m[0].length, text: m[0] });
  }
  if (cores.length === 0) return null;
  return fc.tuple(fc.nat(cores.length - 1), fc.constantFrom(...GARBAGE)).map(([i, junk]) => {
    const site = cores[i] ?? cores[0];
    if (!site) throw new Error('garbledValue: no value');
    return mutation(
      'garbage',
      `value "${site.text}" at ${site.start} replaced by "${junk}"`,
      encodeAs(replaceSites(text, [{ start: site.start, end: site.end, text: junk }]), enc),
    );
  });
}

/**
 * A label renamed (to a name no parser knows, so its value is now read loosely into `extra`), then
 * its value — the first value site after it — swapped with a value of another form. This reaches
 * what neither mutation does alone: a standard key (a sector) receiving a loosely read value.
 */
export function renamedThenSwapped(
  text: string,
  labels: Site[],
  values: Site[],
  enc: TextEncoding,
): fc.Arbitrary<Mutation> | null {
  const plans: { label: Site; own: Site; other: Site }[] = [];
  for (const label of labels) {
    const own = values.find((v) => v.start >= label.end);
    if (!own || formOf(own.text) === 'null') continue;
    for (const other of values) {
      const f = formOf(other.text);
      if (other !== own && f !== 'null' && f !== formOf(own.text)) plans.push({ label, own, other });
    }
  }
  if (plans.length === 0) return null;
  return fc
    .tuple(fc.constantFrom(...plans), fc.constantFrom('Xyzzy', 'Novo indicador', 'toString'))
    .map(([{ label, own, other }, name]) =>
      mutation(
        'swap',
        `label "${label.text}" renamed "${name}", its value "${own.text.slice(0, 30)}" swapped with "${other.text.slice(0, 30)}"`,
        encodeAs(
          replaceSites(text, [
            { start: label.start, end: label.end, text: name },
            { start: own.start, end: own.end, text: other.text },
            { start: other.start, end: other.end, text: own.text },
          ]),
          enc,
        ),
      ),
    );
}

/** The byte-level damages every format gets. */
export function byteDamage(body: Buffer, enc: TextEncoding): fc.Arbitrary<Mutation> {
  return fc.oneof(
    truncated(body),
    deletedSlice(body),
    duplicatedSlice(body),
    emptied(),
    reencoded(body, enc),
  );
}

/** `fc.oneof` over the arbitraries that exist for this seed (a seed may have no labels to rename). */
export function oneOfPresent(...arbs: (fc.Arbitrary<Mutation> | null)[]): fc.Arbitrary<Mutation> {
  const present = arbs.filter((a): a is fc.Arbitrary<Mutation> => a !== null);
  const [first, ...rest] = present;
  if (!first) throw new Error('oneOfPresent: no arbitrary');
  return rest.length === 0 ? first : fc.oneof(first, ...rest);
}
