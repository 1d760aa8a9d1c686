import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { FundamentalsItem } from '../models';
import { textOf } from '../shared/html';
import { mapLabels, type LabelledText, type Rule } from '../shared/label-values';

/**
 * investsite.com.br `principais_indicadores.php?cod_negociacao=<ticker>`: summary tables whose id
 * starts with `tabela_resumo_empresa`, each row a label cell and a value cell. No capture exists:
 * the labels below follow the site's public wording and only these are mapped.
 */
export const INVESTSITE_LABELS: Record<string, Rule> = {
  'Nome Empresa': { key: 'company_name', form: 'text' },
  Setor: { key: 'sector', form: 'text' },
  Subsetor: { key: 'subsector', form: 'text' },
  Segmento: { key: 'segment', form: 'text' },
  'Preço da Ação': { key: 'price', form: 'price' },
  'Valor de Mercado': { key: 'market_cap', form: 'money' },
  'Valor da Firma': { key: 'firm_value', form: 'money' },
  'Preço/Lucro': { key: 'pl', form: 'number' },
  'Preço/Valor Patrimonial': { key: 'pvp', form: 'number' },
  'Preço/Receita Líquida': { key: 'psr', form: 'number' },
  'Preço/EBIT': { key: 'p_ebit', form: 'number' },
  'Preço/Ativo Total': { key: 'p_assets', form: 'number' },
  'EV/EBIT': { key: 'ev_ebit', form: 'number' },
  'EV/EBITDA': { key: 'ev_ebitda', form: 'number' },
  'Dividend Yield': { key: 'dy', form: 'pct' },
  'Lucro por Ação': { key: 'lpa', form: 'number' },
  'Valor Patrimonial por Ação': { key: 'vpa', form: 'number' },
  'Margem Bruta': { key: 'gross_margin', form: 'pct' },
  'Margem EBIT': { key: 'ebit_margin', form: 'pct' },
  'Margem Líquida': { key: 'net_margin', form: 'pct' },
  'Liquidez Corrente': { key: 'current_ratio', form: 'number' },
  Payout: { key: 'payout', form: 'pct' },
};
const REQUIRED = ['Preço/Lucro', 'Preço/Valor Patrimonial', 'Dividend Yield'];
const TICKER_LABEL = 'Código de Negociação';

/** Label/value rows of the summary tables; a row of another shape is a layout change. */
export function summaryPairs(html: string): LabelledText[] {
  const tables = [
    ...html.matchAll(/<table\b[^>]*\bid="tabela_resumo_empresa[^"]*"[^>]*>([\s\S]*?)<\/table>/g),
  ];
  if (tables.length === 0) return [];
  const out: LabelledText[] = [];
  for (const t of tables) {
    for (const row of (t[1] ?? '').matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
      const inner = row[1] ?? '';
      if (/<th\b/.test(inner)) continue; // a section heading
      const cells = [...inner.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1] ?? ''));
      if (cells.length !== 2)
        throw layoutChanged(`investsite: a summary row with ${cells.length} cells, not label and value`);
      out.push({ label: cells[0] ?? '', value: cells[1] ?? '' });
    }
  }
  return out;
}

export function parseIndicators(html: string, ticker: string): FundamentalsItem {
  const pairs = summaryPairs(html);
  if (pairs.length === 0) {
    if (/n[ãa]o encontrad|inv[áa]lid/i.test(textOf(html).slice(0, 5000)))
      throw new SourceError('NOT_FOUND', `Investsite has no page for ${ticker}`);
    throw layoutChanged('investsite: no tabela_resumo_empresa tables (not an indicators page)');
  }
  const onPage = pairs.filter((p) => p.label === TICKER_LABEL).map((p) => p.value.toUpperCase());
  if (onPage.length !== 1) throw layoutChanged(`investsite: no single "${TICKER_LABEL}" row`);
  if (onPage[0] !== ticker)
    throw layoutChanged(`investsite: the page is for ${onPage[0]}, ${ticker} was asked`);
  const { values, extra } = mapLabels(
    'investsite',
    pairs.filter((p) => p.label !== TICKER_LABEL),
    INVESTSITE_LABELS,
    REQUIRED,
  );
  return { ticker, layout: 'company', as_of: null, values, extra };
}

export const principaisIndicadoresFetcher = defineFetcher({
  model: 'fundamentals',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investsite: a ticker is required');
    return {
      url: `${ctx.baseUrl}/principais_indicadores.php?cod_negociacao=${encodeURIComponent(q.ticker)}`,
      encoding: 'auto',
    };
  },
  transform(raw, q) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'investsite: a ticker is required');
    return [parseIndicators(raw.text(), q.ticker)];
  },
});
