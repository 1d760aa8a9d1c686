// The CSV is a real capture of the "busca avançada" export (shared fixtures, Oct 2022).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { isFundamentalKey } from '../fundamental-keys';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { buscaAvancadaFetcher, parseBuscaAvancada } from './busca-avancada.fetcher';

const CSV_PATH = fixture('statusinvest', 'statusinvest-busca-avancada.csv');
const CSV = readFileSync(CSV_PATH, 'latin1');
const URL_ = 'https://statusinvest.com.br/category/advancedsearchresultexport?search=%7B%7D&CategoryType=1';
const ctx = {
  baseUrl: 'https://statusinvest.com.br',
  credentials: {},
  now: new Date('2022-10-08T12:00:00Z'),
};

function codeOf(text: string): string {
  try {
    parseBuscaAvancada(text);
  } catch (e) {
    return e instanceof SourceError ? e.sourceCode : `UNTYPED ${String(e)}`;
  }
  return 'OK';
}

describe('status-invest screener (busca avançada CSV)', () => {
  it('requests the export URL the site uses', () => {
    expect(buscaAvancadaFetcher.request({}, ctx)).toEqual({ url: URL_, encoding: 'auto' });
  });

  it('reads all 601 tickers of the real export with their values', async () => {
    const raw = rawFromFile(readFileSync(CSV_PATH), URL_);
    const items = await runTransform('status-invest', buscaAvancadaFetcher, raw, {});
    expect(items).toHaveLength(601);
    expect(new Set(items.map((i) => i.ticker)).size).toBe(601);
    for (const item of items) MODEL_SCHEMAS.screener.parse(item);
    for (const key of Object.keys(items[0]?.values ?? {})) expect(isFundamentalKey(key), key).toBe(true);

    const by = new Map(items.map((i) => [i.ticker, i.values]));
    // PETR4;33,63;49,56;2,72;1,07;0,44;50,89;50,42;28,42;1,53;2,26;0,63;0,44;0,77;8,18;-0,56;1,31;39,35;16,08;30,90;
    //   0,41;0,59;0,57;9,88;;2.667.961.881,31;31,47;12,38;0,05;467.042.182.036,92
    expect(by.get('PETR4')).toEqual({
      price: 33.63,
      dy: 49.56,
      pl: 2.72,
      pvp: 1.07,
      p_assets: 0.44,
      gross_margin: 50.89,
      ebit_margin: 50.42,
      net_margin: 28.42,
      p_ebit: 1.53,
      ev_ebit: 2.26,
      net_debt_to_ebit: 0.63,
      net_debt_to_equity: 0.44,
      psr: 0.77,
      p_working_capital: 8.18,
      p_net_current_assets: -0.56,
      current_ratio: 1.31,
      roe: 39.35,
      roa: 16.08,
      roic: 30.9,
      equity_to_assets: 0.41,
      liabilities_to_assets: 0.59,
      asset_turnover: 0.57,
      revenue_cagr_5y: 9.88,
      earnings_cagr_5y: null,
      vpa: 31.47,
      lpa: 12.38,
      peg: 0.05,
      liquidity_30d: 2_667_961_881.31,
      market_cap: 467_042_182_036.92,
    });
    // The same TAEE11 values as its page of the same day.
    expect(by.get('TAEE11')).toMatchObject({
      price: 39.96,
      dy: 13.29,
      pl: 6.61,
      roe: 29.13,
      market_cap: 13_766_176_323.72,
    });
    // ABCB4 (a bank) has empty cells: null, never a shifted neighbour.
    expect(by.get('ABCB4')).toMatchObject({
      net_debt_to_ebit: null,
      net_debt_to_equity: null,
      roic: null,
      psr: 0.86,
    });
    expect(by.get('ADHM3')).toMatchObject({ ebit_margin: -13_548.48, net_margin: -18_860.61, roa: -2_571.9 });
  });

  it('keeps one row for a ticker query, NOT_FOUND for an unknown ticker', async () => {
    const raw = rawFromFile(Buffer.from(CSV, 'latin1'), URL_);
    const [wege] = await buscaAvancadaFetcher.transform(raw, { ticker: 'WEGE3' });
    expect(wege?.values).toMatchObject({ price: 33.35, pl: 39.5, market_cap: 139_980_555_233.3 });
    await expect(
      Promise.resolve().then(() => buscaAvancadaFetcher.transform(raw, { ticker: 'XXXX3' })),
    ).rejects.toMatchObject({
      sourceCode: 'NOT_FOUND',
    });
  });

  it('refuses a renamed or unknown header, a short row, a bad value and a non-CSV answer', () => {
    expect(codeOf(CSV.replace(';P/VP;', ';P/VPA;'))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CSV.replace('; VALOR DE MERCADO', '; VALOR DE MERCADO; EXTRA'))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CSV.replace('PETR4;33,63;', 'PETR4;'))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CSV.replace('PETR4;33,63;', 'PETR4;33.63.1;'))).toBe('LAYOUT_CHANGED');
    expect(codeOf(CSV.slice(0, CSV.length - 40))).toBe('LAYOUT_CHANGED');
    expect(codeOf('<!DOCTYPE html><html><body>login</body></html>')).toBe('LAYOUT_CHANGED');
    expect(codeOf('')).toBe('LAYOUT_CHANGED');
  });

  it('returns [] for a header with no rows (the runner calls that EMPTY_DATA)', () => {
    expect(parseBuscaAvancada(CSV.slice(0, CSV.indexOf('\n') + 1))).toEqual([]);
  });
});
