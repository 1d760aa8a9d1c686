import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMAS } from '../models';
import { runTransform } from '../run-transform';
import { errorCode, rawText } from '../test-support';
import { principaisIndicadoresFetcher as fetcher } from './principais-indicadores.fetcher';

// OUR fixture, not a capture (none exists): fixtures/principais_indicadores_PETR4.html follows the
// page's public structure (tabela_resumo_empresa* tables of label/value rows), values made up.
const PAGE = readFileSync(new URL('./fixtures/principais_indicadores_PETR4.html', import.meta.url), 'utf8');
const q = { ticker: 'PETR4' };
const raw = (s: string) => rawText(s, 'text/html; charset=utf-8');

describe('investsite fundamentals', () => {
  it('requests principais_indicadores.php?cod_negociacao=<ticker> over plain HTTP', () => {
    const r = fetcher.request(q, {
      baseUrl: 'https://www.investsite.com.br',
      credentials: {},
      now: new Date(),
    });
    expect(r.url).toBe('https://www.investsite.com.br/principais_indicadores.php?cod_negociacao=PETR4');
    expect(r.browser).toBeUndefined();
  });

  it('maps the known labels and keeps the others under their own name', async () => {
    const [item] = await runTransform('investsite', fetcher, raw(PAGE), q);
    expect(item?.values).toMatchObject({
      company_name: 'PETROLEO BRASILEIRO S.A. - PETROBRAS',
      sector: 'Petróleo, Gás e Biocombustíveis',
      price: 38.05,
      market_cap: 496_315_000_000,
      pl: 5.32,
      pvp: 1.21,
      dy: 14.85,
      ev_ebitda: 3.12,
      net_margin: 18.55,
      payout: 76.4,
    });
    expect(item?.extra).toEqual({ 'Retorno s/ Patrimônio Líquido Inicial': 24.1 });
    MODEL_SCHEMAS.fundamentals.parse(item);
  });

  it('LAYOUT_CHANGED: another ticker, a renamed required label, a value in the wrong form, a broken row', async () => {
    const t = (s: string, query = q) => errorCode(() => fetcher.transform(raw(s), query));
    expect(await t(PAGE, { ticker: 'VALE3' })).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('>Preço/Lucro<', '>P/L<'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('>14,85%<', '>14,85<'))).toBe('LAYOUT_CHANGED');
    expect(await t(PAGE.replace('>Petróleo, Gás e Biocombustíveis</td>', '>12,5</td>'))).toBe(
      'LAYOUT_CHANGED',
    );
    expect(await t(PAGE.replace('<td class="dado-valores">5,32</td>', ''))).toBe('LAYOUT_CHANGED');
    expect(await t('<html><body>Página em manutenção</body></html>')).toBe('LAYOUT_CHANGED');
  });
});
