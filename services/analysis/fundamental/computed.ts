/**
 * Fundamentals computed from CVM filings and B3 prices (`source: "computed"`), point in time.
 *
 * - Filings: the latest version of each DFP/ITR delivered by `asOf` (see `filings.ts`).
 * - Flows (revenue, EBIT, net income, D&A, capex): trailing twelve months = the four quarters ending
 *   on the latest quarter end whose consolidated net income can be assembled (see `periods.ts`);
 *   the three-month values are that last quarter's.
 * - Balance-sheet items: the latest filing with a balance sheet.
 * - 5-year CAGRs: the latest fiscal year filed (DFP) against the fiscal year ending 60 months before.
 * - Dividends: ex-dates in the 12 months to `asOf`; price and shares as given (shares outstanding of
 *   all classes, treasury shares excluded, is the caller's choice).
 * Definitions of every metric: `computed-metrics.ts`; accounts used: `accounts.ts`.
 */
import { balanceRows, flowRows, type BalanceItem, type FlowItem } from './accounts';
import { computeMetrics, type Bases, type ComputedMetric } from './computed-metrics';
import { dayOf, endOfMonth } from './dates';
import { dividendsInWindow } from './dividends';
import { filingsAsOf, type Basis, type Filing } from './filings';
import { PeriodStore, twelveMonthStart } from './periods';
import type { DividendLine, DocumentKind, FilingDelivery, StatementLine } from './statement-types';

export interface ComputeInput {
  /** One company's statement lines, every version (the choice is made here). */
  statements: readonly StatementLine[];
  deliveries?: readonly FilingDelivery[];
  /** The day the computation stands on (YYYY-MM-DD). */
  asOf: string;
  price: number | null;
  shares: number | null;
  dividends?: readonly DividendLine[];
  /** Nominal income-tax rate for NOPAT (ROIC), in percent; IRPJ 25% + CSLL 9% = 34 by default. */
  taxRatePct?: number;
}

export interface FilingUsed {
  document: DocumentKind;
  ref_date: string;
  version: number;
  delivered_at: string;
  delivery_estimated: boolean;
  basis: Record<string, Basis>;
}

/** The inputs a cash-flow valuation needs, from the same filings. */
export interface DcfInputs {
  ebit_12m: number | null;
  da_12m: number | null;
  capex_12m: number | null;
  /** Operating working capital now minus 12 months earlier (current assets − cash − investments −
   * (current liabilities − short-term debt)); positive = cash absorbed. */
  delta_nwc_12m: number | null;
  net_debt: number | null;
  gross_debt: number | null;
  market_cap: number | null;
  shares: number | null;
}

export interface ComputedFundamentals {
  source: 'computed';
  as_of: string;
  ttm_end: string | null;
  balance_date: string | null;
  fiscal_year_end: string | null;
  filings: FilingUsed[];
  metrics: ComputedMetric[];
  /** key → value, the same numbers as `metrics`. */
  values: Record<string, number | null>;
  dcf_inputs: DcfInputs;
}

const sum = (...xs: (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0);

function latestTtmEnd(filings: readonly Filing[], flows: PeriodStore<FlowItem>): string | null {
  const ends = [...new Set(filings.map((f) => f.ref_date))].sort().reverse();
  return ends.find((e) => flows.trailing12('net_income', e) !== null) ?? null;
}

function operatingWorkingCapital(b: PeriodStore<BalanceItem>, date: string): number | null {
  const [ca, cash, investments, cl, shortDebt] = (
    ['current_assets', 'cash', 'financial_investments', 'current_liabilities', 'debt_short'] as const
  ).map((i) => b.direct(i, null, date));
  if (ca == null || cash == null || investments == null || cl == null || shortDebt == null) return null;
  return ca - cash - investments - (cl - shortDebt);
}

export function computeFundamentals(input: ComputeInput): ComputedFundamentals {
  const asOf = dayOf(input.asOf);
  const filings = filingsAsOf(input.statements, input.deliveries ?? [], asOf);
  const flows = new PeriodStore(filings, flowRows);
  const balances = new PeriodStore(filings, balanceRows);

  const ttmEnd = latestTtmEnd(filings, flows);
  const t12 = (i: FlowItem): number | null => (ttmEnd === null ? null : flows.trailing12(i, ttmEnd));
  const q3 = (i: FlowItem): number | null => (ttmEnd === null ? null : flows.quarter(i, ttmEnd));
  const balanceDate =
    [...filings].reverse().find((f) => balances.direct('equity', null, f.ref_date) !== null)?.ref_date ??
    null;
  const bal = (i: BalanceItem): number | null =>
    balanceDate === null ? null : balances.direct(i, null, balanceDate);
  const fyEnd = [...filings].reverse().find((f) => f.document === 'DFP')?.ref_date ?? null;
  const fy5 = fyEnd === null ? null : endOfMonth(fyEnd, -60);
  const annual = (i: FlowItem, end: string | null): number | null =>
    end === null ? null : flows.span(i, twelveMonthStart(end), end);

  const price = input.price;
  const shares = input.shares;
  const marketCap = price === null || shares === null ? null : price * shares;
  const grossDebt = sum(bal('debt_short'), bal('debt_long'));
  const cash = sum(bal('cash'), bal('financial_investments'));
  const netDebt = grossDebt === null || cash === null ? null : grossDebt - cash;
  const equity = bal('equity');
  const minority = equity === null ? null : (bal('minority_interest') ?? 0);
  const ebit = t12('ebit');
  const da = t12('da');
  const dps = dividendsInWindow(input.dividends ?? [], asOf, 12).per_share;

  const bases: Bases = {
    price,
    shares,
    market_cap: marketCap,
    firm_value: marketCap === null || netDebt === null ? null : marketCap + netDebt,
    revenue_12m: t12('revenue'),
    gross_profit_12m: t12('gross_profit'),
    ebit_12m: ebit,
    da_12m: da,
    ebitda_12m: sum(ebit, da),
    net_income_12m: t12('net_income'),
    net_income_parent_12m: t12('net_income_parent'),
    revenue_3m: q3('revenue'),
    ebit_3m: q3('ebit'),
    net_income_3m: q3('net_income'),
    total_assets: bal('total_assets'),
    current_assets: bal('current_assets'),
    current_liabilities: bal('current_liabilities'),
    cash,
    gross_debt: grossDebt,
    net_debt: netDebt,
    equity,
    equity_parent: equity === null || minority === null ? null : equity - minority,
    dps_12m: input.dividends === undefined ? null : dps,
    revenue_fy: annual('revenue', fyEnd),
    revenue_fy_5y_ago: annual('revenue', fy5),
    net_income_parent_fy: annual('net_income_parent', fyEnd),
    net_income_parent_fy_5y_ago: annual('net_income_parent', fy5),
    tax_rate_pct: input.taxRatePct ?? 34,
  };
  const metrics = computeMetrics(bases);
  const nwcNow = balanceDate === null ? null : operatingWorkingCapital(balances, balanceDate);
  const nwcBefore =
    balanceDate === null ? null : operatingWorkingCapital(balances, endOfMonth(balanceDate, -12));
  return {
    source: 'computed',
    as_of: asOf,
    ttm_end: ttmEnd,
    balance_date: balanceDate,
    fiscal_year_end: fyEnd,
    filings: filings.map(({ document, ref_date, version, delivered_at, delivery_estimated, basis }) => ({
      document,
      ref_date,
      version,
      delivered_at,
      delivery_estimated,
      basis,
    })),
    metrics,
    values: Object.fromEntries(metrics.map((m) => [m.key, m.value])),
    dcf_inputs: {
      ebit_12m: ebit,
      da_12m: da,
      capex_12m: t12('capex'),
      delta_nwc_12m: nwcNow === null || nwcBefore === null ? null : nwcNow - nwcBefore,
      net_debt: netDebt,
      gross_debt: grossDebt,
      market_cap: marketCap,
      shares,
    },
  };
}
