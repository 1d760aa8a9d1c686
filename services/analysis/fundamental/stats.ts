/** Descriptive statistics over finite numbers, full precision. */

export interface Stats {
  mean: number;
  median: number;
  min: number;
  max: number;
  count: number;
  /** Population standard deviation (divides by n, not n − 1). */
  stdev: number;
  /**
   * Coefficient of variation stdev / |mean|. 0 when every value is 0 (mean 0, stdev 0); null when
   * the mean is 0 but the values differ (the ratio is unbounded).
   */
  cv: number | null;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

export function describe(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error('statistics of no values');
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const stdev = Math.sqrt(variance);
  let cv: number | null;
  if (mean !== 0) cv = stdev / Math.abs(mean);
  else cv = stdev === 0 ? 0 : null;
  return {
    mean,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    count: n,
    stdev,
    cv,
  };
}
