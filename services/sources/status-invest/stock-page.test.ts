// The TAEE11 page is a real capture (shared fixtures, Oct 2022). The small "not found" / home pages
// below are our own, shaped after the site's markup; they are not captures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { isFundamentalKey } from '../fundamental-keys';
import { MODEL_SCHEMAS } from '../models';
import { makeRaw, rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import source from './index';
import { stockPageFetcher } from './stock-page.fetcher';

const PAGE_PATH = fixture('statusinvest', 'statusinvest_acoes_taee11_2022-10.html');
const PAGE = readFileSync(PAGE_PATH, 'utf8');
const URL_ = 'https://statusinvest.com.br/acoes/taee11';
const ctx = {
  baseUrl: 'https://statusinvest.com.br',
  credentials: {},
  now: new Date('2022-10-08T12:00:00Z'),
};

function page(html: string, status = 200) {
  return makeRaw(
    {
      url: URL_,
      status,
      contentType: 'text/html; charset=utf-8',
      fetchedAt: '2022-10-08T12:00:00Z',
      body: Buffer.from(html, 'utf8'),
    },
    'utf-8',
  );
}

/** The typed code a transform raises; "UNTYPED" for anything else (a TypeError is a bug). */
async function codeOf(html: string, ticker = 'TAEE11', status = 200): Promise<string> {
  try {
    await stockPageFetcher.transform(page(html, status), { ticker });
  } catch (e) {
    return e instanceof SourceError ? e.sourceCode : `UNTYPED ${String(e)}`;
  }
  return 'OK';
}

describe('status-invest fundamentals (stock page)', () => {
  it('builds the request from the base URL with the lower-case ticker', () => {
    expect(stockPageFetcher.request({ ticker: 'PETR4' }, ctx)).toMatchObject({
      url: 'https://statusinvest.com.br/acoes/petr4',
      encoding: 'utf-8',
    });
    expect(source.info.id).toBe('status-invest');
    expect(source.fetchers.fundamentals).toBe(stockPageFetcher);
  });

  it('reads the real TAEE11 page into standard keys (units as the keys define)', async () => {
    const raw = rawFromFile(readFileSync(PAGE_PATH), URL_, 'utf-8');
    const items = await runTransform('status-invest', stockPageFetcher, raw, { ticker: 'TAEE11' });
    expect(items).toHaveLength(1);
    const item = MODEL_SCHEMAS.fundamentals.parse(items[0]);
    expect(item.ticker).toBe('TAEE11');
    expect(item.layout).toBe('stock');
    expect(item.values).toMatchObject({
      price: 39.96,
      min_52w: 31.12,
      max_52w: 42.26,
      change_12m: 23.79,
      dy: 13.29,
      pl: 6.61,
      peg: -0.28,
      pvp: 1.92,
      ev_ebitda: 7.76,
      ev_ebit: 6.11,
      p_ebitda: 5.2,
      p_ebit: 4.09,
      vpa: 20.77,
      lpa: 6.05,
      psr: 4.17,
      p_working_capital: 5.15,
      p_net_current_assets: -0.96,
      net_debt_to_equity: 0.95,
      net_debt_to_ebitda: 2.56,
      net_debt_to_ebit: 2.02,
      equity_to_assets: 0.39,
      liabilities_to_assets: 0.61,
      current_ratio: 3.09,
      gross_margin: 85.35,
      ebitda_margin: 80.22,
      ebit_margin: 101.94,
      net_margin: 63.1,
      roe: 29.13,
      roa: 11.43,
      roic: 19.17,
      asset_turnover: 0.18,
      revenue_cagr_5y: 20.07,
      earnings_cagr_5y: 19.31,
      equity: 7_154_162_000,
      total_assets: 18_230_115_000,
      current_assets: 3_953_127_000,
      gross_debt: 8_636_712_000,
      cash: 1_843_025_000,
      net_debt: 6_793_687_000,
      market_cap: 13_766_176_324,
      firm_value: 20_559_863_324,
      shares_outstanding: 1_033_496_721,
      sector: 'Utilidade Pública',
      subsector: 'Energia Elétrica',
      segment: 'Energia Elétrica',
    });
    for (const key of Object.keys(item.values)) expect(isFundamentalKey(key), key).toBe(true);
    // Labels with no standard key keep their own names; the 30-day liquidity is not `liquidity_2m`.
    expect(item.extra).toMatchObject({
      'Tag Along': 100,
      'Liquidez média diária': 75_663_766.42,
      'Free Float': 63.45,
      'Segmento de listagem': 'Nível 2',
      'Dividend Yield: Últimos 12 meses': 5.3121,
    });
    expect(item.values).not.toHaveProperty('liquidity_2m');
  });

  it('refuses a page for another ticker', async () => {
    expect(await codeOf(PAGE, 'PETR4')).toBe('LAYOUT_CHANGED');
  });

  it('refuses truncated, emptied and garbled pages with typed errors', async () => {
    expect(await codeOf(PAGE.slice(0, 100_000))).toBe('LAYOUT_CHANGED');
    expect(await codeOf(PAGE.slice(0, Math.floor(PAGE.length / 2)))).toBe('LAYOUT_CHANGED');
    expect(await codeOf('')).toBe('LAYOUT_CHANGED');
    expect(await codeOf('\u0000\u00ff<<>>&&;;')).toBe('LAYOUT_CHANGED');
  });

  it('refuses a page whose required label was renamed, and never shifts its value', async () => {
    const renamed = PAGE.replace(
      '<h3 class="title m-0 uppercase">P/VP</h3>',
      '<h3 class="title m-0 uppercase">P/VPA</h3>',
    );
    expect(renamed).not.toBe(PAGE);
    expect(await codeOf(renamed)).toBe('LAYOUT_CHANGED');
  });

  it('puts a renamed optional label in extra, not under the old key', async () => {
    const renamed = PAGE.replace(
      '<h3 class="title m-0 uppercase">EV/EBIT</h3>',
      '<h3 class="title m-0 uppercase">EV/LAJIR</h3>',
    );
    const [item] = await stockPageFetcher.transform(page(renamed), { ticker: 'TAEE11' });
    expect(item?.values).not.toHaveProperty('ev_ebit');
    expect(item?.extra['EV/LAJIR']).toBe(6.11);
  });

  it('refuses a value not in the expected form', async () => {
    const noPercent = PAGE.replace('fw-700">13,29%</strong>', 'fw-700">13,29</strong>');
    expect(noPercent).not.toBe(PAGE);
    expect(await codeOf(noPercent)).toBe('LAYOUT_CHANGED');
    const text = PAGE.replace(
      '<strong class="value">39,96</strong>',
      '<strong class="value">cotação indisponível</strong>',
    );
    expect(await codeOf(text)).toBe('LAYOUT_CHANGED');
  });

  it('answers NOT_FOUND for the site\'s "not found" and home pages (own minimal pages)', async () => {
    const notFound =
      '<!DOCTYPE html><html><head><title>Status Invest</title></head><body><h1>Ops! P&#xE1;gina n&#xE3;o encontrada</h1></body></html>';
    expect(await codeOf(notFound)).toBe('NOT_FOUND');
    const home =
      '<!DOCTYPE html><html><head><title>Status Invest - Investimentos</title><link rel="canonical" href="https://statusinvest.com.br/"></head><body></body></html>';
    expect(await codeOf(home)).toBe('NOT_FOUND');
    expect(await codeOf('<html><body>Not Found</body></html>', 'TAEE11', 404)).toBe('NOT_FOUND');
    // Another page of the site is not "not found": it is a layout we do not know.
    const other =
      '<html><head><link rel="canonical" href="https://statusinvest.com.br/fundos-imobiliarios/hglg11"></head></html>';
    expect(await codeOf(other)).toBe('LAYOUT_CHANGED');
  });
});
