/**
 * The metrics computed from the filings, each with the named numbers it used and its definition.
 * Keys are the standard keys of `services/sources/fundamental-keys.ts`, plus `payout` (not there
 * yet). Percent metrics are percentage points (33.2 = 33.2%). A metric is null, with a reason, when
 * an input is missing or its denominator is ≤ 0 where the ratio would mean nothing.
 *
 * Which net income: ratios per shareholder (LPA, P/L, VPA, P/VP, ROE, payout, earnings CAGR) use the
 * income attributable to the controlling shareholders (DRE 3.11.01, else 3.11) and the equity
 * without non-controlling interests; ratios of the whole company (net margin, ROA, ROIC, leverage)
 * use the consolidated 3.11 and the whole 2.03, matching the consolidated EBIT, debt and assets.
 */

export type Bases = Record<(typeof BASE_NAMES)[number], number | null>;

export const BASE_NAMES = [
  'price',
  'shares',
  'market_cap',
  'firm_value',
  'revenue_12m',
  'gross_profit_12m',
  'ebit_12m',
  'da_12m',
  'ebitda_12m',
  'net_income_12m',
  'net_income_parent_12m',
  'revenue_3m',
  'ebit_3m',
  'net_income_3m',
  'total_assets',
  'current_assets',
  'current_liabilities',
  'cash',
  'gross_debt',
  'net_debt',
  'equity',
  'equity_parent',
  'dps_12m',
  'revenue_fy',
  'revenue_fy_5y_ago',
  'net_income_parent_fy',
  'net_income_parent_fy_5y_ago',
  'tax_rate_pct',
] as const;

export interface ComputedMetric {
  key: string;
  value: number | null;
  inputs: Record<string, number | null>;
  definition: string;
  reason?: string;
}

type Num = Record<string, number>;
const at = (x: Num, k: string): number => x[k] ?? Number.NaN;

function build(
  key: string,
  definition: string,
  inputs: Record<string, number | null>,
  f: (x: Num) => number | string,
): ComputedMetric {
  const missing = Object.keys(inputs).filter((k) => {
    const v = inputs[k];
    return v === null || v === undefined || !Number.isFinite(v);
  });
  if (missing.length > 0)
    return { key, value: null, inputs, definition, reason: `missing: ${missing.join(', ')}` };
  const out = f(inputs as Num);
  if (typeof out === 'string') return { key, value: null, inputs, definition, reason: out };
  return { key, value: out, inputs, definition };
}

/** num / den × scale; null (with the reason) when den ≤ 0. */
const ratio =
  (num: string, den: string, scale = 1) =>
  (x: Num): number | string =>
    at(x, den) <= 0 ? `${den} ≤ 0` : (at(x, num) / at(x, den)) * scale;

const cagr =
  (last: string, first: string) =>
  (x: Num): number | string => {
    if (at(x, first) <= 0 || at(x, last) <= 0) return `${first} and ${last} must both be > 0`;
    return ((at(x, last) / at(x, first)) ** (1 / at(x, 'years')) - 1) * 100;
  };

export function computeMetrics(b: Bases): ComputedMetric[] {
  const lpa = build(
    'lpa',
    'LPA = net income attributable to controlling shareholders (DRE 3.11.01, else 3.11), last 12 months ÷ shares outstanding',
    pick(b, 'net_income_parent_12m', 'shares'),
    ratio('net_income_parent_12m', 'shares'),
  );
  const vpa = build(
    'vpa',
    'VPA = equity of the controlling shareholders (BPP 2.03 − non-controlling interests) ÷ shares outstanding',
    pick(b, 'equity_parent', 'shares'),
    ratio('equity_parent', 'shares'),
  );
  const tax = (b.tax_rate_pct ?? 34) / 100;
  const nopat = b.ebit_12m === null ? null : b.ebit_12m * (1 - tax);
  const invested = b.equity === null || b.net_debt === null ? null : b.equity + b.net_debt;
  return [
    lpa,
    vpa,
    build(
      'pl',
      'P/L = price ÷ LPA (null when LPA ≤ 0)',
      { price: b.price, lpa: lpa.value },
      ratio('price', 'lpa'),
    ),
    build(
      'pvp',
      'P/VP = price ÷ VPA (null when VPA ≤ 0)',
      { price: b.price, vpa: vpa.value },
      ratio('price', 'vpa'),
    ),
    build(
      'psr',
      'PSR = market cap (price × shares) ÷ net revenue (DRE 3.01), last 12 months',
      pick(b, 'market_cap', 'revenue_12m'),
      ratio('market_cap', 'revenue_12m'),
    ),
    build(
      'ev_ebit',
      'EV/EBIT: EV = market cap + net debt; EBIT = DRE 3.05 (result before financial result and taxes), last 12 months',
      pick(b, 'firm_value', 'ebit_12m', 'market_cap', 'net_debt'),
      ratio('firm_value', 'ebit_12m'),
    ),
    build(
      'ev_ebitda',
      'EV/EBITDA: EBITDA = EBIT + depreciation and amortization (DFC 6.01.01 lines), last 12 months',
      pick(b, 'firm_value', 'ebitda_12m', 'ebit_12m', 'da_12m'),
      ratio('firm_value', 'ebitda_12m'),
    ),
    build(
      'roe',
      'ROE = net income to controlling shareholders, last 12 months ÷ their equity at the latest balance sheet',
      pick(b, 'net_income_parent_12m', 'equity_parent'),
      ratio('net_income_parent_12m', 'equity_parent', 100),
    ),
    build(
      'roa',
      'ROA = consolidated net income (DRE 3.11), last 12 months ÷ total assets (BPA 1) at the latest balance sheet',
      pick(b, 'net_income_12m', 'total_assets'),
      ratio('net_income_12m', 'total_assets', 100),
    ),
    build(
      'roic',
      'ROIC = NOPAT ÷ invested capital; NOPAT = EBIT, last 12 months × (1 − nominal IRPJ+CSLL rate, 34% by default); invested capital = total equity (BPP 2.03) + net debt at the latest balance sheet',
      {
        nopat,
        invested_capital: invested,
        ebit_12m: b.ebit_12m,
        tax_rate_pct: tax * 100,
        equity: b.equity,
        net_debt: b.net_debt,
      },
      ratio('nopat', 'invested_capital', 100),
    ),
    build(
      'gross_margin',
      'Gross margin = gross profit (DRE 3.03) ÷ net revenue (DRE 3.01), last 12 months',
      pick(b, 'gross_profit_12m', 'revenue_12m'),
      ratio('gross_profit_12m', 'revenue_12m', 100),
    ),
    build(
      'ebit_margin',
      'EBIT margin = EBIT (DRE 3.05) ÷ net revenue, last 12 months',
      pick(b, 'ebit_12m', 'revenue_12m'),
      ratio('ebit_12m', 'revenue_12m', 100),
    ),
    build(
      'ebitda_margin',
      'EBITDA margin = (EBIT + D&A) ÷ net revenue, last 12 months',
      pick(b, 'ebitda_12m', 'revenue_12m'),
      ratio('ebitda_12m', 'revenue_12m', 100),
    ),
    build(
      'net_margin',
      'Net margin = consolidated net income (DRE 3.11) ÷ net revenue, last 12 months',
      pick(b, 'net_income_12m', 'revenue_12m'),
      ratio('net_income_12m', 'revenue_12m', 100),
    ),
    build(
      'net_debt_to_equity',
      'Net debt ÷ total equity (BPP 2.03, with non-controlling interests)',
      pick(b, 'net_debt', 'equity'),
      ratio('net_debt', 'equity'),
    ),
    build(
      'net_debt_to_ebitda',
      'Net debt ÷ EBITDA, last 12 months (null when EBITDA ≤ 0)',
      pick(b, 'net_debt', 'ebitda_12m'),
      ratio('net_debt', 'ebitda_12m'),
    ),
    build(
      'current_ratio',
      'Current ratio = current assets (BPA 1.01) ÷ current liabilities (BPP 2.01)',
      pick(b, 'current_assets', 'current_liabilities'),
      ratio('current_assets', 'current_liabilities'),
    ),
    build(
      'dy',
      'DY = cash distributions per share with ex-date in the last 12 months (dividends + gross JCP) ÷ price',
      pick(b, 'dps_12m', 'price'),
      ratio('dps_12m', 'price', 100),
    ),
    build(
      'payout',
      'Payout = cash distributions per share, last 12 months ÷ LPA (null when LPA ≤ 0)',
      { dps_12m: b.dps_12m, lpa: lpa.value },
      ratio('dps_12m', 'lpa', 100),
    ),
    build(
      'revenue_cagr_5y',
      'Revenue CAGR = (net revenue of the latest fiscal year (DFP) ÷ that of 5 years before)^(1/5) − 1',
      { ...pick(b, 'revenue_fy', 'revenue_fy_5y_ago'), years: 5 },
      cagr('revenue_fy', 'revenue_fy_5y_ago'),
    ),
    build(
      'earnings_cagr_5y',
      'Earnings CAGR = (net income to controlling shareholders of the latest fiscal year ÷ that of 5 years before)^(1/5) − 1 (null unless both > 0)',
      { ...pick(b, 'net_income_parent_fy', 'net_income_parent_fy_5y_ago'), years: 5 },
      cagr('net_income_parent_fy', 'net_income_parent_fy_5y_ago'),
    ),
    ...baseMetrics(b),
  ];
}

function pick(b: Bases, ...names: (keyof Bases)[]): Record<string, number | null> {
  return Object.fromEntries(names.map((n) => [n, b[n]]));
}

/** Base amounts published under standard keys too, so they can be compared with the sites. */
const BASE_KEYS: readonly [keyof Bases, string][] = [
  ['market_cap', 'Market cap = price × shares outstanding'],
  ['firm_value', 'Firm value (EV) = market cap + net debt'],
  [
    'net_debt',
    'Net debt = loans and financing, short (BPP 2.01.04) + long term (2.02.01) − cash and equivalents (BPA 1.01.01) − short-term financial investments (1.01.02)',
  ],
  ['gross_debt', 'Gross debt = loans and financing, short (BPP 2.01.04) + long term (2.02.01)'],
  ['cash', 'Cash = cash and equivalents (BPA 1.01.01) + short-term financial investments (1.01.02)'],
  ['equity', 'Total equity (BPP 2.03), with non-controlling interests'],
  ['total_assets', 'Total assets (BPA 1)'],
  ['current_assets', 'Current assets (BPA 1.01)'],
  ['revenue_12m', 'Net revenue (DRE 3.01), sum of the last 4 quarters'],
  ['ebit_12m', 'EBIT (DRE 3.05), sum of the last 4 quarters'],
  ['net_income_12m', 'Consolidated net income (DRE 3.11), sum of the last 4 quarters'],
  ['revenue_3m', 'Net revenue (DRE 3.01) of the latest quarter'],
  ['ebit_3m', 'EBIT (DRE 3.05) of the latest quarter'],
  ['net_income_3m', 'Consolidated net income (DRE 3.11) of the latest quarter'],
];

function baseMetrics(b: Bases): ComputedMetric[] {
  return BASE_KEYS.map(([key, definition]) => build(key, definition, { [key]: b[key] }, (x) => at(x, key)));
}
