import type { Locale } from './format';
import { formatFundamental, type FundamentalUnit } from './format-fundamental';
import { FUNDAMENTAL_LABELS_EN } from './fundamental-labels-en';

/**
 * Names and units of the standard keys the analysis answers use (fundamentals, computed metrics,
 * screener and compare fields, valuation inputs), in both languages. Units follow the sources'
 * convention: `pct` is in percentage points (33.2 means 33.2%).
 */
type Entry = readonly [pt: string, en: string, unit: FundamentalUnit];

const LABELS: Record<string, Entry> = {
  price: ['Cotação', 'Price', 'BRL'],
  market_cap: ['Valor de mercado', 'Market cap', 'BRL'],
  firm_value: ['Valor da firma', 'Enterprise value', 'BRL'],
  shares_outstanding: ['Número de ações', 'Shares outstanding', 'count'],
  shares: ['Número de ações', 'Shares', 'count'],
  pl: ['P/L', 'P/E', 'ratio'],
  pvp: ['P/VP', 'P/B', 'ratio'],
  psr: ['PSR', 'P/S', 'ratio'],
  p_ebit: ['P/EBIT', 'P/EBIT', 'ratio'],
  ev_ebit: ['EV/EBIT', 'EV/EBIT', 'ratio'],
  ev_ebitda: ['EV/EBITDA', 'EV/EBITDA', 'ratio'],
  dy: ['Dividend yield', 'Dividend yield', 'pct'],
  payout: ['Payout', 'Payout', 'pct'],
  lpa: ['LPA', 'EPS', 'BRL'],
  vpa: ['VPA', 'Book value per share', 'BRL'],
  gross_margin: ['Margem bruta', 'Gross margin', 'pct'],
  ebit_margin: ['Margem EBIT', 'EBIT margin', 'pct'],
  ebitda_margin: ['Margem EBITDA', 'EBITDA margin', 'pct'],
  net_margin: ['Margem líquida', 'Net margin', 'pct'],
  roe: ['ROE', 'ROE', 'pct'],
  roa: ['ROA', 'ROA', 'pct'],
  roic: ['ROIC', 'ROIC', 'pct'],
  current_ratio: ['Liquidez corrente', 'Current ratio', 'ratio'],
  gross_debt_to_equity: ['Dívida bruta/Patrimônio', 'Gross debt/Equity', 'ratio'],
  net_debt_to_equity: ['Dívida líquida/Patrimônio', 'Net debt/Equity', 'ratio'],
  net_debt_to_ebitda: ['Dívida líquida/EBITDA', 'Net debt/EBITDA', 'ratio'],
  net_debt_to_ebit: ['Dívida líquida/EBIT', 'Net debt/EBIT', 'ratio'],
  revenue_cagr_5y: ['Crescimento da receita (5 anos)', 'Revenue growth (5 years)', 'pct'],
  earnings_cagr_5y: ['Crescimento do lucro (5 anos)', 'Earnings growth (5 years)', 'pct'],
  net_debt: ['Dívida líquida', 'Net debt', 'BRL'],
  gross_debt: ['Dívida bruta', 'Gross debt', 'BRL'],
  equity: ['Patrimônio líquido', 'Equity', 'BRL'],
  revenue_12m: ['Receita líquida (12 meses)', 'Net revenue (12 months)', 'BRL'],
  ebit_12m: ['EBIT (12 meses)', 'EBIT (12 months)', 'BRL'],
  ebitda_12m: ['EBITDA (12 meses)', 'EBITDA (12 months)', 'BRL'],
  net_income_12m: ['Lucro líquido (12 meses)', 'Net income (12 months)', 'BRL'],
  net_income_parent_12m: ['Lucro dos controladores (12 meses)', 'Net income to owners (12 months)', 'BRL'],
  equity_parent: ['Patrimônio dos controladores', 'Equity of the owners', 'BRL'],
  da_12m: ['Depreciação e amortização (12 meses)', 'D&A (12 months)', 'BRL'],
  liquidity_2m: ['Liquidez média diária (2 meses)', 'Average daily liquidity (2 months)', 'BRL'],
  avg_volume_2m: ['Volume médio diário (2 meses)', 'Average daily volume (2 months)', 'BRL'],
  magic_formula_rank: ['Posição na Fórmula Mágica', 'Magic Formula rank', 'count'],
  rsi_14: ['IFR 14', 'RSI 14', 'ratio'],
  sma_20: ['MMS 20', 'SMA 20', 'BRL'],
  sma_50: ['MMS 50', 'SMA 50', 'BRL'],
  sma_200: ['MMS 200', 'SMA 200', 'BRL'],
  ema_21: ['MME 21', 'EMA 21', 'BRL'],
  atr_14: ['ATR 14', 'ATR 14', 'BRL'],
  trend_strength: ['Força da tendência', 'Trend strength', 'ratio'],
  close_vs_sma_200_pct: ['Preço vs. MMS 200', 'Close vs. SMA 200', 'pct'],
  // Valuation inputs
  selic_pct: ['Selic', 'Selic', 'pct'],
  growth_pct: ['Crescimento', 'Growth', 'pct'],
  max_growth_pct: ['Crescimento máximo', 'Maximum growth', 'pct'],
  desired_yield_pct: ['Rendimento desejado', 'Desired yield', 'pct'],
  payout_pct: ['Payout', 'Payout', 'pct'],
  dividends_per_share: ['Proventos por ação', 'Dividends per share', 'BRL'],
  average_per_year: ['Média por ano', 'Average per year', 'BRL'],
  expected_dividend: ['Provento esperado', 'Expected dividend', 'BRL'],
  distributions: ['Distribuições', 'Distributions', 'count'],
  years: ['Anos', 'Years', 'count'],
  dps_12m: ['Proventos por ação (12 meses)', 'Dividends per share (12 months)', 'BRL'],
  k_pct: ['Retorno exigido', 'Required return', 'pct'],
  equity_premium_pct: ['Prêmio de risco', 'Equity risk premium', 'pct'],
  terminal_growth_pct: ['Crescimento na perpetuidade', 'Terminal growth', 'pct'],
  tax_rate_pct: ['Alíquota de IR', 'Tax rate', 'pct'],
  wacc_pct: ['WACC', 'WACC', 'pct'],
  capex_12m: ['Capex (12 meses)', 'Capex (12 months)', 'BRL'],
  delta_nwc_12m: ['Variação do capital de giro (12 meses)', 'Change in working capital (12 months)', 'BRL'],
  window_from_exclusive: ['Janela a partir de (exclusive)', 'Window from (exclusive)', 'date'],
  window_to: ['Janela até', 'Window to', 'date'],
  // Grouped field lists of Compare and the screener (i18n/field-groups.ts)
  peg: ['PEG ratio', 'PEG ratio', 'ratio'],
  p_ebitda: ['P/EBITDA', 'P/EBITDA', 'ratio'],
  p_assets: ['P/Ativos', 'P/Assets', 'ratio'],
  equity_to_assets: ['Patrimônio/Ativos', 'Equity/Assets', 'ratio'],
  liabilities_to_assets: ['Passivos/Ativos', 'Liabilities/Assets', 'ratio'],
  asset_turnover: ['Giro dos ativos', 'Asset turnover', 'ratio'],
};

/** The key's name in the language (`fallback`, e.g. the source's own label, or the key when unknown). */
export function metricLabel(key: string, locale: Locale, fallback?: string): string {
  const e = Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
  if (e) return locale === 'en' ? e[1] : e[0];
  if (locale === 'en' && Object.hasOwn(FUNDAMENTAL_LABELS_EN, key)) return FUNDAMENTAL_LABELS_EN[key] ?? key;
  return fallback ?? key;
}

/** The key's unit; unknown keys are read from their suffix (`_pct`) or shown as plain numbers. */
export function metricUnit(key: string): FundamentalUnit {
  const e = Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
  if (e) return e[2];
  if (key.endsWith('_pct')) return 'pct';
  return 'ratio';
}

/** A value of a known key, formatted by its unit (null: `—`). */
export function formatMetric(key: string, value: number | string | null, locale: Locale): string {
  return formatFundamental(value, metricUnit(key), locale);
}
