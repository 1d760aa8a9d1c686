import { checkPeriod, nanSeries, type Values } from './moving-averages';

export interface BollingerSeries {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
  /** (upper − lower) / middle · 100. */
  bandwidth: Float64Array;
}

/**
 * Bollinger bands (TA-Lib TA_BBANDS with an SMA): middle = SMA(period), sd = POPULATION standard
 * deviation of the same window (divide by period), bands = middle ± mult · sd, from index period − 1.
 * The middle is a rolling sum kept in Neumaier-compensated form (as `sma`); the variance is taken
 * in a second pass over each window around that mean, Σ(x − mean)² / period (period multiply-adds
 * per bar). A rolling Σx² would be O(1) per bar but loses a small variance to cancellation — and √
 * turns a 1e-17 residue into 3e-9 of sd — and would not give exactly 0 on a flat window, where this
 * gives upper = middle = lower and bandwidth 0.
 */
export function bollinger(closes: Values, period = 20, mult = 2): BollingerSeries {
  checkPeriod(period);
  const n = closes.length;
  const first = period - 1;
  const upper = nanSeries(n, first);
  const middle = nanSeries(n, first);
  const lower = nanSeries(n, first);
  const bandwidth = nanSeries(n, first);
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const x = closes[i]!;
    let t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (i >= period) {
      const y = -closes[i - period]!;
      t = sum + y;
      comp += Math.abs(sum) >= Math.abs(y) ? sum - t + y : y - t + sum;
      sum = t;
    }
    if (i < first) continue;
    const mean = (sum + comp) / period;
    let ss = 0;
    for (let j = i - first; j <= i; j++) {
      const d = closes[j]! - mean;
      ss += d * d;
    }
    const band = mult * Math.sqrt(ss / period);
    middle[i] = mean;
    upper[i] = mean + band;
    lower[i] = mean - band;
    bandwidth[i] = ((upper[i]! - lower[i]!) / mean) * 100;
  }
  return { upper, middle, lower, bandwidth };
}

/**
 * True range from the second bar on: max(high − low, |high − prevClose|, |low − prevClose|).
 * Index 0 has no previous close and is NaN (TA-Lib TA_TRANGE skips it too).
 */
export function trueRange(high: Values, low: Values, close: Values): Float64Array {
  const n = close.length;
  const out = nanSeries(n, 1);
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    out[i] = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  }
  return out;
}

/**
 * ATR with Wilder smoothing (TA-Lib TA_ATR): the first bar is skipped (no previous close, its
 * high − low is NOT used); the first ATR, at index `period`, is the mean of TR[1 .. period]; then
 * atr = (atr · (period − 1) + TR) / period.
 */
export function atr(high: Values, low: Values, close: Values, period = 14): Float64Array {
  checkPeriod(period);
  const n = close.length;
  const out = nanSeries(n, period);
  if (n <= period) return out;
  const tr = (i: number): number => {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  };
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += tr(i);
  let prev = sum / period;
  out[period] = prev;
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    prev = (prev * keep + tr(i)) / period;
    out[i] = prev;
  }
  return out;
}
