/**
 * Fuzz: Status Invest stock page and "busca avançada" CSV export. Seeds: the real TAEE11 page
 * (cut to the three blocks the parser reads, ~180 KB of 520 KB) and the real export (header and
 * its first 80 rows), both shared fixtures.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import type { FundamentalsItem, ScreenerItem } from '../models';
import source from '../status-invest';
import { assertFieldsKept, assertLabelsKept, baseline, fuzz, type Target } from './fuzz-harness';
import {
  byteDamage,
  garbledNumber,
  garbledValue,
  oneOfPresent,
  renamed,
  renamedThenSwapped,
  swapped,
  type Mutation,
} from './mutations';
import { statusInvestLabels, statusInvestValues } from './sites';
import { csvSuite } from './suites';

const { fundamentals, screener } = source.fetchers;
if (!fundamentals || !screener) throw new Error('status-invest: a fetcher is missing');

/** The page from the header block to the end of the indicators, then the company block. */
function cutPage(html: string): string {
  const from = html.lastIndexOf('<div', html.indexOf('class="top-info has-special'));
  const histAt = html.indexOf('class="indicator-historical-container"');
  const company = html.lastIndexOf('<div', html.indexOf('id="company-section"'));
  const h2 = html.indexOf('<h2', company);
  if (from < 0 || histAt < 0 || company < 0 || h2 < 0) throw new Error('status-invest: markers not found');
  return `<html><body>\n${html.slice(from, histAt)}class="indicator-historical-container"></div>\n${html.slice(company, h2)}<h2>fim</h2></body></html>`;
}

describe('status-invest fundamentals', () => {
  const full = readFileSync(fixture('statusinvest', 'statusinvest_acoes_taee11_2022-10.html'));
  const html = cutPage(full.toString('utf8'));
  const body = Buffer.from(html, 'utf8');
  const t: Target<'fundamentals'> = {
    sourceId: 'status-invest',
    fetcher: fundamentals,
    query: { ticker: 'TAEE11' },
  };
  let original: FundamentalsItem;
  beforeAll(async () => {
    [original] = (await baseline(t, body)) as [FundamentalsItem];
  });
  const kept = (items: FundamentalsItem[], m: Mutation): void => {
    for (const item of items) assertLabelsKept(item, original, m);
  };
  const RUNS = 100;

  it('the cut seed reads exactly like the whole page', async () => {
    expect(await baseline(t, body)).toEqual(await baseline(t, full));
  });

  it('cut, sliced, repeated, re-encoded, emptied: typed errors; a cut page loses values, never changes one', () =>
    fuzz(t, byteDamage(body, 'utf-8'), {
      runs: RUNS,
      check: (items, m) => (m.kind === 'truncate' ? kept(items, m) : undefined),
    }));

  it('a renamed label: typed errors, its value never under another key', () =>
    fuzz(t, oneOfPresent(renamed(html, statusInvestLabels(html), 'utf-8')), { runs: RUNS, check: kept }));

  it('two values swapped: typed errors, no value under another key', () =>
    fuzz(t, oneOfPresent(swapped(html, [statusInvestValues(html)], 'utf-8')), { runs: RUNS, check: kept }));

  it('a label renamed, then two values swapped: typed errors, no value under another key', () =>
    fuzz(
      t,
      oneOfPresent(renamedThenSwapped(html, statusInvestLabels(html), statusInvestValues(html), 'utf-8')),
      {
        runs: RUNS,
        check: kept,
      },
    ));

  it('digits anywhere garbled: typed errors', () =>
    fuzz(t, oneOfPresent(garbledNumber(html, 'utf-8')), { runs: RUNS }));

  it('a number value replaced by garbage: typed errors, no standard key with a garbled value', () =>
    fuzz(t, oneOfPresent(garbledValue(html, statusInvestValues(html), 'utf-8')), {
      runs: RUNS,
      check: kept,
    }));
});

describe('status-invest screener', () => {
  const whole = readFileSync(fixture('statusinvest', 'statusinvest-busca-avancada.csv'), 'utf8');
  const text = `${whole.split('\n').slice(0, 81).join('\n')}\n`;
  const body = Buffer.from(text, 'utf8');
  const t: Target<'screener'> = { sourceId: 'status-invest', fetcher: screener, query: {} };
  let original: ScreenerItem[] = [];
  beforeAll(async () => {
    original = await baseline(t, body);
  });
  csvSuite(t, body, 'utf-8', { runs: 200, original: () => original, kept: assertScreenerKept });
});

/** Each row's values: every key keeps the unmutated value of that ticker's row, or is gone. */
function assertScreenerKept(items: ScreenerItem[], original: ScreenerItem[], m: Mutation): void {
  const byTicker = new Map(original.map((o) => [o.ticker, o]));
  for (const it of items) {
    const o = byTicker.get(it.ticker);
    if (!o) throw new Error(`${m.kind} (${m.note}): ticker ${it.ticker} is not in the unmutated parse`);
    assertFieldsKept([it.values], [o.values], m);
    for (const k of Object.keys(it.values)) {
      if (!Object.hasOwn(o.values, k)) throw new Error(`${m.kind} (${m.note}): ${it.ticker} gained key ${k}`);
    }
  }
}
