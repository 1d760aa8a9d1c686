import { checkPeriod, nanSeries, type Values } from './moving-averages';

/**
 * RSI with Wilder smoothing (TA-Lib TA_RSI, default compatibility). Changes d_i = close_i − close_{i−1};
 * the first average gain/loss (at index `period`) is the simple mean of the first `period` gains/losses,
 * then avg = (avg · (period − 1) + current) / period. RSI = 100 − 100 / (1 + avgGain/avgLoss);
 * avgLoss = 0 with gains → 100. No movement at all in the window (both averages 0) → 50, a neutral
 * reading we chose for suspended / untraded stocks: TA-Lib returns 0 there and both JS peers 100.
 */
export function rsi(closes: Values, period = 14): Float64Array {
  checkPeriod(period);
  const n = closes.length;
  const out = nanSeries(n, period);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = closes[i]! - closes[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiValue(gain, loss);
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const d = closes[i]! - closes[i - 1]!;
    gain = (gain * keep + (d > 0 ? d : 0)) / period;
    loss = (loss * keep + (d < 0 ? -d : 0)) / period;
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

function rsiValue(gain: number, loss: number): number {
  if (loss === 0) return gain === 0 ? 50 : 100;
  return 100 - 100 / (1 + gain / loss);
}

export interface MacdSeries {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD as TA-Lib's TA_MACD (default compatibility), 12/26/9 by default:
 * - slow EMA seeded with the mean of closes[0 .. slow−1], first value at index slow − 1 (25);
 * - fast EMA seeded with the mean of the `fast` closes ENDING at that same index (closes 14..25), so
 *   both seed windows end on one bar (TA-Lib's rule; an EMA(12) run from bar 11 differs by a factor
 *   (1 − 2/13)^t of its seed gap, below 1e-12 after ~200 bars);
 * - MACD line = fast − slow from index slow − 1 (25);
 * - signal = EMA(signalPeriod) of the MACD line seeded with the mean of its first 9 values, first at
 *   index slow + signal − 2 (33); histogram = macd − signal from there.
 */
export function macd(closes: Values, fast = 12, slow = 26, signalPeriod = 9): MacdSeries {
  checkPeriod(fast);
  checkPeriod(slow);
  checkPeriod(signalPeriod);
  if (fast >= slow) throw new RangeError(`MACD fast period ${fast} must be below slow ${slow}`);
  const n = closes.length;
  const first = slow - 1;
  const sigFirst = first + signalPeriod - 1;
  const line = nanSeries(n, first);
  const signal = nanSeries(n, sigFirst);
  const histogram = nanSeries(n, sigFirst);
  if (first >= n) return { macd: line, signal, histogram };
  // One pass: both price EMAs, the MACD line, then the signal EMA (seeded, then smoothed) inline.
  let slowSum = 0;
  let fastSum = 0;
  for (let i = 0; i <= first; i++) {
    slowSum += closes[i]!;
    if (i >= slow - fast) fastSum += closes[i]!;
  }
  const kf = 2 / (fast + 1);
  const ks = 2 / (slow + 1);
  const kg = 2 / (signalPeriod + 1);
  let f = fastSum / fast;
  let s = slowSum / slow;
  let g = 0;
  for (let i = first; i < n; i++) {
    if (i > first) {
      const x = closes[i]!;
      f = (x - f) * kf + f;
      s = (x - s) * ks + s;
    }
    const m = f - s;
    line[i] = m;
    if (i < sigFirst) g += m;
    else {
      g = i === sigFirst ? (g + m) / signalPeriod : (m - g) * kg + g;
      signal[i] = g;
      histogram[i] = m - g;
    }
  }
  return { macd: line, signal, histogram };
}
