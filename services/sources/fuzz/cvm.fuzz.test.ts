/**
 * Fuzz: CVM cad_cia_aberta.csv (companies) and the DFP ZIP (statements). Seeds: the real
 * cad_cia_aberta.csv and DRE CSV (shared fixtures), cut to their header and first 60 rows, and
 * the source's OWN BPA sample (not a capture). Statement CSVs are mutated, then zipped as CVM
 * serves them; the ZIP itself is damaged too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { makeZip } from '../test-support';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../cvm';
import type { CompanyItem, StatementItem } from '../models';
import { baseline, fuzz, type Target } from './fuzz-harness';
import { deletedSlice, duplicatedSlice, emptied, truncated } from './mutations';
import { csvSuite } from './suites';

const { companies, statements } = source.fetchers;
if (!companies || !statements) throw new Error('cvm: a fetcher is missing');

/** The header and the first `n` data lines, with the file's own line breaks. */
function head(bytes: Buffer, n: number): Buffer {
  const text = bytes.toString('latin1');
  let at = 0;
  for (let i = 0; i <= n && at >= 0; i++) at = text.indexOf('\n', at) + 1 || -1;
  return at > 0 ? bytes.subarray(0, at) : bytes;
}

describe('cvm companies', () => {
  const body = head(readFileSync(fixture('cvm', 'cad_cia_aberta.csv')), 60);
  const t: Target<'companies'> = { sourceId: 'cvm', fetcher: companies, query: {} };
  let original: CompanyItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  csvSuite(t, body, 'latin1', { runs: 200, original: () => original });
});

const STATEMENT_SEEDS = [
  {
    name: 'DRE (real capture)',
    file: 'dfp_cia_aberta_DRE_con_2022.csv',
    body: () => head(readFileSync(fixture('cvm', 'dfp_cia_aberta_DRE_con_2022.csv')), 60),
  },
  {
    name: 'BPA (own sample)',
    file: 'dfp_cia_aberta_BPA_con_2022.csv',
    body: () =>
      readFileSync(
        fileURLToPath(new URL('../cvm/fixtures/dfp_cia_aberta_BPA_con_2022.own-sample.csv', import.meta.url)),
      ),
  },
];

describe('cvm statements', () => {
  const t: Target<'statements'> = { sourceId: 'cvm', fetcher: statements, query: { year: 2022 } };
  for (const seed of STATEMENT_SEEDS) {
    describe(seed.name, () => {
      const body = seed.body();
      const prepare = (csv: Buffer): Promise<Buffer> => makeZip([[seed.file, csv]]);
      let original: StatementItem[] = [];
      let zip: Buffer = Buffer.alloc(0);
      beforeAll(async () => {
        zip = await prepare(body);
        original = await baseline(t, zip);
      });
      csvSuite(t, body, 'latin1', { runs: 100, original: () => original, prepare });

      it('the ZIP cut, sliced, repeated or emptied: typed errors, never a hang', () =>
        fuzz(
          t,
          fc
            .constant(null)
            .chain(() =>
              fc.oneof(truncated(zip), deletedSlice(zip, 200), duplicatedSlice(zip, 200), emptied()),
            ),
          { runs: 60 },
        ));
    });
  }
});
