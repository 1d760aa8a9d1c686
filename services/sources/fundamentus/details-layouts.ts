import type { FundamentalKeyName } from '../fundamental-keys';

/**
 * The labels of each detalhes.php layout and the standard key each one fills. A slot is the label,
 * qualified where the page repeats it: `osc:Dia` for the "Oscilações" column, `Receita Líquida @12m`
 * for the value under "Últimos 12 meses". `ticker` is the page's own code (checked, not stored);
 * `extra` keeps the label in `extra` (no standard key yet) but still demands it when `required`.
 */
export type Layout = 'company' | 'bank' | 'fii';

export interface SlotRule {
  slot: string;
  key: FundamentalKeyName | 'ticker' | 'extra';
  /** For `extra` slots: how the value reads. Standard keys take the unit of `fundamental-keys.ts`. */
  unit?: 'date' | 'pct' | 'number';
  required: boolean;
}

const rule = (slot: string, key: SlotRule['key'], required = true, unit?: SlotRule['unit']): SlotRule =>
  unit ? { slot, key, required, unit } : { slot, key, required };

/** Price changes: the year rows ("2026", "2025"…) have no standard key and go to `extra`. */
const OSCILLATIONS: SlotRule[] = [
  rule('osc:Dia', 'change_day'),
  rule('osc:Mês', 'change_month'),
  rule('osc:30 dias', 'change_30d'),
  rule('osc:12 meses', 'change_12m'),
];

/** The header tables a company and a bank share. */
const STOCK_HEADER: SlotRule[] = [
  rule('Papel', 'ticker'),
  rule('Cotação', 'price'),
  rule('Tipo', 'share_type'),
  rule('Data últ cot', 'price_date'),
  rule('Empresa', 'company_name'),
  rule('Min 52 sem', 'min_52w'),
  rule('Setor', 'sector'),
  rule('Max 52 sem', 'max_52w'),
  rule('Subsetor', 'subsector'),
  rule('Vol $ méd (2m)', 'avg_volume_2m'),
  rule('Valor de mercado', 'market_cap'),
  rule('Últ balanço processado', 'last_balance_date'),
  rule('Valor da firma', 'firm_value'),
  rule('Nro. Ações', 'shares_outstanding'),
  ...OSCILLATIONS,
];

/** Indicators as a company page shows them; a bank shows the same labels, most with "-". */
const STOCK_INDICATORS: [string, FundamentalKeyName][] = [
  ['P/L', 'pl'],
  ['LPA', 'lpa'],
  ['P/VP', 'pvp'],
  ['VPA', 'vpa'],
  ['P/EBIT', 'p_ebit'],
  ['Marg. Bruta', 'gross_margin'],
  ['PSR', 'psr'],
  ['Marg. EBIT', 'ebit_margin'],
  ['P/Ativos', 'p_assets'],
  ['Marg. Líquida', 'net_margin'],
  ['P/Cap. Giro', 'p_working_capital'],
  ['EBIT / Ativo', 'ebit_to_assets'],
  ['P/Ativ Circ Liq', 'p_net_current_assets'],
  ['ROIC', 'roic'],
  ['Div. Yield', 'dy'],
  ['ROE', 'roe'],
  ['EV / EBITDA', 'ev_ebitda'],
  ['Liquidez Corr', 'current_ratio'],
  ['EV / EBIT', 'ev_ebit'],
  ['Dív Líq / Patrim', 'net_debt_to_equity'],
  ['Cres. Rec (5a)', 'revenue_cagr_5y'],
  ['Giro Ativos', 'asset_turnover'],
];

/** What a bank page must show besides its header; its other indicators are "-" and optional. */
const BANK_REQUIRED_INDICATORS = new Set(['P/L', 'LPA', 'P/VP', 'VPA', 'Div. Yield', 'ROE']);

const both = (label: string, k12: FundamentalKeyName | 'extra', k3: FundamentalKeyName | 'extra') => [
  rule(`${label} @12m`, k12, true, k12 === 'extra' ? 'number' : undefined),
  rule(`${label} @3m`, k3, true, k3 === 'extra' ? 'number' : undefined),
];

export const LAYOUT_RULES: Record<Layout, SlotRule[]> = {
  company: [
    ...STOCK_HEADER,
    ...STOCK_INDICATORS.map(([label, key]) => rule(label, key)),
    // Older pages showed gross debt over equity in this place.
    rule('Div Br/ Patrim', 'gross_debt_to_equity', false),
    rule('Ativo', 'total_assets'),
    rule('Dív. Bruta', 'gross_debt'),
    rule('Disponibilidades', 'cash'),
    rule('Dív. Líquida', 'net_debt'),
    rule('Ativo Circulante', 'current_assets'),
    rule('Patrim. Líq', 'equity'),
    ...both('Receita Líquida', 'revenue_12m', 'revenue_3m'),
    ...both('EBIT', 'ebit_12m', 'ebit_3m'),
    ...both('Lucro Líquido', 'net_income_12m', 'net_income_3m'),
  ],
  bank: [
    ...STOCK_HEADER,
    ...STOCK_INDICATORS.map(([label, key]) => rule(label, key, BANK_REQUIRED_INDICATORS.has(label))),
    rule('Ativo', 'total_assets'),
    rule('Cart. de Crédito', 'loan_book'),
    rule('Depósitos', 'deposits'),
    rule('Patrim. Líq', 'equity'),
    ...both('Result Int Financ', 'financial_result_12m', 'financial_result_3m'),
    ...both('Rec Serviços', 'service_revenue_12m', 'service_revenue_3m'),
    ...both('Lucro Líquido', 'net_income_12m', 'net_income_3m'),
  ],
  fii: [
    rule('FII', 'ticker'),
    rule('Cotação', 'price'),
    rule('Nome', 'company_name'),
    rule('Data últ cot', 'price_date'),
    rule('Mandato', 'fii_mandate'),
    rule('Min 52 sem', 'min_52w'),
    rule('Segmento', 'segment'),
    rule('Max 52 sem', 'max_52w'),
    rule('Gestão', 'fii_management'),
    rule('Vol $ méd (2m)', 'avg_volume_2m'),
    rule('Valor de mercado', 'market_cap'),
    rule('Nro. Cotas', 'shares_outstanding'),
    // Report dates: no standard key says "last monthly report" or "last quarterly report".
    rule('Relatório', 'extra', false, 'date'),
    rule('Últ Info Trimestral', 'extra', false, 'date'),
    ...OSCILLATIONS,
    rule('FFO Yield', 'ffo_yield'),
    rule('FFO/Cota', 'ffo_per_share'),
    rule('Div. Yield', 'dy'),
    rule('Dividendo/cota', 'dividend_per_share_12m'),
    rule('P/VP', 'pvp'),
    rule('VP/Cota', 'nav_per_share'),
    // "Receita" is all the fund's revenue, not rent only; asset sales have no key.
    ...both('Receita', 'extra', 'extra'),
    ...both('Venda de ativos', 'extra', 'extra'),
    ...both('FFO', 'ffo_12m', 'ffo_3m'),
    ...both('Rend. Distribuído', 'distributed_12m', 'distributed_3m'),
    rule('Ativos', 'total_assets'),
    rule('Patrim Líquido', 'equity'),
    // The real-estate block: absent or "-" for funds that hold papers, not buildings.
    rule('Qtd imóveis', 'fii_properties', false),
    rule('Qtd Unidades', 'extra', false, 'number'),
    rule('Imóveis/PL do FII', 'extra', false, 'pct'),
    rule('Área (m2)', 'fii_area_m2', false),
    rule('Aluguel/m2', 'fii_rent_per_m2', false),
    rule('Preço do m2', 'fii_price_per_m2', false),
    rule('Cap Rate', 'fii_cap_rate', false),
    rule('Vacância Média', 'fii_vacancy', false),
  ],
};

/** Labels that tell the layouts apart; a page carrying marks of two layouts is refused. */
export const LAYOUT_MARKS: Record<Layout, string[]> = {
  fii: ['FII', 'FFO Yield', 'FFO/Cota', 'VP/Cota'],
  bank: ['Result Int Financ', 'Cart. de Crédito', 'Rec Serviços', 'Depósitos'],
  company: ['Dív. Bruta', 'Ativo Circulante', 'Receita Líquida', 'Disponibilidades'],
};
