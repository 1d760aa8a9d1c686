/**
 * Fuzz: B3 COTAHIST (daily-bars). Seed: the real daily file of 25/06/2021 (shared fixtures), cut
 * to its header, 50 of its records (cash-market lots and FIIs, which the fetcher keeps, and
 * options, odd lots and forwards, which it skips) and a trailer counting them, so each run is fast.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { makeZip } from '../test-support';
import { COTAHIST_DAILY } from '../../../test/helpers/fixtures';
import { FIELD, NUMERIC_FIELDS } from '../../core/cotahist/layout';
import source from '../b3-cotahist';
import type { DailyBarItem } from '../models';
import { assertRowsFromOriginal, assertSameRows, baseline, fuzz, type Target } from './fuzz-harness';
import {
  byteDamage,
  deletedSlice,
  emptied,
  GARBAGE,
  garbledNumber,
  mutation,
  oneOfPresent,
  shuffled,
  truncated,
  type Mutation,
} from './mutations';
import { csvDataLines } from './sites';

const fetcher = source.fetchers['daily-bars'];
if (!fetcher) throw new Error('b3-cotahist: no daily-bars fetcher');

const CRLF = '\r\n';

/** Header, the first records of each market kind (kept: 02/12 + 010; skipped: the rest), trailer. */
function cutDaily(): string {
  const lines = readFileSync(COTAHIST_DAILY(), 'latin1')
    .split(CRLF)
    .filter((l) => l !== '');
  const [header, ...rest] = lines;
  const want: Record<string, number> = {
    '02010': 25,
    '12010': 10,
    '82080': 5,
    '78070': 4,
    '62030': 3,
    '96020': 3,
  };
  const records = rest.filter((l) => {
    const kind = l.slice(FIELD.CODBDI[0], FIELD.CODBDI[1]) + l.slice(FIELD.TPMERC[0], FIELD.TPMERC[1]);
    if (!l.startsWith('01') || !want[kind]) return false;
    want[kind]--;
    return true;
  });
  const trailer = lines.at(-1) ?? '';
  const count = String(records.length + 2).padStart(11, '0');
  return [header, ...records, trailer.slice(0, 31) + count + trailer.slice(42)].join(CRLF) + CRLF;
}

/** A numeric field of one record overwritten, at its width, with text that has a non-digit. */
function garbledField(text: string): fc.Arbitrary<Mutation> {
  const records = csvDataLines(text).filter((l) => l.text.startsWith('01'));
  return fc
    .tuple(fc.nat(records.length - 1), fc.constantFrom(...NUMERIC_FIELDS), fc.constantFrom(...GARBAGE, ' '))
    .map(([r, field, junk]) => {
      const rec = records[r] ?? records[0];
      if (!rec) throw new Error('no record');
      const [s, e] = FIELD[field];
      const value = junk.padStart(e - s, '0').slice(-(e - s));
      const at = rec.start + s;
      const body = text.slice(0, at) + value + text.slice(rec.start + e);
      return mutation('garbage', `record ${r} ${field} = "${value}"`, Buffer.from(body, 'latin1'));
    });
}

/** The header's or the trailer's "COTAHIST." / "BOVESPA " mark rewritten (the file's labels). */
function renamedMark(text: string): fc.Arbitrary<Mutation> {
  const trailerAt = text.lastIndexOf('99COTAHIST.');
  const spots = [
    { at: 2, len: 9, what: 'header COTAHIST.' },
    { at: 15, len: 8, what: 'header BOVESPA ' },
    { at: trailerAt + 2, len: 9, what: 'trailer COTAHIST.' },
    { at: trailerAt + 15, len: 8, what: 'trailer BOVESPA ' },
  ];
  return fc
    .tuple(fc.constantFrom(...spots), fc.constantFrom('COTAHIST_', 'B3       ', 'cotahist.', 'XXXXXXXXX'))
    .map(([spot, name]) =>
      mutation(
        'rename',
        `${spot.what} → "${name.slice(0, spot.len)}"`,
        Buffer.from(
          text.slice(0, spot.at) + name.slice(0, spot.len) + text.slice(spot.at + spot.len),
          'latin1',
        ),
      ),
    );
}

describe('b3-cotahist daily-bars', () => {
  const text = cutDaily();
  const body = Buffer.from(text, 'latin1');
  const t: Target<'daily-bars'> = { sourceId: 'b3-cotahist', fetcher, query: { date: '2021-06-25' } };
  let original: DailyBarItem[] = [];
  let zip: Buffer = Buffer.alloc(0);
  beforeAll(async () => {
    original = await baseline(t, body);
    zip = await makeZip([['COTAHIST_D25062021.TXT', body]]);
  });
  const fromOriginal = (items: DailyBarItem[], m: Mutation): void =>
    assertRowsFromOriginal(items, original, m);

  it('cut, sliced, repeated, re-encoded, emptied, digits garbled: typed errors; a cut file yields nothing', () =>
    fuzz(t, oneOfPresent(byteDamage(body, 'latin1'), garbledNumber(text, 'latin1')), {
      runs: 200,
      check: (items, m) => (m.kind === 'truncate' ? fromOriginal(items, m) : undefined),
    }));

  it('a numeric field of a record garbled: typed errors, only unmutated bars', () =>
    fuzz(t, garbledField(text), { runs: 200, check: fromOriginal }));

  it('the header or trailer mark renamed: typed errors', () => fuzz(t, renamedMark(text), { runs: 40 }));

  it('records shuffled: the same set of bars', () => {
    const records = csvDataLines(text).filter((l) => l.text.startsWith('01'));
    return fuzz(t, oneOfPresent(shuffled(text, [records], 'latin1')), {
      runs: 20,
      check: (items, m) => assertSameRows(items, original, m),
    });
  });

  it('the ZIP B3 serves, cut, sliced or emptied: typed errors, never a hang', () =>
    fuzz(
      t,
      fc.constant(null).chain(() => fc.oneof(truncated(zip), deletedSlice(zip, 200), emptied())),
      {
        runs: 60,
      },
    ));
});
