import { z } from 'zod';
import { ResolvedValue } from '../../../services/contract/current-value';

/**
 * The shapes of the analysis blocks the contract carries as open records
 * (`analysis.technical`, `.fundamental`, `.valuation`, `.dividends`), read the way the engine
 * writes them (services/analysis/*). Only what the UI shows is checked; extra fields pass through
 * unread. A block that does not fit is reported, never half-shown.
 */

const Num = z.number();
const NumOrNull = z.number().nullable();
const Column = z.array(NumOrNull);

export const PriceMode = z.enum(['raw', 'split', 'total_return']);
export type PriceMode = z.infer<typeof PriceMode>;

const SignalReading = z.object({ signal: z.string(), reason: z.string() });

export const TechnicalSeries = z.object({
  dates: z.array(z.string()),
  /** The bars the indicators read (adjusted unless raw), when the engine sends them. */
  open: Column.optional(),
  high: Column.optional(),
  low: Column.optional(),
  close: Column.optional(),
  volume: Column.optional(),
  sma_20: Column,
  sma_50: Column,
  sma_200: Column,
  ema_9: Column,
  ema_21: Column,
  rsi_14: Column,
  macd: z.object({ macd: Column, signal: Column, histogram: Column }),
  bollinger: z.object({ upper: Column, middle: Column, lower: Column }),
});
export type TechnicalSeries = z.infer<typeof TechnicalSeries>;

export const TechnicalBlock = z.object({
  price_source: z.string(),
  prices: PriceMode,
  adjustments: z.object({ applied: Num, warnings: z.array(z.unknown()) }),
  last_close_raw: NumOrNull,
  bars: Num,
  as_of: z.string().nullable(),
  indicators: z.object({
    sma_20: NumOrNull,
    sma_50: NumOrNull,
    sma_200: NumOrNull,
    ema_9: NumOrNull,
    ema_21: NumOrNull,
    rsi_14: NumOrNull,
    atr_14: NumOrNull,
    macd: z.object({ macd: Num, signal: Num, histogram: Num }).nullable(),
    bollinger: z.object({ upper: Num, middle: Num, lower: Num, bandwidth: Num }).nullable(),
  }),
  trend: z.object({ direction: z.string(), strength: Num, reason: z.string() }),
  signals: z.object({
    overall: SignalReading,
    trend: SignalReading,
    momentum: SignalReading,
    volatility: SignalReading,
  }),
  patterns: z.array(z.object({ type: z.string(), date: z.string(), description: z.string() })),
  support_resistance: z.object({ support: z.array(Num), resistance: z.array(Num) }),
  /** Readings the bars are too few for (each with its window): shown as "too little data". */
  insufficient: z.array(z.object({ indicator: z.string(), needs: Num, bars: Num })).default([]),
  series: TechnicalSeries.optional(),
});
export type TechnicalBlock = z.infer<typeof TechnicalBlock>;

export const ConsensusSource = z.object({
  source: z.string(),
  value: Num,
  fetched_at: z.string(),
  snapshot_id: z.string().nullable(),
});
export type ConsensusSource = z.infer<typeof ConsensusSource>;

export const ConsensusMetric = z.object({
  value: Num,
  confidence: Num,
  source_count: Num,
  agreement: Num,
  sources: z.array(ConsensusSource),
  stats: z.object({ min: Num, max: Num, mean: Num, stdev: Num, cv: NumOrNull }),
  discrepancies: z.array(z.object({ source: z.string(), value: Num, median: Num, deviation_pct: NumOrNull })),
  /** The current value (the one resolver's pick, with source, date and staleness): `value` is its number. */
  current: ResolvedValue.optional(),
});
export type ConsensusMetric = z.infer<typeof ConsensusMetric>;

export const ComputedMetric = z.object({
  key: z.string(),
  value: NumOrNull,
  inputs: z.record(z.string(), NumOrNull),
  definition: z.string(),
  reason: z.string().optional(),
});
export type ComputedMetric = z.infer<typeof ComputedMetric>;

export const ComparisonRow = z.object({
  key: z.string(),
  computed: NumOrNull,
  consensus: NumOrNull,
  diff: NumOrNull,
  diff_pct: NumOrNull,
});
export type ComparisonRow = z.infer<typeof ComparisonRow>;

export const ComputedBlock = z.object({
  as_of: z.string(),
  ttm_end: z.string().nullable(),
  balance_date: z.string().nullable(),
  filings: z.array(
    z.object({ document: z.string(), ref_date: z.string(), version: Num, delivered_at: z.string() }),
  ),
  metrics: z.array(ComputedMetric),
  comparison: z.array(ComparisonRow),
});
export type ComputedBlock = z.infer<typeof ComputedBlock>;

export const FundamentalBlock = z.object({
  metrics: z.record(z.string(), ConsensusMetric),
  sources: z.array(z.string()),
  cvm_code: z.string().nullable(),
  computed: ComputedBlock.nullable(),
});
export type FundamentalBlock = z.infer<typeof FundamentalBlock>;

export const ValuationInput = z.union([z.number(), z.string(), z.boolean(), z.null(), z.array(z.number())]);
export type ValuationInput = z.infer<typeof ValuationInput>;

export const ValuationModel = z.object({
  model: z.string(),
  value: NumOrNull,
  upside_pct: NumOrNull,
  inputs: z.record(z.string(), ValuationInput),
  note: z.string().optional(),
});
export type ValuationModel = z.infer<typeof ValuationModel>;

export const ValuationBlock = z.object({
  price: NumOrNull,
  as_of: z.string(),
  selic: z.object({ value: Num, date: z.string() }).nullable(),
  models: z.array(ValuationModel),
});
export type ValuationBlock = z.infer<typeof ValuationBlock>;

export const LedgerEntry = z.object({
  /** Ex-date. */
  date: z.string(),
  kind: z.string(),
  factor: Num,
  cash_per_share: Num,
  payment_date: z.string().nullable(),
  sources: z.array(z.string()),
  reports: z.array(
    z.object({
      source: z.string(),
      reported_date: z.string(),
      date_basis: z.string(),
      type: z.string().optional(),
      value: Num.optional(),
      per_shares: Num.optional(),
    }),
  ),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const DividendsBlock = z.object({ ledger: z.array(LedgerEntry), reports: Num });
export type DividendsBlock = z.infer<typeof DividendsBlock>;

/** Thrown when a block does not have the shape the UI reads. */
export class BlockShapeError extends Error {
  override readonly name = 'BlockShapeError';
}

/** Reads a block (null stays null: the engine had nothing to say). */
export function readBlock<T>(schema: z.ZodType<T>, block: unknown, name: string): T | null {
  if (block === null || block === undefined) return null;
  const parsed = schema.safeParse(block);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
  throw new BlockShapeError(`${name}: the answer does not have the expected shape (${where})`);
}
