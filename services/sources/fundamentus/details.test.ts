/**
 * WEGE3 and the "Nenhum papel encontrado" page are real captures (shared fixtures, see their
 * README). fixtures/bank_details.html and fixtures/fii_details.html are OUR OWN minimal pages, not
 * captures: no bank or FII page was captured, so they copy detalhes.php's markup with invented values.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { SourceError } from '../errors';
import { MODEL_SCHEMAS, type FundamentalsItem } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import details from './details.fetcher';
import { parseFundamentusDetails } from './details-parse';

const latin1 = new TextDecoder('windows-1252');
const ownFixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)));
const wegeBytes = readFileSync(fixture('fundamentus', 'wege3_details.html'));
const wege = latin1.decode(wegeBytes);
const url = 'https://www.fundamentus.com.br/detalhes.php?papel=WEGE3';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('fundamentus fundamentals (detalhes.php)', () => {
  it('builds the detalhes.php request', () => {
    const spec = details.request(
      { ticker: 'WEGE3' },
      { baseUrl: 'https://example.test/', credentials: {}, now: new Date() },
    );
    expect(spec).toEqual({ url: 'https://example.test/detalhes.php?papel=WEGE3', encoding: 'latin1' });
  });

  it('reads every WEGE3 value from the real capture', async () => {
    const items = await runTransform('fundamentus', details, rawFromFile(wegeBytes, url, 'latin1'), {
      ticker: 'WEGE3',
    });
    expect(items).toHaveLength(1);
    const item = MODEL_SCHEMAS.fundamentals.parse(items[0]);
    expect(item.ticker).toBe('WEGE3');
    expect(item.layout).toBe('company');
    expect(item.as_of).toBe('2026-07-03');
    expect(item.values).toMatchObject({
      price: 46.48,
      price_date: '2026-07-03',
      last_balance_date: '2026-03-31',
      share_type: 'ON N1',
      company_name: 'WEG SA ON N1',
      sector: 'Máquinas e Equipamentos',
      subsector: 'Motores, Compressores e Outros',
      min_52w: 34.16,
      max_52w: 53.83,
      avg_volume_2m: 329_062_000,
      market_cap: 195_091_000_000,
      firm_value: 191_798_000_000,
      shares_outstanding: 4_197_320_000,
      change_day: 0.48,
      change_month: -0.66,
      change_30d: 10.88,
      change_12m: 14.69,
      pl: 31.03,
      pvp: 10.99,
      psr: 4.85,
      p_ebit: 22.92,
      p_assets: 4.5,
      p_working_capital: 20.16,
      p_net_current_assets: 64.02,
      ev_ebit: 22.53,
      ev_ebitda: 20.11,
      lpa: 1.5,
      vpa: 4.23,
      gross_margin: 33.2,
      ebit_margin: 21.2,
      net_margin: 16.7,
      ebit_to_assets: 19.6,
      roic: 26,
      roe: 35.4,
      dy: 4.7,
      current_ratio: 1.55,
      net_debt_to_equity: -0.19,
      revenue_cagr_5y: 12.6,
      asset_turnover: 0.93,
      total_assets: 43_377_600_000,
      gross_debt: 4_092_480_000,
      cash: 7_385_770_000,
      net_debt: -3_293_290_000,
      current_assets: 27_341_300_000,
      equity: 17_746_100_000,
    });
    expect(Object.keys(item.values)).toHaveLength(51);
  });

  it('tells the 12-month results from the 3-month ones by their column header', () => {
    const { values } = parseFundamentusDetails(wege, 'WEGE3');
    expect([values['revenue_12m'], values['revenue_3m']]).toEqual([40_193_900_000, 9_468_310_000]);
    expect([values['ebit_12m'], values['ebit_3m']]).toEqual([8_512_500_000, 1_806_780_000]);
    expect([values['net_income_12m'], values['net_income_3m']]).toEqual([6_287_370_000, 1_457_190_000]);
  });

  it('keeps the yearly oscillations, which have no standard key, in extra', () => {
    expect(parseFundamentusDetails(wege, 'wege3').extra).toEqual({
      '2026': -3.83,
      '2025': -3.19,
      '2024': 45.43,
      '2023': -2.7,
      '2022': 18.75,
      '2021': -10.7,
    });
  });

  it('answers NOT_FOUND for the real "Nenhum papel encontrado" page', async () => {
    const body = readFileSync(fixture('fundamentus', 'ticker_invalido_details.html'));
    await expect(
      runTransform('fundamentus', details, rawFromFile(body, url, 'latin1'), { ticker: 'TICKERINVALIDOXYZ' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a page about another ticker', () => {
    expect(codeOf(() => parseFundamentusDetails(wege, 'PETR4'))).toMatch(
      /^LAYOUT_CHANGED: .*another ticker, not the PETR4/,
    );
    const otherTitle = wege.replace('FUNDAMENTUS - WEGE3 -', 'FUNDAMENTUS - WEGE4 -');
    expect(codeOf(() => parseFundamentusDetails(otherTitle, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*another ticker, not the WEGE3/,
    );
  });

  it.each([
    ['<span class="txt">P/L</span>', '<span class="txt">Preço/Lucro</span>', '"P/L"'],
    ['<span class="txt">Cotação</span>', '<span class="txt">Preço</span>', '"Cotação"'],
    ['<span class="txt">Data últ cot</span>', '<span class="txt">Data</span>', '"Data últ cot"'],
    ['<span class="txt">Oscilações</span>', '<span class="txt">Variações</span>', '"Dia" under "Oscilações"'],
  ])('names the renamed label %s', (from, to, named) => {
    expect(wege.includes(from)).toBe(true);
    const msg = codeOf(() => parseFundamentusDetails(wege.replace(from, to), 'WEGE3'));
    expect(msg).toMatch(/^LAYOUT_CHANGED: /);
    expect(msg).toContain(named);
  });

  it('refuses an unknown period header and a repeated label rather than guess the period', () => {
    const sixMonths = wege.replace('Últimos 3 meses', 'Últimos 6 meses');
    expect(codeOf(() => parseFundamentusDetails(sixMonths, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*unknown period header/,
    );
    const noPeriods = wege.replace(/<td class="nivel2[^>]*>[\s\S]*?<\/td>/g, '');
    expect(codeOf(() => parseFundamentusDetails(noPeriods, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*appears twice/,
    );
    const oneHeader = wege.replace(/<td class="nivel2[^>]*>[\s\S]*?<\/td>/, '');
    expect(codeOf(() => parseFundamentusDetails(oneHeader, 'WEGE3'))).toMatch(/^LAYOUT_CHANGED: /);
    const twice = wege.replace('<span class="txt">LPA</span>', '<span class="txt">P/L</span>');
    expect(codeOf(() => parseFundamentusDetails(twice, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*"P\/L" appears twice/,
    );
  });

  it('refuses a value not in its unit', () => {
    const msg = codeOf(() => parseFundamentusDetails(wege.replace('>46,48<', '>46.48 BRL<'), 'WEGE3'));
    expect(msg).toMatch(/^LAYOUT_CHANGED: .*the value of "Cotação" is not a BRL/);
    // The value itself is not quoted: messages never carry what the file says (F1).
    expect(msg).not.toContain('46.48');
    const noPercent = wege.replace('<span class="txt">4,7%</span>', '<span class="txt">4,7</span>');
    expect(codeOf(() => parseFundamentusDetails(noPercent, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*"Div. Yield"/,
    );
  });

  it('refuses pages of no known layout or of two layouts at once', () => {
    expect(codeOf(() => parseFundamentusDetails('', 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*unknown page layout/,
    );
    expect(
      codeOf(() => parseFundamentusDetails('<html><body>Acesso bloqueado</body></html>', 'WEGE3')),
    ).toMatch(/^LAYOUT_CHANGED/);
    const mixed = wege.replace('<span class="txt">Giro Ativos</span>', '<span class="txt">FFO Yield</span>');
    expect(codeOf(() => parseFundamentusDetails(mixed, 'WEGE3'))).toMatch(
      /^LAYOUT_CHANGED: .*fii and company/,
    );
  });

  it('throws only typed errors, or the full answer, on a page cut anywhere', () => {
    const full = parseFundamentusDetails(wege, 'WEGE3');
    const cuts = new Set<number>();
    for (let at = 0; at < wege.length; at += 97) cuts.add(at);
    for (const probe of ['46,4', '195.091.0', 'Últimos 3', 'Lucro Líq', '1.457.19', '</table>']) {
      cuts.add(wege.lastIndexOf(probe) + probe.length);
    }
    let complete = 0;
    for (const at of cuts) {
      let item: FundamentalsItem | undefined;
      try {
        item = parseFundamentusDetails(wege.slice(0, at), 'WEGE3');
      } catch (e) {
        expect(e).toBeInstanceOf(SourceError);
        continue;
      }
      expect(item).toEqual(full);
      complete++;
    }
    expect(complete).toBeGreaterThan(0); // cuts after the last table still read the page
  });

  it('reads the page re-encoded as UTF-8 right, and its misread text not at all', async () => {
    const utf8 = Buffer.from(wege, 'utf8');
    const [item] = await runTransform('fundamentus', details, rawFromFile(utf8, url, 'latin1'), {
      ticker: 'WEGE3',
    });
    expect(item).toEqual(parseFundamentusDetails(wege, 'WEGE3'));
    const mojibake = latin1.decode(utf8);
    expect(codeOf(() => parseFundamentusDetails(mojibake, 'WEGE3'))).toMatch(/^LAYOUT_CHANGED/);
  });

  it('reads a bank page (our own fixture) into the fields it really has', async () => {
    const raw = rawFromFile(ownFixture('bank_details.html'), url, 'latin1');
    const [item] = await runTransform('fundamentus', details, raw, { ticker: 'ITUB4' });
    expect(item?.layout).toBe('bank');
    expect(item?.as_of).toBe('2026-07-03');
    expect(item?.values).toMatchObject({
      price: 38.12,
      sector: 'Intermediários Financeiros',
      subsector: 'Bancos',
      firm_value: null,
      pl: 9.21,
      pvp: 1.92,
      p_ebit: null,
      ev_ebitda: null,
      roic: null,
      dy: 7.4,
      roe: 20.8,
      total_assets: 2_912_400_000_000,
      loan_book: 1_018_330_000_000,
      deposits: 1_045_780_000_000,
      equity: 194_611_000_000,
      financial_result_12m: 121_904_000_000,
      financial_result_3m: 31_250_000_000,
      service_revenue_12m: 48_117_000_000,
      service_revenue_3m: 12_306_000_000,
      net_income_12m: 40_562_000_000,
      net_income_3m: 10_871_000_000,
      change_day: -0.35,
    });
    expect(item?.values).not.toHaveProperty('revenue_12m');
    expect(item?.values).not.toHaveProperty('gross_debt');
    const noLoans = latin1.decode(ownFixture('bank_details.html')).replace('Cart. de Crédito', 'Carteira');
    expect(codeOf(() => parseFundamentusDetails(noLoans, 'ITUB4'))).toMatch(
      /^LAYOUT_CHANGED: .*"Cart. de Crédito"/,
    );
  });

  it('reads a real-estate fund page (our own fixture) into the fields it really has', async () => {
    const raw = rawFromFile(ownFixture('fii_details.html'), url, 'latin1');
    const [item] = await runTransform('fundamentus', details, raw, { ticker: 'HGLG11' });
    expect(item?.layout).toBe('fii');
    expect(item?.values).toEqual({
      price: 158.5,
      company_name: 'CSHG LOGÍSTICA FII',
      price_date: '2026-07-03',
      fii_mandate: 'Renda',
      min_52w: 150.1,
      segment: 'Logística',
      max_52w: 170,
      fii_management: 'Ativa',
      avg_volume_2m: 9_876_000,
      market_cap: 5_300_240_000,
      shares_outstanding: 33_440_000,
      change_day: -0.35,
      change_month: 1.12,
      change_30d: 2.4,
      change_12m: 9.87,
      ffo_yield: 7.85,
      ffo_per_share: 12.44,
      dy: 8.3,
      dividend_per_share_12m: 13.2,
      pvp: 0.97,
      nav_per_share: 163.4,
      ffo_12m: 415_980_000,
      ffo_3m: 104_770_000,
      distributed_12m: 441_410_000,
      distributed_3m: 110_350_000,
      total_assets: 5_731_500_000,
      equity: 5_464_100_000,
      fii_properties: 24,
      fii_area_m2: 1_812_400,
      fii_rent_per_m2: 23.48,
      fii_price_per_m2: 2658.91,
      fii_cap_rate: 9.1,
      fii_vacancy: 4.8,
    });
    expect(item?.extra).toMatchObject({
      Relatório: '2026-05-31',
      'Últ Info Trimestral': '2026-03-31',
      'Receita (Últimos 12 meses)': 456_120_000,
      'Receita (Últimos 3 meses)': 118_340_000,
      'Venda de ativos (Últimos 12 meses)': null,
      'Qtd Unidades': 0,
      'Imóveis/PL do FII': 88.2,
      '2025': 12.03,
    });
    const noFfo = latin1.decode(ownFixture('fii_details.html')).replace('>FFO/Cota<', '>FFO por cota<');
    expect(codeOf(() => parseFundamentusDetails(noFfo, 'HGLG11'))).toMatch(/^LAYOUT_CHANGED: .*"FFO\/Cota"/);
  });
});
