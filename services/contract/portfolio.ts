import { z } from 'zod';
import { IsoDate, Ticker } from './models';

/**
 * Portfolio data: private to this machine (issue 18). Every table holding it is listed in
 * PRIVATE_TABLES; a sync must leave these out unless the user turns portfolio sync on.
 */
export const PRIVATE_TABLES = [
  'portfolios',
  'portfolio_transactions',
  'portfolio_imports',
  'alert_rules',
  'alert_events',
] as const;

export const PortfolioId = z.number().int().positive();

export const Portfolio = z.object({
  id: PortfolioId,
  name: z.string().min(1).max(100),
  created_at: z.string(),
  /** Off unless the user turns it on: a sync must skip this portfolio's rows otherwise. */
  sync_enabled: z.boolean(),
});
export type Portfolio = z.infer<typeof Portfolio>;

/** Tax category of an asset: common stocks, real-estate funds, index funds and BDRs. */
export const AssetClass = z.enum(['stock', 'fii', 'etf', 'bdr']);
export type AssetClass = z.infer<typeof AssetClass>;

export const TransactionKind = z.enum([
  'buy',
  'sell',
  /** A fee not tied to one trade (custody, for instance); trade fees go in the trade's `fees`. */
  'fee',
  'dividend',
  'jcp',
  'fii_income',
  /** Bonus shares: `quantity` new shares at `price` each, the cost the company states. */
  'bonus',
  /** Split (`ratio` > 1) or reverse split (`ratio` < 1): quantity × ratio, total cost unchanged. */
  'split',
  'subscription',
  'transfer_in',
  'transfer_out',
  /** A settlement row of the movements file: counted only when no trade explains it. */
  'settlement_in',
  'settlement_out',
]);
export type TransactionKind = z.infer<typeof TransactionKind>;

const Money = z.number().finite();

export const TransactionInput = z.object({
  date: IsoDate,
  kind: TransactionKind,
  ticker: Ticker,
  quantity: z.number().finite().nonnegative().default(0),
  /** Unit price (trades, bonus stated cost, per-share income). */
  price: Money.nonnegative().default(0),
  /** Gross amount for income (dividends, JCP before withholding), or the trade's value. */
  amount: Money.default(0),
  fees: Money.nonnegative().default(0),
  /** Income tax withheld at source (JCP 15%, the sale's 0.005% or the day trade's 1%). */
  withheld: Money.nonnegative().default(0),
  ratio: z.number().finite().positive().optional(),
  asset_class: AssetClass.optional(),
  broker: z.string().max(200).optional(),
  note: z.string().max(500).optional(),
});
export type TransactionInput = z.input<typeof TransactionInput>;
export type Transaction = z.output<typeof TransactionInput> & { id?: number; source?: string };

export const StoredTransaction = TransactionInput.extend({
  id: z.number().int(),
  portfolio_id: PortfolioId,
  source: z.string(),
  row_key: z.string(),
});

export const Position = z.object({
  ticker: Ticker,
  asset_class: AssetClass,
  /** How the class was known: the user's or the file's word, or the ticker's form (a guess to check). */
  class_from: z.enum(['given', 'name', 'ticker']),
  quantity: z.number(),
  average_cost: z.number(),
  total_cost: z.number(),
  last_price: z.number().nullable(),
  last_price_date: IsoDate.nullable(),
  market_value: z.number().nullable(),
  weight: z.number().nullable(),
});
export type Position = z.infer<typeof Position>;

export const TaxCategory = z.enum(['common', 'daytrade', 'fii']);
export type TaxCategory = z.infer<typeof TaxCategory>;

export const TaxCategoryMonth = z.object({
  category: TaxCategory,
  sales: z.number(),
  /** Gains by asset class inside the category (stocks, ETFs and BDRs share the common one). */
  gains_by_class: z.record(z.string(), z.number()),
  net_result: z.number(),
  exempt_gain: z.number(),
  loss_before: z.number(),
  loss_used: z.number(),
  loss_after: z.number(),
  taxable: z.number(),
  rate: z.number(),
  tax: z.number(),
  irrf: z.number(),
});

export const TaxMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  rules_version: z.string(),
  categories: z.array(TaxCategoryMonth),
  stock_sales: z.number(),
  exempt: z.boolean(),
  tax_due: z.number(),
  irrf_used: z.number(),
  irrf_carried: z.number(),
  rolled_in: z.number(),
  darf: z.object({
    code: z.string(),
    due_date: IsoDate,
    amount: z.number(),
    /** Below the minimum: nothing to pay this month, the amount goes into next month's DARF. */
    rolled_over: z.boolean(),
  }),
});
export type TaxMonth = z.infer<typeof TaxMonth>;

export const AlertKind = z.enum([
  'price_above',
  'price_below',
  'below_bazin',
  'below_graham',
  'rsi_below',
  'rsi_above',
  'new_filing',
  'dividend_announced',
  'negative_news',
  'weight_above',
  'stale_data',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertRuleInput = z.object({
  kind: AlertKind,
  ticker: Ticker.optional(),
  portfolio_id: PortfolioId.optional(),
  /** The level: a price, an RSI, a weight in %, a number of days, a sentiment score. */
  threshold: z.number().finite().optional(),
  enabled: z.boolean().default(true),
});
export const AlertRule = AlertRuleInput.extend({
  id: z.number().int(),
  /** Whether the condition held at the last evaluation (an alert fires on false → true). */
  active: z.boolean(),
  created_at: z.string(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertEvent = z.object({
  id: z.number().int(),
  rule_id: z.number().int(),
  kind: AlertKind,
  ticker: z.string().nullable(),
  fired_at: z.string(),
  message: z.string(),
  /** The data points that triggered it, each with where it came from. */
  data: z.array(
    z.object({ label: z.string(), value: z.union([z.number(), z.string(), z.null()]), source: z.string() }),
  ),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const ImportFormat = z.enum(['b3-movimentacao', 'b3-negociacao', 'generic-csv']);
export const PortfolioImportSummary = z.object({
  file: z.string(),
  format: ImportFormat,
  rows: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  ignored: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type PortfolioImportSummary = z.infer<typeof PortfolioImportSummary>;

export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
