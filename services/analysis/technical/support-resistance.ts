import type { Values } from './moving-averages';
import type { SupportResistance } from './types';

export interface SwingPoint {
  index: number;
  price: number;
  kind: 'high' | 'low';
}

/**
 * Swing points in bars [from, n): a swing high is a bar whose high is strictly above the highs of
 * the `window` bars on each side; a swing low, a low strictly below the lows around it. Bars without
 * `window` neighbours on both sides (the first and last `window`) cannot be swings.
 */
export function swingPoints(high: Values, low: Values, window: number, from = 0): SwingPoint[] {
  const n = high.length;
  const out: SwingPoint[] = [];
  for (let i = Math.max(from, window); i < n - window; i++) {
    let isHigh = true;
    let isLow = true;
    for (let j = i - window; j <= i + window && (isHigh || isLow); j++) {
      if (j === i) continue;
      if (high[j]! >= high[i]!) isHigh = false;
      if (low[j]! <= low[i]!) isLow = false;
    }
    if (isHigh) out.push({ index: i, price: high[i]!, kind: 'high' });
    if (isLow) out.push({ index: i, price: low[i]!, kind: 'low' });
  }
  return out;
}

/**
 * Greedy clustering of price levels: sorted ascending, a level joins the current cluster when it
 * is within `tolerance` (a fraction) of the cluster's mean; each cluster is reported as the mean of
 * its members, with their count.
 */
export function clusterLevels(prices: number[], tolerance: number): { level: number; touches: number }[] {
  const sorted = [...prices].sort((a, b) => a - b);
  const out: { level: number; touches: number }[] = [];
  let sum = 0;
  let count = 0;
  for (const p of sorted) {
    if (count > 0 && Math.abs(p - sum / count) <= (tolerance * sum) / count) {
      sum += p;
      count++;
      continue;
    }
    if (count > 0) out.push({ level: sum / count, touches: count });
    sum = p;
    count = 1;
  }
  if (count > 0) out.push({ level: sum / count, touches: count });
  return out;
}

/**
 * Support and resistance from the swing highs and lows of the last `bars` bars, clustered within
 * `tolerance`; levels below the last close are support (nearest first), levels above are resistance
 * (nearest first), a level equal to the close counts as support; at most `max` of each. A broken
 * resistance thus shows as support and vice versa.
 */
export function supportResistance(
  high: Values,
  low: Values,
  close: Values,
  opts: { window: number; bars: number; tolerance: number; max: number },
): SupportResistance {
  const n = close.length;
  if (n === 0) return { support: [], resistance: [] };
  const last = close[n - 1]!;
  const swings = swingPoints(high, low, opts.window, Math.max(0, n - opts.bars));
  const levels = clusterLevels(
    swings.map((s) => s.price),
    opts.tolerance,
  ).map((c) => c.level);
  return {
    support: levels
      .filter((l) => l <= last)
      .reverse()
      .slice(0, opts.max),
    resistance: levels.filter((l) => l > last).slice(0, opts.max),
  };
}
