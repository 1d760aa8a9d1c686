import type { Rule } from '../shared/label-values';

/** FII page (/fiis/<ticker>/): the top cards and the indicators grid, by their upper-cased label. */
export const FII_LABELS: Record<string, Rule> = {
  COTAÇÃO: { key: 'price', form: 'price' },
  'DY (12M)': { key: 'dy', form: 'pct' },
  'P/VP': { key: 'pvp', form: 'number' },
  'LIQUIDEZ DIÁRIA': { key: 'liquidity_30d', form: 'scaled' },
  'VARIAÇÃO (12M)': { key: 'change_12m', form: 'pct' },
  'RAZÃO SOCIAL': { key: 'company_name', form: 'text' },
  MANDATO: { key: 'fii_mandate', form: 'text' },
  SEGMENTO: { key: 'segment', form: 'text' },
  'TIPO DE GESTÃO': { key: 'fii_management', form: 'text' },
  VACÂNCIA: { key: 'fii_vacancy', form: 'pct' },
  'COTAS EMITIDAS': { key: 'shares_outstanding', form: 'number' },
  'VAL. PATRIMONIAL P/ COTA': { key: 'nav_per_share', form: 'price' },
  'VALOR PATRIMONIAL': { key: 'equity', form: 'scaled' },
};
export const FII_REQUIRED = ['COTAÇÃO', 'DY (12M)', 'P/VP'];

/**
 * Stock page (/acoes/<ticker>/): the same card and cell blocks. No capture of a stock page exists
 * here; these labels follow the site's public indicator names and only these are mapped.
 */
export const STOCK_LABELS: Record<string, Rule> = {
  COTAÇÃO: { key: 'price', form: 'price' },
  'VARIAÇÃO (12M)': { key: 'change_12m', form: 'pct' },
  'P/L': { key: 'pl', form: 'number' },
  'P/VP': { key: 'pvp', form: 'number' },
  DY: { key: 'dy', form: 'pct' },
  'DIVIDEND YIELD': { key: 'dy', form: 'pct' },
  'P/RECEITA (PSR)': { key: 'psr', form: 'number' },
  PAYOUT: { key: 'payout', form: 'pct' },
  'MARGEM LÍQUIDA': { key: 'net_margin', form: 'pct' },
  'MARGEM BRUTA': { key: 'gross_margin', form: 'pct' },
  'MARGEM EBIT': { key: 'ebit_margin', form: 'pct' },
  'MARGEM EBITDA': { key: 'ebitda_margin', form: 'pct' },
  'EV/EBITDA': { key: 'ev_ebitda', form: 'number' },
  'EV/EBIT': { key: 'ev_ebit', form: 'number' },
  'P/EBITDA': { key: 'p_ebitda', form: 'number' },
  'P/EBIT': { key: 'p_ebit', form: 'number' },
  'P/ATIVO': { key: 'p_assets', form: 'number' },
  'P/CAP.GIRO': { key: 'p_working_capital', form: 'number' },
  'P/ATIVO CIRC LIQ': { key: 'p_net_current_assets', form: 'number' },
  VPA: { key: 'vpa', form: 'number' },
  LPA: { key: 'lpa', form: 'number' },
  'GIRO ATIVOS': { key: 'asset_turnover', form: 'number' },
  ROE: { key: 'roe', form: 'pct' },
  ROIC: { key: 'roic', form: 'pct' },
  ROA: { key: 'roa', form: 'pct' },
  'DÍVIDA LÍQUIDA / PATRIMÔNIO': { key: 'net_debt_to_equity', form: 'number' },
  'DÍVIDA LÍQUIDA / EBITDA': { key: 'net_debt_to_ebitda', form: 'number' },
  'DÍVIDA LÍQUIDA / EBIT': { key: 'net_debt_to_ebit', form: 'number' },
  'DÍVIDA BRUTA / PATRIMÔNIO': { key: 'gross_debt_to_equity', form: 'number' },
  'PATRIMÔNIO / ATIVOS': { key: 'equity_to_assets', form: 'number' },
  'PASSIVOS / ATIVOS': { key: 'liabilities_to_assets', form: 'number' },
  'LIQUIDEZ CORRENTE': { key: 'current_ratio', form: 'number' },
  'CAGR RECEITAS 5 ANOS': { key: 'revenue_cagr_5y', form: 'pct' },
  'CAGR LUCROS 5 ANOS': { key: 'earnings_cagr_5y', form: 'pct' },
};
export const STOCK_REQUIRED = ['COTAÇÃO', 'P/L', 'P/VP'];
