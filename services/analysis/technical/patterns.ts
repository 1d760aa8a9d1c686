import type { Columns, SeriesSet } from './series-set';
import type { Pattern, PatternType } from './types';

/** A squeeze is a bandwidth at its lowest of this many bars (the current one included). */
export const SQUEEZE_BARS = 120;

/** a crosses above b at bar i: a ≤ b on the bar before and a > b on bar i (both defined). */
function crossesAbove(a: Float64Array, b: Float64Array, i: number): boolean {
  return a[i - 1]! <= b[i - 1]! && a[i]! > b[i]!;
}

function crossesBelow(a: Float64Array, b: Float64Array, i: number): boolean {
  return a[i - 1]! >= b[i - 1]! && a[i]! < b[i]!;
}

/**
 * Events over the last `lookback` bars, oldest first:
 * - golden_cross / death_cross: SMA50 crosses above / below SMA200;
 * - macd_bullish_cross / macd_bearish_cross: the MACD line crosses above / below its signal;
 * - bollinger_squeeze: bandwidth at its lowest of the last 120 bars;
 * - bollinger_upper_touch / bollinger_lower_touch: close ≥ upper band / close ≤ lower band (not on
 *   zero-width bands, where a flat close would sit on both).
 * Squeezes and touches that last several bars are one event dated at the run's first bar, with
 * `bars` = the run's length (up to the last bar or the end of the lookback).
 * Comparisons with NaN are false, so nothing is reported during an indicator's warm-up.
 */
export function findPatterns(cols: Columns, s: SeriesSet, lookback = 250): Pattern[] {
  const n = cols.close.length;
  const from = Math.max(1, n - lookback);
  const out: Pattern[] = [];
  const date = (i: number): string => cols.dates[i]!;
  const add = (type: PatternType, i: number, description: string, values: Record<string, number>): void => {
    out.push({ type, date: date(i), description, values });
  };
  const { macd, signal } = s.macd;
  const { upper, lower, bandwidth } = s.bollinger;
  const squeeze = squeezeFlags(bandwidth, SQUEEZE_BARS, from);
  const runs = {
    bollinger_squeeze: (i: number) => squeeze[i] === 1,
    bollinger_upper_touch: (i: number) => upper[i]! > lower[i]! && cols.close[i]! >= upper[i]!,
    bollinger_lower_touch: (i: number) => upper[i]! > lower[i]! && cols.close[i]! <= lower[i]!,
  };
  const open = new Map<PatternType, Pattern>();

  for (let i = from; i < n; i++) {
    const sma50 = s.sma_50[i]!;
    const sma200 = s.sma_200[i]!;
    if (crossesAbove(s.sma_50, s.sma_200, i))
      add('golden_cross', i, 'SMA50 crossed above SMA200', { sma_50: sma50, sma_200: sma200 });
    if (crossesBelow(s.sma_50, s.sma_200, i))
      add('death_cross', i, 'SMA50 crossed below SMA200', { sma_50: sma50, sma_200: sma200 });
    if (crossesAbove(macd, signal, i))
      add('macd_bullish_cross', i, 'MACD crossed above its signal line', {
        macd: macd[i]!,
        signal: signal[i]!,
      });
    if (crossesBelow(macd, signal, i))
      add('macd_bearish_cross', i, 'MACD crossed below its signal line', {
        macd: macd[i]!,
        signal: signal[i]!,
      });

    for (const [type, on] of Object.entries(runs) as [PatternType, (i: number) => boolean][]) {
      if (!on(i)) {
        open.delete(type);
        continue;
      }
      const current = open.get(type);
      if (current) {
        current.values.bars = (current.values.bars ?? 1) + 1;
        continue;
      }
      const p = runStart(type, date(i), cols.close[i]!, upper[i]!, lower[i]!, bandwidth[i]!);
      out.push(p);
      open.set(type, p);
    }
  }
  return out;
}

function runStart(
  type: PatternType,
  date: string,
  close: number,
  upper: number,
  lower: number,
  bandwidth: number,
): Pattern {
  if (type === 'bollinger_squeeze')
    return {
      type,
      date,
      description: `Bollinger bandwidth at its lowest of ${SQUEEZE_BARS} bars`,
      values: { bars: 1, bandwidth },
    };
  if (type === 'bollinger_upper_touch')
    return {
      type,
      date,
      description: 'close at or above the upper Bollinger band',
      values: { bars: 1, close, upper },
    };
  return {
    type,
    date,
    description: 'close at or below the lower Bollinger band',
    values: { bars: 1, close, lower },
  };
}

/**
 * 1 at bars i ≥ from where bandwidth is defined over the whole window ending at i and bandwidth[i]
 * is its minimum (ties count).
 */
export function squeezeFlags(bandwidth: Float64Array, window: number, from = 0): Uint8Array {
  const n = bandwidth.length;
  const flags = new Uint8Array(n);
  for (let i = Math.max(from, window - 1); i < n; i++) {
    const x = bandwidth[i]!;
    let lowest = !Number.isNaN(x);
    for (let j = i - window + 1; lowest && j < i; j++) lowest = bandwidth[j]! >= x;
    if (lowest) flags[i] = 1;
  }
  return flags;
}
