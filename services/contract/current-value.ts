import { z } from 'zod';

/**
 * "The current value" of one number (price, P/L, P/VP, DY…) as every view, API and report shows it:
 * one resolver in core picks it, the latest observation by its own as-of date across sources.
 */

/** Prices go stale after 3 B3 trading days; fundamentals after 120 calendar days. */
export const ValueKind = z.enum(['price', 'fundamental']);
export type ValueKind = z.infer<typeof ValueKind>;

/**
 * Where a value's date comes from: the source's own date for it (a bar's day, Fundamentus' "Data últ
 * cot"); the day it was fetched from the site (the site shows it as current then); or unknown (a
 * file the user ingested that carries no date: it ranks below every dated value).
 */
export const AsOfBasis = z.enum(['source', 'fetched', 'unknown']);
export type AsOfBasis = z.infer<typeof AsOfBasis>;

export const ValueObservation = z.object({
  source: z.string(),
  value: z.number(),
  /** YYYY-MM-DD; with basis `unknown`, the day the file was loaded (not the data's date). */
  as_of: z.string().nullable(),
  as_of_basis: AsOfBasis,
});
export type ValueObservation = z.infer<typeof ValueObservation>;

export const ResolvedValue = z.object({
  key: z.string(),
  kind: ValueKind,
  value: z.number(),
  source: z.string(),
  as_of: z.string().nullable(),
  as_of_basis: AsOfBasis,
  /** Calendar days from as_of to today (null when the date is unknown). */
  age_days: z.number().int().nullable(),
  /** Prices: B3 trading days after as_of up to today (null for fundamentals or an unknown date). */
  age_trading_days: z.number().int().nullable(),
  /** Older than the kind's threshold, or of unknown date: the UI shows a badge with the date. */
  stale: z.boolean(),
  /**
   * Other sources' values of about the same date (within the kind's threshold) or of unknown date,
   * when they disagree with this one by more than 5%: lowest, highest and the relative spread.
   */
  spread: z
    .object({
      min: z.number(),
      max: z.number(),
      /** (max − min) / |value| × 100. */
      pct: z.number(),
      observations: z.array(ValueObservation),
    })
    .nullable(),
  /** Every source's latest observation that was weighed, the winner first. */
  observations: z.array(ValueObservation),
});
export type ResolvedValue = z.infer<typeof ResolvedValue>;

export const CurrentValues = z.record(z.string(), ResolvedValue);
export type CurrentValues = z.infer<typeof CurrentValues>;

/** Thresholds the resolver applies (exported so the UI can say them). */
export const STALE_PRICE_TRADING_DAYS = 3;
export const STALE_FUNDAMENTAL_DAYS = 120;
export const SPREAD_THRESHOLD = 0.05;
