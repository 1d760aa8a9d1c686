/**
 * The building blocks of the fuzz mutations: the `Mutation` a fast-check arbitrary yields, the
 * seed's text codec, text ranges (`Site`s) and how a value is written (`formOf`).
 */
import fc from 'fast-check';
import { textOf } from '../shared/html';

export type MutationKind =
  'truncate' | 'delete' | 'duplicate' | 'reencode' | 'rename' | 'shuffle' | 'empty' | 'garbage' | 'swap';

export interface Mutation {
  kind: MutationKind;
  note: string;
  body: Buffer;
}

/** A mutation that prints as its note (not as a 30 KB buffer) when fast-check reports a failure. */
export function mutation(kind: MutationKind, note: string, body: Buffer): Mutation {
  return { kind, note, body, [fc.toStringMethod]: () => `${kind}: ${note}` } as Mutation;
}

// ---------------------------------------------------------------------------------------------
// Text codecs: the seed's own encoding, so text-level mutations give back bytes of the same kind.

export type TextEncoding = 'latin1' | 'utf-8';

const dec1252 = new TextDecoder('windows-1252');
const decUtf8 = new TextDecoder('utf-8');
/** Windows-1252's printable characters at 0x80–0x9F, back to their byte. */
const CP1252_BACK = new Map<string, number>(
  Array.from({ length: 32 }, (_, i) => [dec1252.decode(Uint8Array.of(0x80 + i)), 0x80 + i]),
);

export function decodeAs(body: Buffer, enc: TextEncoding): string {
  return enc === 'latin1' ? dec1252.decode(body) : decUtf8.decode(body);
}

export function encodeAs(text: string, enc: TextEncoding): Buffer {
  if (enc === 'utf-8') return Buffer.from(text, 'utf8');
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c <= 0xff ? c : (CP1252_BACK.get(text[i] ?? '') ?? 0x3f);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sites: ranges of the decoded text a mutation rewrites (a label, a value, a row).

export interface Site {
  start: number;
  end: number;
  text: string;
}

/** The first capture group of every match of `re` (which must have the `d` and `g` flags). */
export function sitesOf(
  text: string,
  re: RegExp,
  within: { start: number; end: number } | null = null,
): Site[] {
  const out: Site[] = [];
  const from = within?.start ?? 0;
  const slice = within ? text.slice(within.start, within.end) : text;
  for (const m of slice.matchAll(re)) {
    const at = m.indices?.[1];
    if (!at || m[1] === undefined) continue;
    out.push({ start: from + at[0], end: from + at[1], text: m[1] });
  }
  return out;
}

/** Replace non-overlapping ranges (any order) of `text`. */
export function replaceSites(text: string, edits: { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** How a value is written; a swap of two values written alike cannot be detected by any parser. */
export type Form = 'null' | 'date' | 'pct' | 'number' | 'text';

export function formOf(raw: string): Form {
  const t = textOf(raw);
  if (t === '' || t === '-' || t === '--') return 'null';
  if (/^\d{2}\/\d{2}\/\d{4}$/.test(t) || /^\d{4}-\d{2}-\d{2}/.test(t)) return 'date';
  if (/^[+-]?[\d.,]+\s*%$/.test(t)) return 'pct';
  if (/^(R\$\s*)?[+-]?[\d.,]*\d[\d.,]*([eE][+-]?\d+)?$/.test(t)) return 'number';
  return 'text';
}

/** Pairs of sites (in one group) written in different forms, neither a "-"/empty. */

/**
 * Text that is no number in any form the sites write ("", "-" and "--" are left out: they are the
 * sites' own "not applicable", a legitimate value).
 */
export const GARBAGE = [
  'abc',
  'N/A',
  '∞',
  '1.2.3,4,5',
  '#',
  '12a',
  'x9',
  '--1',
  '1-2',
  '0x1F',
  'NaN',
  '1,2,3',
];
