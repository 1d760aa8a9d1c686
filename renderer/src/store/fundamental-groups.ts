import type { Output } from '../../../services/contract';
import type { FundamentalBlock } from './analysis-blocks';
import type { ConsensusRow } from './consensus-rows';
import { sourceColumns, type Fundamentals } from './fundamentals-store';

/**
 * The asset page's fundamentals grouped as Status Invest groups them (valuation, debt, efficiency,
 * profitability, growth), then the market data, the balance sheet and results, and the rest; and
 * which of the table's columns say something for this ticker (issue 15, item 8).
 */
export const FUNDAMENTAL_GROUPS = {
  valuation: [
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
    'p_working_capital',
    'p_net_current_assets',
    'payout',
  ],
  debt: [
    'net_debt_to_equity',
    'net_debt_to_ebitda',
    'net_debt_to_ebit',
    'gross_debt_to_equity',
    'equity_to_assets',
    'liabilities_to_assets',
    'current_ratio',
  ],
  efficiency: ['gross_margin', 'ebitda_margin', 'ebit_margin', 'net_margin'],
  profitability: ['roe', 'roa', 'roic', 'ebit_to_assets', 'asset_turnover'],
  growth: ['revenue_cagr_5y', 'earnings_cagr_5y'],
  market: [
    'price',
    'price_date',
    'change_day',
    'change_month',
    'change_30d',
    'change_12m',
    'min_52w',
    'max_52w',
    'market_cap',
    'firm_value',
    'shares_outstanding',
    'avg_volume_2m',
    'liquidity_2m',
    'liquidity_30d',
  ],
  balance: [
    'total_assets',
    'current_assets',
    'cash',
    'gross_debt',
    'net_debt',
    'equity',
    'revenue_12m',
    'ebit_12m',
    'net_income_12m',
    'revenue_3m',
    'ebit_3m',
    'net_income_3m',
    'last_balance_date',
  ],
  other: [] as string[],
} as const satisfies Record<string, readonly string[]>;

export type GroupId = keyof typeof FUNDAMENTAL_GROUPS;
export const GROUP_IDS = Object.keys(FUNDAMENTAL_GROUPS) as GroupId[];
/** The five groups Status Invest shows; the others start folded. */
export const MAIN_GROUPS: readonly GroupId[] = ['valuation', 'debt', 'efficiency', 'profitability', 'growth'];

/** Company identity shown in the header, not in a table. */
const HEADER_KEYS = new Set(['company_name', 'share_type', 'sector', 'subsector', 'segment']);

const groupOf = new Map<string, GroupId>(
  GROUP_IDS.flatMap((g) => FUNDAMENTAL_GROUPS[g].map((k): [string, GroupId] => [k, g])),
);

export interface RowGroup {
  id: GroupId;
  rows: ConsensusRow[];
}

/**
 * The rows by group, each group in its catalogue order (unknown keys last, in the given order);
 * groups with no row are left out; the company's identity (name, sector…) is left to the header.
 */
export function groupRows(rows: readonly ConsensusRow[]): RowGroup[] {
  const by = new Map<GroupId, ConsensusRow[]>();
  for (const r of rows) {
    if (HEADER_KEYS.has(r.key)) continue;
    const g = groupOf.get(r.key) ?? 'other';
    (by.get(g) ?? by.set(g, []).get(g)!).push(r);
  }
  return GROUP_IDS.filter((g) => by.has(g)).map((id) => {
    const order: readonly string[] = FUNDAMENTAL_GROUPS[id];
    const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : order.length);
    const list = by.get(id)!;
    return {
      id,
      rows: list
        .map((r, i) => ({ r, i }))
        .sort((a, b) => rank(a.r.key) - rank(b.r.key) || a.i - b.i)
        .map((x) => x.r),
    };
  });
}

export type History = Output<'fundamentals.history'>;

export interface TableColumns {
  /** Confidence and number of sources, and one column per source: only when some value has 2+ sources. */
  consensus: boolean;
  /** The per-source columns shown (none with a single source: the value column is that source). */
  sources: string[];
  /** The value computed from the CVM filings and its difference: only when some value was computed. */
  computed: boolean;
  /** The yearly chart: only when some metric of these rows has 2 or more years. */
  history: boolean;
}

/** Distinct sources behind a row: the consensus' sources, else the sites' own values. */
function rowSources(r: ConsensusRow): number {
  if (r.consensus) return r.consensus.source_count;
  return new Set((r.metric?.values ?? []).filter((v) => v.value !== null).map((v) => v.source)).size;
}

/** Which columns add something, for the whole table (every group shows the same columns). */
export function tableColumns(
  rows: readonly ConsensusRow[],
  data: Fundamentals | null,
  block: FundamentalBlock | null,
  history: History | null,
): TableColumns {
  const consensus = rows.some((r) => rowSources(r) > 1);
  const computed = (block?.computed?.metrics ?? []).some((m) => m.value !== null);
  const keys = new Set(rows.map((r) => r.key));
  const multiYear = (history?.metrics ?? []).some((m) => keys.has(m.key) && m.years.length >= 2);
  return {
    consensus,
    sources: consensus && data ? sourceColumns(data) : [],
    computed,
    history: multiYear,
  };
}

/** The years of the whole history (for the note when no metric has two years). */
export function historyYears(history: History | null): number[] {
  const years = new Set<number>();
  for (const m of history?.metrics ?? []) for (const y of m.years) years.add(y.year);
  return [...years].sort((a, b) => a - b);
}
