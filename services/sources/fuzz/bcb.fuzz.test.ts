/**
 * Fuzz: Banco Central SGS JSON. Seeds: the real series 11 answer (shared fixtures; its first 80
 * points, written back compact as SGS answers) and the real IPCA (433) answer, pretty-printed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../bcb';
import type { MacroPointItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { jsonSuite } from './suites';

const fetcher = source.fetchers['macro-series'];
if (!fetcher) throw new Error('bcb: no macro-series fetcher');

const SEEDS = [
  {
    name: 'series 11 (Selic diária, first 80 points)',
    series: '11',
    body: () => {
      const all = JSON.parse(
        readFileSync(fixture('bcb', 'sgs11_selic_diaria_1986-2018.json'), 'utf8'),
      ) as unknown[];
      return Buffer.from(JSON.stringify(all.slice(0, 80)), 'utf8');
    },
  },
  {
    name: 'series 433 (IPCA, pretty-printed)',
    series: '433',
    body: () => readFileSync(fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json')),
  },
];

describe('bcb macro-series', () => {
  for (const seed of SEEDS) {
    describe(seed.name, () => {
      const body = seed.body();
      const t: Target<'macro-series'> = { sourceId: 'bcb', fetcher, query: { series: seed.series } };
      let original: MacroPointItem[] = [];
      beforeAll(async () => {
        original = await baseline(t, body);
      });
      jsonSuite(t, body, { runs: 150, rows: true, original: () => original });
    });
  }
});
