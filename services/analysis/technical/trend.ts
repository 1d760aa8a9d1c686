import type { Values } from './moving-averages';
import type { Direction, TrendReading } from './types';

export interface Regression {
  /** Change per bar. */
  slope: number;
  /** Fitted value at the window's first bar. */
  intercept: number;
  /** Coefficient of determination, 0 for a flat window. */
  r2: number;
  mean: number;
}

/** Least-squares line through values[from .. to − 1] against x = 0, 1, 2, … */
export function linearRegression(values: Values, from: number, to: number): Regression {
  const m = to - from;
  if (m < 2) throw new RangeError('a regression needs at least 2 points');
  let mean = 0;
  for (let i = from; i < to; i++) mean += values[i]!;
  mean /= m;
  const xMean = (m - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = from; i < to; i++) {
    const dx = i - from - xMean;
    const dy = values[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  return { slope, intercept: mean - slope * xMean, r2: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy), mean };
}

/** Window of the short-term regression and its thresholds (percent move over the window). */
export const TREND_WINDOW = 20;
const MOVE_MIN_PCT = 2;
const MOVE_FULL_PCT = 10;
const GAP_FULL = 0.1;

const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * Trend from two votes:
 * - long-term L: sign(SMA50 − SMA200); with fewer than 200 bars sign(close − SMA50); else none;
 * - short-term S: the least-squares line over the last 20 closes; move = slope · 19 / mean · 100
 *   (% over the window); S = +1 when move ≥ 2 %, −1 when ≤ −2 %, else 0.
 * direction = UP when L + S > 0, DOWN when < 0, SIDEWAYS otherwise (so the two disagreeing is
 * SIDEWAYS). strength (0–100) is the mean, over the votes that exist, of each vote's conviction
 * when it agrees with the direction (0 when it does not): S → R² · min(1, |move| / 10 %);
 * L → min(1, |gap| / 10 %), gap = SMA50/SMA200 − 1 (or close/SMA50 − 1). SIDEWAYS → 0.
 */
export function trendReading(closes: Values, sma50: number | null, sma200: number | null): TrendReading {
  const n = closes.length;
  const close = n > 0 ? closes[n - 1]! : null;
  let gap: number | null = null;
  if (sma50 !== null && sma200 !== null) gap = sma50 / sma200 - 1;
  else if (sma50 !== null && close !== null) gap = close / sma50 - 1;
  const reg = n >= TREND_WINDOW ? linearRegression(closes, n - TREND_WINDOW, n) : null;
  const move = reg ? ((reg.slope * (TREND_WINDOW - 1)) / reg.mean) * 100 : null;

  const longVote = gap === null ? 0 : sign(gap);
  const shortVote = move === null || Math.abs(move) < MOVE_MIN_PCT ? 0 : sign(move);
  const dir = sign(longVote + shortVote);
  const direction: Direction = dir > 0 ? 'UP' : dir < 0 ? 'DOWN' : 'SIDEWAYS';

  const parts: number[] = [];
  if (reg && move !== null)
    parts.push(shortVote === dir && dir !== 0 ? reg.r2 * Math.min(1, Math.abs(move) / MOVE_FULL_PCT) : 0);
  if (gap !== null) parts.push(longVote === dir && dir !== 0 ? Math.min(1, Math.abs(gap) / GAP_FULL) : 0);
  const strength = parts.length ? (100 * parts.reduce((a, b) => a + b, 0)) / parts.length : 0;

  const longText =
    gap === null
      ? 'no SMA50 yet'
      : sma200 !== null
        ? `SMA50 ${gap >= 0 ? 'above' : 'below'} SMA200 by ${(gap * 100).toFixed(2)}%`
        : `close ${gap >= 0 ? 'above' : 'below'} SMA50 by ${(gap * 100).toFixed(2)}% (no SMA200 yet)`;
  const shortText =
    move === null || !reg
      ? `fewer than ${TREND_WINDOW} closes`
      : `${TREND_WINDOW}-bar regression ${move >= 0 ? '+' : ''}${move.toFixed(2)}% (R² ${reg.r2.toFixed(2)})`;
  return {
    direction,
    strength,
    reason: `${longText}; ${shortText}`,
    inputs: {
      close,
      sma_50: sma50,
      sma_200: sma200,
      regression_move_pct: move,
      regression_r2: reg ? reg.r2 : null,
    },
  };
}
