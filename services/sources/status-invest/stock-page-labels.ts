import type { FundamentalKeyName } from '../fundamental-keys';

/** How a label's value is written: `pct` must carry "%", `number` is a plain Brazilian number. */
export type ValueForm = 'number' | 'pct' | 'text';

export interface LabelRule {
  key: FundamentalKeyName;
  form: ValueForm;
}

/**
 * The labels of statusinvest.com.br/acoes/<ticker> (as written in the HTML, entities decoded) that
 * have a standard key. Checked against the TAEE11 capture of Oct 2022. Labels not listed go to
 * `extra` under their own text. Deliberately NOT mapped: "Liquidez média diária" (the page says it
 * is a 30-day mean; `liquidity_2m` is a 2-month one), "Dividend Yield" in the header (the same
 * number as "D.Y", printed without "%"), "Tag Along", "Free Float", "Segmento de listagem" (no key).
 */
export const STOCK_PAGE_LABELS: Readonly<Record<string, LabelRule>> = {
  // Header
  'Valor atual': { key: 'price', form: 'number' },
  'Min. 52 semanas': { key: 'min_52w', form: 'number' },
  'Máx. 52 semanas': { key: 'max_52w', form: 'number' },
  'Valorização (12m)': { key: 'change_12m', form: 'pct' },
  // Indicators ("hoje")
  'D.Y': { key: 'dy', form: 'pct' },
  'P/L': { key: 'pl', form: 'number' },
  'PEG Ratio': { key: 'peg', form: 'number' },
  'P/VP': { key: 'pvp', form: 'number' },
  'EV/EBITDA': { key: 'ev_ebitda', form: 'number' },
  'EV/EBIT': { key: 'ev_ebit', form: 'number' },
  'P/EBITDA': { key: 'p_ebitda', form: 'number' },
  'P/EBIT': { key: 'p_ebit', form: 'number' },
  VPA: { key: 'vpa', form: 'number' },
  'P/Ativo': { key: 'p_assets', form: 'number' },
  LPA: { key: 'lpa', form: 'number' },
  'P/SR': { key: 'psr', form: 'number' },
  'P/Cap. Giro': { key: 'p_working_capital', form: 'number' },
  'P/Ativo Circ. Liq.': { key: 'p_net_current_assets', form: 'number' },
  'Dív. líquida/PL': { key: 'net_debt_to_equity', form: 'number' },
  'Dív. líquida/EBITDA': { key: 'net_debt_to_ebitda', form: 'number' },
  'Dív. líquida/EBIT': { key: 'net_debt_to_ebit', form: 'number' },
  'PL/Ativos': { key: 'equity_to_assets', form: 'number' },
  'Passivos/Ativos': { key: 'liabilities_to_assets', form: 'number' },
  'Liq. corrente': { key: 'current_ratio', form: 'number' },
  'M. Bruta': { key: 'gross_margin', form: 'pct' },
  'M. EBITDA': { key: 'ebitda_margin', form: 'pct' },
  'M. EBIT': { key: 'ebit_margin', form: 'pct' },
  'M. Líquida': { key: 'net_margin', form: 'pct' },
  ROE: { key: 'roe', form: 'pct' },
  ROA: { key: 'roa', form: 'pct' },
  ROIC: { key: 'roic', form: 'pct' },
  'Giro ativos': { key: 'asset_turnover', form: 'number' },
  'CAGR Receitas 5 anos': { key: 'revenue_cagr_5y', form: 'pct' },
  'CAGR Lucros 5 anos': { key: 'earnings_cagr_5y', form: 'pct' },
  // Company section (R$ and share count)
  'Patrimônio líquido': { key: 'equity', form: 'number' },
  Ativos: { key: 'total_assets', form: 'number' },
  'Ativo circulante': { key: 'current_assets', form: 'number' },
  'Dívida bruta': { key: 'gross_debt', form: 'number' },
  Disponibilidade: { key: 'cash', form: 'number' },
  'Dívida líquida': { key: 'net_debt', form: 'number' },
  'Valor de mercado': { key: 'market_cap', form: 'number' },
  'Valor de firma': { key: 'firm_value', form: 'number' },
  'Nº total de papéis': { key: 'shares_outstanding', form: 'number' },
  'Setor de Atuação': { key: 'sector', form: 'text' },
  'Subsetor de Atuação': { key: 'subsector', form: 'text' },
  'Segmento de Atuação': { key: 'segment', form: 'text' },
};

/** Labels every stock page shows; one missing means the page is not the layout we know. */
export const REQUIRED_STOCK_LABELS: readonly string[] = [
  'Valor atual',
  'Min. 52 semanas',
  'Máx. 52 semanas',
  'D.Y',
  'P/L',
  'P/VP',
  'VPA',
  'LPA',
  'ROE',
  'Patrimônio líquido',
  'Valor de mercado',
  'Nº total de papéis',
  'Setor de Atuação',
  'Subsetor de Atuação',
  'Segmento de Atuação',
];
