import { z } from 'zod';

/**
 * The standard models every source maps its pages into. A source knows nothing of storage: it
 * returns items of these shapes, and the runner validates them with these schemas before storing.
 * Money is in R$ unless a `currency` says otherwise; percentages are percentage points (33.2 = 33.2%).
 */
export const MODEL_NAMES = [
  'daily-bars',
  'quote',
  'fundamentals',
  'dividends',
  'company-profile',
  'companies',
  'statements',
  'macro-series',
  'treasury-bonds',
  'screener',
  'insider-trades',
  'option-chain',
  'technical-summary',
  'news',
  'corporate-actions',
] as const;
export const ModelName = z.enum(MODEL_NAMES);
export type ModelName = z.infer<typeof ModelName>;

const Ticker = z.string().regex(/^[A-Z0-9.=^-]{2,16}$/, 'expected a ticker such as PETR4');
const IsoDate = z.iso.date();
const Num = z.number().finite();

export const DailyBarItem = z.object({
  ticker: Ticker,
  date: IsoDate,
  open: Num,
  high: Num,
  low: Num,
  close: Num,
  /** Close adjusted by the source for splits and dividends, when it publishes one. */
  adj_close: Num.nullable(),
  /** Shares (or units) traded; COTAHIST gives the quantity, Yahoo the volume in shares. */
  volume: Num.nullable(),
  currency: z.string().length(3),
});

export const QuoteItem = z.object({
  ticker: Ticker,
  price: Num,
  change: Num.nullable(),
  change_pct: Num.nullable(),
  previous_close: Num.nullable(),
  open: Num.nullable(),
  high: Num.nullable(),
  low: Num.nullable(),
  volume: Num.nullable(),
  market_cap: Num.nullable(),
  currency: z.string().length(3),
  /** When the source says the price was set (ISO datetime). */
  quoted_at: z.iso.datetime({ offset: true }),
  name: z.string().nullable(),
});

/** A fundamental value: a number, a text (sector) or a date; null where the source shows "-". */
export const FundamentalValue = z.union([Num, z.string(), z.null()]);

export const FundamentalsItem = z.object({
  ticker: Ticker,
  /** The page layout the values were read from (company, bank, fii…). */
  layout: z.string(),
  /** The date the source's price refers to, when it says. */
  as_of: IsoDate.nullable(),
  /** Values under the standard keys of `fundamental-keys.ts`. */
  values: z.record(z.string(), FundamentalValue),
  /** Label/value pairs the source shows that have no standard key yet, under the source's own label. */
  extra: z.record(z.string(), FundamentalValue),
  /** The unit of an `extra` value where the page says it (a percentage column), by label. */
  extra_units: z.record(z.string(), z.enum(['BRL', 'ratio', 'pct', 'count', 'date', 'text'])).optional(),
});

export const DividendType = z.enum(['DIVIDENDO', 'JCP', 'RENDIMENTO', 'OUTRO']);
export const DividendItem = z.object({
  ticker: Ticker,
  type: DividendType,
  /** The type as the source wrote it ("JRS CAP PROPRIO"). */
  source_type: z.string(),
  /** Last day with the right (data com) or first day without it, as the source calls it. */
  ex_date: IsoDate,
  payment_date: IsoDate.nullable(),
  value: Num,
  /** The value is per this many shares (Fundamentus "Por quantas ações"). */
  per_shares: z.number().int().positive(),
});

export const CompanyProfileItem = z.object({
  ticker: Ticker,
  name: z.string(),
  trading_name: z.string().nullable(),
  cnpj: z.string().nullable(),
  cvm_code: z.string().nullable(),
  sector: z.string().nullable(),
  subsector: z.string().nullable(),
  segment: z.string().nullable(),
  governance: z.string().nullable(),
  free_float_pct: Num.nullable(),
  tag_along_pct: Num.nullable(),
  shares_outstanding: Num.nullable(),
  listing_date: IsoDate.nullable(),
  tickers: z.array(z.string()),
});

export const CompanyItem = z.object({
  cvm_code: z.string(),
  cnpj: z.string(),
  name: z.string(),
  trading_name: z.string().nullable(),
  status: z.string(),
  sector: z.string().nullable(),
  registered_at: IsoDate.nullable(),
  cancelled_at: IsoDate.nullable(),
  category: z.string().nullable(),
  controller_kind: z.string().nullable(),
});

export const StatementItem = z.object({
  cvm_code: z.string(),
  cnpj: z.string(),
  company: z.string(),
  /** DFP (annual) or ITR (quarterly). */
  document: z.enum(['DFP', 'ITR']),
  /** BPA, BPP, DRE, DFC_MD, DFC_MI, DRA, DVA, DMPL. */
  statement: z.string(),
  consolidated: z.boolean(),
  ref_date: IsoDate,
  version: z.number().int(),
  /** ÚLTIMO (this period) or PENÚLTIMO (the comparison period). */
  fiscal_order: z.enum(['ULTIMO', 'PENULTIMO']),
  period_start: IsoDate.nullable(),
  period_end: IsoDate,
  account_code: z.string(),
  account_name: z.string(),
  /** In R$ (VL_CONTA times the ESCALA_MOEDA factor). */
  value: Num,
  fixed_account: z.boolean().nullable(),
  /** When CVM received the filing (DT_RECEB of the ZIP's index): analysis counts it from then. */
  delivered_at: IsoDate.nullable(),
});

export const MacroPointItem = z.object({
  series: z.number().int(),
  date: IsoDate,
  value: Num,
});

export const TreasuryBondItem = z.object({
  bond_type: z.string(),
  maturity: IsoDate,
  base_date: IsoDate,
  buy_rate: Num.nullable(),
  sell_rate: Num.nullable(),
  buy_price: Num.nullable(),
  sell_price: Num.nullable(),
  base_price: Num.nullable(),
});

export const ScreenerItem = z.object({
  ticker: Ticker,
  /** Values under the standard keys of `fundamental-keys.ts`. */
  values: z.record(z.string(), FundamentalValue),
});

/** One insider trade a company reported to CVM (Resolução 44, "valores mobiliários negociados"). */
export const InsiderTradeItem = z.object({
  ticker: Ticker,
  company: z.string().nullable(),
  /** The trade date as filed. */
  date: IsoDate,
  /** Who traded, as the filing groups them (Controlador, Diretoria, Conselho de Administração…). */
  insider_group: z.string().min(1),
  operation: z.enum(['BUY', 'SELL', 'OTHER']),
  /** The operation as the source wrote it ("Compra à vista"). */
  source_operation: z.string().min(1),
  quantity: Num.nonnegative(),
  price: Num.nullable(),
  /** R$ traded (quantity × price as the source shows it). */
  value: Num.nullable(),
});

/** One option series of an underlying's chain, as the source showed it on `as_of`. */
export const OptionItem = z.object({
  underlying: Ticker,
  ticker: Ticker,
  kind: z.enum(['CALL', 'PUT']),
  /** American or European exercise, where the source says. */
  style: z.enum(['A', 'E']).nullable(),
  strike: Num,
  expiry: IsoDate,
  /** The trading day the figures are from. */
  as_of: IsoDate,
  last: Num.nullable(),
  bid: Num.nullable(),
  ask: Num.nullable(),
  volume: Num.nullable(),
  trades: Num.nullable(),
  /** Percentage points (32.5 = 32.5% a year). */
  implied_volatility: Num.nullable(),
  delta: Num.nullable(),
  gamma: Num.nullable(),
  theta: Num.nullable(),
  vega: Num.nullable(),
  rho: Num.nullable(),
});

export const Recommendation = z.enum(['STRONG_BUY', 'BUY', 'NEUTRAL', 'SELL', 'STRONG_SELL']);
const SignalCount = z.number().int().nonnegative();
const Score = Num.min(-1).max(1);

/**
 * A technical summary (TradingView's gauges): the overall recommendation, and the oscillators' and
 * moving averages' own recommendations with how many indicators say buy, sell or neutral.
 */
export const TechnicalSummaryItem = z.object({
  ticker: Ticker,
  /** The bar interval the indicators are computed on ("1d"). */
  interval: z.string().min(1),
  /** When it was read (the scanner gives no time of its own). */
  as_of: z.iso.datetime({ offset: true }),
  recommendation: Recommendation,
  score: Score,
  oscillators: z.object({
    recommendation: Recommendation,
    score: Score,
    buy: SignalCount,
    sell: SignalCount,
    neutral: SignalCount,
  }),
  moving_averages: z.object({
    recommendation: Recommendation,
    score: Score,
    buy: SignalCount,
    sell: SignalCount,
    neutral: SignalCount,
  }),
  price: Num.nullable(),
  change_pct: Num.nullable(),
  volume: Num.nullable(),
});

export const NewsItem = z.object({
  title: z.string().min(1),
  url: z.url(),
  publisher: z.string().nullable(),
  published_at: z.iso.datetime({ offset: true }).nullable(),
  description: z.string().nullable(),
  tickers: z.array(z.string()),
});

/** A split, reverse split or bonus (share events) as a source reports it; cash events are `dividends`. */
export const CorporateActionItem = z.object({
  ticker: Ticker,
  /** As the source dates it; `date_basis` says whether that is the ex-date or the data com. */
  date: IsoDate,
  date_basis: z.enum(['ex_date', 'data_com']),
  kind: z.enum(['split', 'reverse_split', 'bonus']),
  /** `from` shares became `to` shares (2:1 split: 1 → 2; 1:10 reverse split: 10 → 1). */
  from: z.number().positive(),
  to: z.number().positive(),
});

export const MODEL_SCHEMAS = {
  'daily-bars': DailyBarItem,
  quote: QuoteItem,
  fundamentals: FundamentalsItem,
  dividends: DividendItem,
  'company-profile': CompanyProfileItem,
  companies: CompanyItem,
  statements: StatementItem,
  'macro-series': MacroPointItem,
  'treasury-bonds': TreasuryBondItem,
  screener: ScreenerItem,
  'insider-trades': InsiderTradeItem,
  'option-chain': OptionItem,
  'technical-summary': TechnicalSummaryItem,
  news: NewsItem,
  'corporate-actions': CorporateActionItem,
} as const satisfies Record<ModelName, z.ZodType>;

export type ModelItem<M extends ModelName> = z.infer<(typeof MODEL_SCHEMAS)[M]>;
export type DailyBarItem = z.infer<typeof DailyBarItem>;
export type QuoteItem = z.infer<typeof QuoteItem>;
export type FundamentalsItem = z.infer<typeof FundamentalsItem>;
export type DividendItem = z.infer<typeof DividendItem>;
export type CompanyProfileItem = z.infer<typeof CompanyProfileItem>;
export type CompanyItem = z.infer<typeof CompanyItem>;
export type StatementItem = z.infer<typeof StatementItem>;
export type MacroPointItem = z.infer<typeof MacroPointItem>;
export type TreasuryBondItem = z.infer<typeof TreasuryBondItem>;
export type ScreenerItem = z.infer<typeof ScreenerItem>;
export type CorporateActionItem = z.infer<typeof CorporateActionItem>;
export type NewsItem = z.infer<typeof NewsItem>;
export type InsiderTradeItem = z.infer<typeof InsiderTradeItem>;
export type OptionItem = z.infer<typeof OptionItem>;
export type TechnicalSummaryItem = z.infer<typeof TechnicalSummaryItem>;
