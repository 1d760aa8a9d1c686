/**
 * The fields Compare and the screener offer, in named groups as Status Invest groups its indicators
 * (valuation, debt, efficiency, profitability, growth), plus market figures and technical readings.
 * The keys are the standard ones (services/sources/fundamental-keys.ts); labels: metric-labels.ts.
 */
export const FIELD_GROUPS = [
  {
    id: 'valuation',
    fields: [
      'dy',
      'pl',
      'peg',
      'pvp',
      'ev_ebitda',
      'ev_ebit',
      'p_ebitda',
      'p_ebit',
      'vpa',
      'p_assets',
      'lpa',
      'psr',
    ],
  },
  {
    id: 'debt',
    fields: [
      'net_debt_to_equity',
      'net_debt_to_ebitda',
      'net_debt_to_ebit',
      'gross_debt_to_equity',
      'equity_to_assets',
      'liabilities_to_assets',
      'current_ratio',
    ],
  },
  { id: 'efficiency', fields: ['gross_margin', 'ebitda_margin', 'ebit_margin', 'net_margin'] },
  { id: 'profitability', fields: ['roe', 'roa', 'roic', 'asset_turnover', 'payout'] },
  { id: 'growth', fields: ['revenue_cagr_5y', 'earnings_cagr_5y'] },
  { id: 'market', fields: ['price', 'market_cap', 'liquidity_2m', 'avg_volume_2m', 'magic_formula_rank'] },
  {
    id: 'technical',
    fields: [
      'rsi_14',
      'sma_20',
      'sma_50',
      'sma_200',
      'ema_21',
      'atr_14',
      'trend_strength',
      'close_vs_sma_200_pct',
    ],
  },
] as const;

export type FieldGroupId = (typeof FIELD_GROUPS)[number]['id'];

/** Every field of the groups, in group order. */
export const GROUPED_FIELDS: readonly string[] = FIELD_GROUPS.flatMap((g) => g.fields);

/** The group a field belongs to (undefined for a key outside the lists). */
export function groupOf(field: string): FieldGroupId | undefined {
  return FIELD_GROUPS.find((g) => (g.fields as readonly string[]).includes(field))?.id;
}

/** Fields technical readings compute (Compare has no technical values per row). */
export const FUNDAMENTAL_GROUPS = FIELD_GROUPS.filter((g) => g.id !== 'technical');
