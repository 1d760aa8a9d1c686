import type { Locale } from './format';
import { metricLabel } from './metric-labels';

/**
 * Names of the fundamentals keys the asset page's groups show that metric-labels.ts does not name
 * (the sources' catalogue has them in Portuguese only), in both languages.
 */
const MORE: Record<string, readonly [pt: string, en: string]> = {
  peg: ['PEG ratio', 'PEG ratio'],
  p_ebitda: ['P/EBITDA', 'P/EBITDA'],
  p_assets: ['P/Ativos', 'P/Assets'],
  p_working_capital: ['P/Capital de giro', 'P/Working capital'],
  p_net_current_assets: ['P/Ativo circulante líquido', 'P/Net current assets'],
  equity_to_assets: ['Patrimônio/Ativos', 'Equity/Assets'],
  liabilities_to_assets: ['Passivos/Ativos', 'Liabilities/Assets'],
  ebit_to_assets: ['EBIT/Ativo', 'EBIT/Assets'],
  asset_turnover: ['Giro dos ativos', 'Asset turnover'],
  price_date: ['Data da última cotação', 'Last quote date'],
  change_day: ['Oscilação dia', 'Daily change'],
  change_month: ['Oscilação mês', 'Month change'],
  change_30d: ['Oscilação 30 dias', '30-day change'],
  change_12m: ['Oscilação 12 meses', '12-month change'],
  min_52w: ['Mínima 52 semanas', '52-week low'],
  max_52w: ['Máxima 52 semanas', '52-week high'],
  liquidity_30d: ['Liquidez média diária (30 dias)', 'Average daily liquidity (30 days)'],
  last_balance_date: ['Data do último balanço', 'Last balance sheet date'],
  total_assets: ['Ativo', 'Total assets'],
  current_assets: ['Ativo circulante', 'Current assets'],
  cash: ['Disponibilidades', 'Cash'],
  revenue_3m: ['Receita líquida (3 meses)', 'Net revenue (3 months)'],
  ebit_3m: ['EBIT (3 meses)', 'EBIT (3 months)'],
  net_income_3m: ['Lucro líquido (3 meses)', 'Net income (3 months)'],
};

/** A fundamentals key's name in the language; `fallback` (the source's label) when none is known. */
export function fundamentalLabel(key: string, locale: Locale, fallback: string): string {
  const known = metricLabel(key, locale);
  if (known !== key) return known;
  const more = Object.hasOwn(MORE, key) ? MORE[key] : undefined;
  if (more) return locale === 'en' ? more[1] : more[0];
  return fallback;
}
