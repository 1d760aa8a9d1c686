/**
 * The standard keys fundamentals and screener items use, one meaning each, so values from different
 * sites can be cross-checked. Units: `BRL` (R$), `ratio` (a plain multiple), `pct` (percentage
 * points: 33.2 means 33.2%), `count`, `date` (YYYY-MM-DD), `text`.
 * Sources map their own labels onto these keys; a label with no key here goes to `extra` under its
 * own name, never under a guessed key.
 */
export type FundamentalUnit = 'BRL' | 'ratio' | 'pct' | 'count' | 'date' | 'text';

export interface FundamentalKey {
  label: string;
  unit: FundamentalUnit;
}

export const FUNDAMENTAL_KEYS = {
  // Identity and market
  price: { label: 'Cotação', unit: 'BRL' },
  price_date: { label: 'Data da última cotação', unit: 'date' },
  company_name: { label: 'Empresa', unit: 'text' },
  share_type: { label: 'Tipo', unit: 'text' },
  sector: { label: 'Setor', unit: 'text' },
  subsector: { label: 'Subsetor', unit: 'text' },
  segment: { label: 'Segmento', unit: 'text' },
  min_52w: { label: 'Mínima 52 semanas', unit: 'BRL' },
  max_52w: { label: 'Máxima 52 semanas', unit: 'BRL' },
  avg_volume_2m: { label: 'Volume médio diário (2 meses)', unit: 'BRL' },
  market_cap: { label: 'Valor de mercado', unit: 'BRL' },
  firm_value: { label: 'Valor da firma', unit: 'BRL' },
  last_balance_date: { label: 'Data do último balanço', unit: 'date' },
  shares_outstanding: { label: 'Número de ações', unit: 'count' },
  // Price changes
  change_day: { label: 'Oscilação dia', unit: 'pct' },
  change_month: { label: 'Oscilação mês', unit: 'pct' },
  change_30d: { label: 'Oscilação 30 dias', unit: 'pct' },
  change_12m: { label: 'Oscilação 12 meses', unit: 'pct' },
  // Valuation multiples
  pl: { label: 'P/L', unit: 'ratio' },
  pvp: { label: 'P/VP', unit: 'ratio' },
  psr: { label: 'PSR', unit: 'ratio' },
  p_ebit: { label: 'P/EBIT', unit: 'ratio' },
  p_ebitda: { label: 'P/EBITDA', unit: 'ratio' },
  p_assets: { label: 'P/Ativos', unit: 'ratio' },
  p_working_capital: { label: 'P/Capital de giro', unit: 'ratio' },
  p_net_current_assets: { label: 'P/Ativo circulante líquido', unit: 'ratio' },
  ev_ebit: { label: 'EV/EBIT', unit: 'ratio' },
  ev_ebitda: { label: 'EV/EBITDA', unit: 'ratio' },
  dy: { label: 'Dividend yield', unit: 'pct' },
  payout: { label: 'Payout', unit: 'pct' },
  lpa: { label: 'LPA', unit: 'BRL' },
  vpa: { label: 'VPA', unit: 'BRL' },
  peg: { label: 'PEG ratio', unit: 'ratio' },
  // Profitability
  gross_margin: { label: 'Margem bruta', unit: 'pct' },
  ebit_margin: { label: 'Margem EBIT', unit: 'pct' },
  ebitda_margin: { label: 'Margem EBITDA', unit: 'pct' },
  net_margin: { label: 'Margem líquida', unit: 'pct' },
  roe: { label: 'ROE', unit: 'pct' },
  roa: { label: 'ROA', unit: 'pct' },
  roic: { label: 'ROIC', unit: 'pct' },
  ebit_to_assets: { label: 'EBIT/Ativo', unit: 'pct' },
  asset_turnover: { label: 'Giro dos ativos', unit: 'ratio' },
  // Debt and liquidity
  current_ratio: { label: 'Liquidez corrente', unit: 'ratio' },
  gross_debt_to_equity: { label: 'Dívida bruta/Patrimônio', unit: 'ratio' },
  net_debt_to_equity: { label: 'Dívida líquida/Patrimônio', unit: 'ratio' },
  net_debt_to_ebitda: { label: 'Dívida líquida/EBITDA', unit: 'ratio' },
  net_debt_to_ebit: { label: 'Dívida líquida/EBIT', unit: 'ratio' },
  equity_to_assets: { label: 'Patrimônio/Ativos', unit: 'ratio' },
  liabilities_to_assets: { label: 'Passivos/Ativos', unit: 'ratio' },
  // Growth
  revenue_cagr_5y: { label: 'Crescimento da receita (5 anos)', unit: 'pct' },
  earnings_cagr_5y: { label: 'Crescimento do lucro (5 anos)', unit: 'pct' },
  // Balance sheet (R$)
  total_assets: { label: 'Ativo', unit: 'BRL' },
  current_assets: { label: 'Ativo circulante', unit: 'BRL' },
  cash: { label: 'Disponibilidades', unit: 'BRL' },
  gross_debt: { label: 'Dívida bruta', unit: 'BRL' },
  net_debt: { label: 'Dívida líquida', unit: 'BRL' },
  equity: { label: 'Patrimônio líquido', unit: 'BRL' },
  // Results (R$), last 12 months and last quarter
  revenue_12m: { label: 'Receita líquida (12 meses)', unit: 'BRL' },
  ebit_12m: { label: 'EBIT (12 meses)', unit: 'BRL' },
  net_income_12m: { label: 'Lucro líquido (12 meses)', unit: 'BRL' },
  revenue_3m: { label: 'Receita líquida (3 meses)', unit: 'BRL' },
  ebit_3m: { label: 'EBIT (3 meses)', unit: 'BRL' },
  net_income_3m: { label: 'Lucro líquido (3 meses)', unit: 'BRL' },
  // Banks
  loan_book: { label: 'Carteira de crédito', unit: 'BRL' },
  deposits: { label: 'Depósitos', unit: 'BRL' },
  financial_result_12m: { label: 'Resultado da intermediação financeira (12 meses)', unit: 'BRL' },
  service_revenue_12m: { label: 'Receita de serviços (12 meses)', unit: 'BRL' },
  financial_result_3m: { label: 'Resultado da intermediação financeira (3 meses)', unit: 'BRL' },
  service_revenue_3m: { label: 'Receita de serviços (3 meses)', unit: 'BRL' },
  // Real-estate funds (FIIs)
  fii_mandate: { label: 'Mandato', unit: 'text' },
  fii_management: { label: 'Gestão', unit: 'text' },
  ffo_yield: { label: 'FFO yield', unit: 'pct' },
  ffo_per_share: { label: 'FFO/Cota', unit: 'BRL' },
  dividend_per_share_12m: { label: 'Dividendo/Cota (12 meses)', unit: 'BRL' },
  nav_per_share: { label: 'VP/Cota', unit: 'BRL' },
  fii_properties: { label: 'Quantidade de imóveis', unit: 'count' },
  fii_area_m2: { label: 'Área (m²)', unit: 'count' },
  fii_rent_per_m2: { label: 'Aluguel por m²', unit: 'BRL' },
  fii_price_per_m2: { label: 'Preço do m²', unit: 'BRL' },
  fii_cap_rate: { label: 'Cap rate', unit: 'pct' },
  fii_vacancy: { label: 'Vacância média', unit: 'pct' },
  ffo_12m: { label: 'FFO (12 meses)', unit: 'BRL' },
  ffo_3m: { label: 'FFO (3 meses)', unit: 'BRL' },
  rent_revenue_12m: { label: 'Receita de aluguel (12 meses)', unit: 'BRL' },
  rent_revenue_3m: { label: 'Receita de aluguel (3 meses)', unit: 'BRL' },
  distributed_12m: { label: 'Rendimento distribuído (12 meses)', unit: 'BRL' },
  distributed_3m: { label: 'Rendimento distribuído (3 meses)', unit: 'BRL' },
  real_estate_assets: { label: 'Imóveis', unit: 'BRL' },
  // Liquidity
  liquidity_2m: { label: 'Liquidez média diária (2 meses)', unit: 'BRL' },
  liquidity_30d: { label: 'Liquidez média diária (30 dias)', unit: 'BRL' },
} as const satisfies Record<string, FundamentalKey>;

export type FundamentalKeyName = keyof typeof FUNDAMENTAL_KEYS;

export function isFundamentalKey(key: string): key is FundamentalKeyName {
  return Object.hasOwn(FUNDAMENTAL_KEYS, key);
}
