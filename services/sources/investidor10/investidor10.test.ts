import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { MODEL_SCHEMAS } from '../models';
import { rawFromFile } from '../raw';
import { runTransform } from '../run-transform';
import { errorCode, rawText } from '../test-support';
import { dividendsFetcher } from './dividends.fetcher';
import { fundamentalsFetcher, pageKind } from './fundamentals.fetcher';

// Real capture (read in place): /work/shared/fixtures/investidor10/knri11_fii_page.html, /fiis/knri11/.
const KNRI11 = readFileSync(fixture('investidor10', 'knri11_fii_page.html'), 'utf8');
// OUR minimal stock page (no capture of a stock page exists): the same card/cell structure, made-up values.
const PETR4 = readFileSync(new URL('./fixtures/acoes-petr4.html', import.meta.url), 'utf8');
const html = (s: string, status = 200) => rawText(s, 'text/html; charset=utf-8', status);
const fii = { ticker: 'KNRI11' };
const stock = { ticker: 'PETR4' };
const ctx = { baseUrl: 'https://investidor10.com.br', credentials: {}, now: new Date() };

describe('investidor10 fundamentals', () => {
  it('requests /fiis/<ticker>/ for FIIs and /acoes/<ticker>/ for stocks (series overrides)', () => {
    expect(fundamentalsFetcher.request(fii, ctx).url).toBe('https://investidor10.com.br/fiis/knri11/');
    expect(fundamentalsFetcher.request(stock, ctx).url).toBe('https://investidor10.com.br/acoes/petr4/');
    expect(pageKind({ ticker: 'TAEE11', series: 'stock' })).toBe('stock');
    expect(() => pageKind({ ticker: 'TAEE11', series: 'etf' })).toThrow(/series is fii or stock/);
  });

  it('reads the real KNRI11 page: cards and the indicators grid', async () => {
    const [item] = await runTransform(
      'investidor10',
      fundamentalsFetcher,
      rawFromFile(Buffer.from(KNRI11), 'x'),
      fii,
    );
    expect(item).toEqual({
      ticker: 'KNRI11',
      layout: 'fii',
      as_of: null,
      values: {
        price: 129.84,
        dy: 9.16,
        pvp: 0.81,
        liquidity_30d: 7_470_000,
        change_12m: -12.6,
        company_name: 'KINEA RENDA IMOBILIÁRIA FDO INV IMOB - FII',
        fii_mandate: 'Renda',
        segment: 'Híbrido',
        fii_management: 'Ativa',
        fii_vacancy: 2.98,
        shares_outstanding: 28_204_036,
        nav_per_share: 161.43,
        equity: 4_550_000_000,
      },
      extra: {
        CNPJ: '12.005.956/0001-65',
        'PÚBLICO-ALVO': 'Geral',
        'TIPO DE FUNDO': 'Fundo de Tijolo',
        'PRAZO DE DURAÇÃO': 'Indeterminado',
        'TAXA DE ADMINISTRAÇÃO': '1,25% a.a',
        'NUMERO DE COTISTAS': 287_619,
        'ÚLTIMO RENDIMENTO': 1,
      },
    });
    MODEL_SCHEMAS.fundamentals.parse(item);
  });

  it('reads our stock fixture; an unmapped label stays under its own name', async () => {
    const [item] = await runTransform('investidor10', fundamentalsFetcher, html(PETR4), stock);
    expect(item?.layout).toBe('stock');
    expect(item?.values).toMatchObject({
      price: 38.05,
      pl: 5.32,
      pvp: 1.21,
      dy: 14.85,
      roe: 22.84,
      net_debt_to_ebitda: 1.34,
    });
    expect(item?.extra).toEqual({ 'FREE FLOAT': 63.22 });
  });

  it('LAYOUT_CHANGED: another ticker, a renamed required label, a value in the wrong form, a cell without value', async () => {
    const t = (s: string, q = fii) => errorCode(() => fundamentalsFetcher.transform(html(s), q));
    expect(await t(KNRI11, { ticker: 'HGLG11' })).toBe('LAYOUT_CHANGED');
    expect(await t(KNRI11.replace('>P/VP</span>', '>P/VPA</span>'))).toBe('LAYOUT_CHANGED');
    expect(await t(KNRI11.replace('<span>0,81</span>', '<span>Renda</span>'))).toBe('LAYOUT_CHANGED');
    expect(await t(KNRI11.replace('<span>9,16%</span>', '<span>9,16</span>'))).toBe('LAYOUT_CHANGED');
    // The mandate's value swapped with a number: a text key never takes a number.
    expect(await t(KNRI11.replace(/(MANDATO[\s\S]*?<span>\s*)Renda/, '$12,98%'))).toBe('LAYOUT_CHANGED');
    expect(await t(PETR4.replace('<span>5,32</span>\n</div>', '</div>'), stock)).toBe('LAYOUT_CHANGED');
    expect(await t('<html><body>Manutenção</body></html>')).toBe('LAYOUT_CHANGED');
  });

  it('NOT_FOUND for the site’s 404', async () => {
    expect(
      await errorCode(() =>
        fundamentalsFetcher.transform(html('<title>Página não encontrada</title>', 404), fii),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('investidor10 dividends', () => {
  it('reads the 107 distributions of the real KNRI11 history table', async () => {
    const items = await runTransform('investidor10', dividendsFetcher, html(KNRI11), fii);
    expect(items).toHaveLength(107);
    expect(items[0]).toEqual({
      ticker: 'KNRI11',
      type: 'RENDIMENTO',
      source_type: 'Dividendos',
      ex_date: '2024-11-29',
      payment_date: '2024-12-13',
      value: 1,
      per_shares: 1,
    });
    expect(items.at(-1)).toMatchObject({ ex_date: '2016-01-02', payment_date: '2016-01-15', value: 0.92 });
  });

  it('types a company’s JSCP and dividends; a payment not yet dated is null', async () => {
    const items = await runTransform('investidor10', dividendsFetcher, html(PETR4), stock);
    expect(items.map((d) => [d.type, d.ex_date, d.payment_date, d.value])).toEqual([
      ['JCP', '2024-11-21', '2025-02-20', 0.372163],
      ['DIVIDENDO', '2024-11-21', '2025-03-20', 0.68215],
      ['DIVIDENDO', '2025-04-22', null, 1.14203],
    ]);
  });

  it('LAYOUT_CHANGED on a reordered header or a garbled date', async () => {
    const t = (s: string) => errorCode(() => dividendsFetcher.transform(html(s), fii));
    expect(await t(KNRI11.replace('<h3>Data COM</h3>', '<h3>Data EX</h3>'))).toBe('LAYOUT_CHANGED');
    expect(await t(KNRI11.replace('29/11/2024', '2024-11-29'))).toBe('LAYOUT_CHANGED');
  });
});
