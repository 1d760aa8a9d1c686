/**
 * Cross-checks one fundamental across the sites that publish it.
 *
 * Rules (issue 5, item 2):
 * - `value` is the median of the sources' values.
 * - `agreement` from the coefficient of variation cv = stdev / |mean|: cv < 5% → 1.0, < 10% → 0.9,
 *   < 20% → 0.7, < 50% → 0.5, otherwise 0.3.
 * - `confidence` = 0.4 · min(n / 5, 1) + 0.6 · agreement (the original platform's rule).
 * - `discrepancies`: the sources whose value is more than 5% from the median.
 *
 * Decisions:
 * - stdev is the POPULATION standard deviation (divide by n): the sources are every observation we
 *   have, not a sample drawn from a larger set, and with 2–3 sources the sample formula (n − 1)
 *   would inflate the spread by 22–41% for the same two numbers.
 * - mean 0: cv is 0 when every value is 0 (they agree), otherwise undefined (reported as null) and
 *   treated as unbounded, so agreement is 0.3.
 * - One source: stdev 0, cv 0, agreement 1.0. With n = 1 there is no disagreement to measure; the
 *   lack of corroboration is what the source-count term already charges (0.4 · 1/5 = 0.08 instead of
 *   0.4), so confidence is 0.68 — below any two sources that agree within 5% (0.76).
 * - Discrepancy: |v − median| / |median| > 5% (exactly 5% is not one). When the median is 0 any
 *   non-zero value is a discrepancy and its `deviation_pct` is null (no relative distance exists).
 * - One vote per source: when a source appears more than once the latest `fetched_at` wins (ties:
 *   the later entry). Non-finite numbers are ignored.
 */
import { describe, type Stats } from './stats';

export interface SourceValue {
  source: string;
  value: number;
  /** ISO datetime the value was fetched. */
  fetched_at: string;
  /** The snapshot-vault id of the raw page the value was read from. */
  snapshot_id: string | null;
}

export interface Discrepancy {
  source: string;
  value: number;
  median: number;
  /** |v − median| / |median| in percentage points (7.5 = 7.5%); null when the median is 0. */
  deviation_pct: number | null;
}

export interface ConsensusMetric {
  value: number;
  confidence: number;
  source_count: number;
  agreement: number;
  sources: SourceValue[];
  stats: Stats;
  discrepancies: Discrepancy[];
}

/** Relative distance above which a source is listed as a discrepancy (5%). */
export const DISCREPANCY_THRESHOLD = 0.05;

export function agreementFromCv(cv: number | null): number {
  if (cv === null) return 0.3;
  if (cv < 0.05) return 1.0;
  if (cv < 0.1) return 0.9;
  if (cv < 0.2) return 0.7;
  if (cv < 0.5) return 0.5;
  return 0.3;
}

export function confidenceOf(sourceCount: number, agreement: number): number {
  return 0.4 * Math.min(sourceCount / 5, 1) + 0.6 * agreement;
}

function onePerSource(values: readonly SourceValue[]): SourceValue[] {
  const bySource = new Map<string, SourceValue>();
  for (const v of values) {
    if (!Number.isFinite(v.value)) continue;
    const seen = bySource.get(v.source);
    if (seen === undefined || v.fetched_at >= seen.fetched_at) bySource.set(v.source, v);
  }
  return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

function discrepancyOf(v: SourceValue, med: number): Discrepancy | null {
  if (med === 0) {
    return v.value === 0 ? null : { source: v.source, value: v.value, median: med, deviation_pct: null };
  }
  const deviation = Math.abs(v.value - med) / Math.abs(med);
  if (deviation <= DISCREPANCY_THRESHOLD) return null;
  return { source: v.source, value: v.value, median: med, deviation_pct: deviation * 100 };
}

/** The consensus of one metric; null when no source has a finite number for it. */
export function consensusMetric(values: readonly SourceValue[]): ConsensusMetric | null {
  const sources = onePerSource(values);
  if (sources.length === 0) return null;
  const stats = describe(sources.map((s) => s.value));
  const agreement = agreementFromCv(stats.cv);
  const discrepancies: Discrepancy[] = [];
  for (const s of sources) {
    const d = discrepancyOf(s, stats.median);
    if (d) discrepancies.push(d);
  }
  return {
    value: stats.median,
    confidence: confidenceOf(sources.length, agreement),
    source_count: sources.length,
    agreement,
    sources,
    stats,
    discrepancies,
  };
}

/** What one site published for one ticker: values under the standard keys. */
export interface SourceFundamentals {
  source: string;
  fetched_at: string;
  snapshot_id: string | null;
  /** Standard key → value; only finite numbers are cross-checked (texts and dates are skipped). */
  values: Readonly<Record<string, number | string | null>>;
}

export interface ConsensusFundamentals {
  metrics: Record<string, ConsensusMetric>;
  /** Every metric's discrepancies in one list, by key then source. */
  discrepancies: (Discrepancy & { key: string })[];
}

export function consensusFundamentals(bySource: readonly SourceFundamentals[]): ConsensusFundamentals {
  const byKey = new Map<string, SourceValue[]>();
  for (const s of bySource) {
    for (const [key, value] of Object.entries(s.values)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const list = byKey.get(key) ?? [];
      list.push({ source: s.source, value, fetched_at: s.fetched_at, snapshot_id: s.snapshot_id });
      byKey.set(key, list);
    }
  }
  const metrics: Record<string, ConsensusMetric> = {};
  const discrepancies: (Discrepancy & { key: string })[] = [];
  for (const key of [...byKey.keys()].sort()) {
    const metric = consensusMetric(byKey.get(key) ?? []);
    if (!metric) continue;
    metrics[key] = metric;
    for (const d of metric.discrepancies) discrepancies.push({ key, ...d });
  }
  return { metrics, discrepancies };
}
