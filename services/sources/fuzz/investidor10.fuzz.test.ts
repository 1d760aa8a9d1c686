/**
 * Fuzz: Investidor10. Seeds: the real KNRI11 FII page (shared fixture), cut to the blocks the
 * parsers read (~20 KB of 937 KB), and the source's OWN stock-page fixture (not a capture).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import source from '../investidor10';
import type { DividendItem, FundamentalsItem } from '../models';
import { baseline, type Target } from './fuzz-harness';
import { headerTableSuite, labelPageSuite } from './page-suites';
import { investidor10Labels, investidor10Values, plainThLabels, tdCells, tdRows } from './sites-issue13';

const { fundamentals, dividends } = source.fetchers;
if (!fundamentals || !dividends) throw new Error('investidor10: a fetcher is missing');

/** The heading, the cards, the first indicators grid and the dividends table, in page order. */
function cutPage(html: string): string {
  const part = (from: string, to: string): string => {
    const a = html.indexOf(from);
    const b = html.indexOf(to, a + from.length);
    if (a < 0 || b < 0) throw new Error(`investidor10: markers ${from} … ${to} not found`);
    return html.slice(a, b + to.length);
  };
  return [
    '<html><head><title>KNRI11</title></head><body>',
    part('<div class="name-ticker">', '</h1>'),
    '</div>',
    part('<section id="cards-ticker"', '</section>'),
    part('<div id="table-indicators"', 'id="avg_indicato'),
    '"></div>',
    part('<table id="table-dividends-history"', '</table>'),
    '</body></html>',
  ].join('\n');
}

const full = readFileSync(fixture('investidor10', 'knri11_fii_page.html'));
const cut = Buffer.from(cutPage(full.toString('utf8')));
const stockPage = readFileSync(
  fileURLToPath(new URL('../investidor10/fixtures/acoes-petr4.html', import.meta.url)),
);

describe('investidor10 fundamentals', () => {
  describe('KNRI11 FII page (real capture, cut)', () => {
    const t: Target<'fundamentals'> = {
      sourceId: 'investidor10',
      fetcher: fundamentals,
      query: { ticker: 'KNRI11' },
    };
    let original: FundamentalsItem;
    beforeAll(async () => {
      [original] = (await baseline(t, cut)) as [FundamentalsItem];
    });
    it('the cut seed reads exactly like the whole page', async () => {
      expect(await baseline(t, cut)).toEqual(await baseline(t, full));
    });
    labelPageSuite(t, cut, {
      runs: 100,
      original: () => original,
      labels: investidor10Labels,
      values: investidor10Values,
    });
  });

  describe('PETR4 stock page (own fixture)', () => {
    const t: Target<'fundamentals'> = {
      sourceId: 'investidor10',
      fetcher: fundamentals,
      query: { ticker: 'PETR4' },
    };
    let original: FundamentalsItem;
    beforeAll(async () => {
      [original] = (await baseline(t, stockPage)) as [FundamentalsItem];
    });
    labelPageSuite(t, stockPage, {
      runs: 60,
      original: () => original,
      labels: investidor10Labels,
      values: investidor10Values,
    });
  });
});

describe('investidor10 dividends', () => {
  describe('KNRI11 history table (real capture, cut)', () => {
    const t: Target<'dividends'> = {
      sourceId: 'investidor10',
      fetcher: dividends,
      query: { ticker: 'KNRI11' },
    };
    let original: DividendItem[] = [];
    beforeAll(async () => {
      original = await baseline(t, cut);
    });
    it('the cut seed reads exactly like the whole page', async () => {
      expect(await baseline(t, cut)).toEqual(await baseline(t, full));
    });
    headerTableSuite(t, cut, {
      runs: 100,
      original: () => original,
      headers: plainThLabels,
      rows: tdRows,
      cells: tdCells,
    });
  });
});
