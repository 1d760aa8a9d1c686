/**
 * Moving averages over a numeric series. Every series function in this folder returns a Float64Array
 * as long as its input, with NaN where the indicator is still warming up (or where its input was NaN).
 */

/** A numeric input series: number[] or any typed array. */
export type Values = ArrayLike<number>;

/**
 * Simple moving average: out[i] = mean(values[i − period + 1 .. i]) for i ≥ start + period − 1.
 * One pass with a rolling sum kept in Neumaier-compensated form (value in, old value out), so the
 * rounding error stays at a few ulps of the window sum over any length (no drift over 1e6 values).
 * `start` skips a leading warm-up (e.g. the NaN prefix of another indicator's output).
 */
export function sma(values: Values, period: number, start = 0): Float64Array {
  checkPeriod(period);
  const n = values.length;
  const out = nanSeries(n, start + period - 1);
  let sum = 0;
  let comp = 0;
  for (let i = start; i < n; i++) {
    const x = values[i]!;
    let t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (i - start >= period) {
      const y = -values[i - period]!;
      t = sum + y;
      comp += Math.abs(sum) >= Math.abs(y) ? sum - t + y : y - t + sum;
      sum = t;
    }
    if (i - start >= period - 1) out[i] = (sum + comp) / period;
  }
  return out;
}

/**
 * Exponential moving average as TA-Lib computes it (TA_EMA, default compatibility): k = 2/(period+1),
 * seeded with the SMA of the `period` values starting at `start` (the first EMA is at
 * start + period − 1), then ema = (x − ema) · k + ema.
 */
export function ema(values: Values, period: number, start = 0): Float64Array {
  checkPeriod(period);
  const n = values.length;
  const first = start + period - 1;
  const out = nanSeries(n, first);
  if (first >= n) return out;
  const k = 2 / (period + 1);
  let sum = 0;
  for (let i = start; i <= first; i++) sum += values[i]!;
  let prev = sum / period;
  out[first] = prev;
  for (let i = first + 1; i < n; i++) {
    prev = (values[i]! - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

/** A series of length n whose first `prefix` entries are NaN (the rest 0, to be written). */
export function nanSeries(n: number, prefix: number): Float64Array {
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.max(0, Math.min(n, prefix)));
  return out;
}

export function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`period must be an integer ≥ 1: ${period}`);
}
