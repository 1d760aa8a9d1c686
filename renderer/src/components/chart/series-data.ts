import type { CandlestickData, HistogramData, LineData, Time, WhitespaceData } from 'lightweight-charts';
import type { DailyBar } from '../../../../services/contract';
import type { TechnicalSeries } from '../../store/analysis-blocks';
import { barsToCandles } from '../chart-data';

export type Column = readonly (number | null)[];
export type LinePoint = LineData<Time> | WhitespaceData<Time>;
export type HistogramPoint = HistogramData<Time> | WhitespaceData<Time>;

/**
 * An indicator column as line points aligned with `dates`: a gap (whitespace) where the column is
 * null (warm-up) or not finite, so the line starts where the indicator does.
 */
export function columnToLine(dates: readonly string[], column: Column): LinePoint[] {
  return dates.map((time, i) => {
    const v = column[i];
    return typeof v === 'number' && Number.isFinite(v) ? { time, value: v } : { time };
  });
}

/** A column as histogram bars coloured by sign (the MACD histogram). */
export function columnToHistogram(
  dates: readonly string[],
  column: Column,
  up: string,
  down: string,
): HistogramPoint[] {
  return dates.map((time, i) => {
    const v = column[i];
    return typeof v === 'number' && Number.isFinite(v)
      ? { time, value: v, color: v >= 0 ? up : down }
      : { time };
  });
}

/** The candles drawn, and whether they are the adjusted prices or the raw ones. */
export interface DisplayCandles {
  candles: CandlestickData<Time>[];
  adjusted: boolean;
}

/**
 * The candles to draw under the indicators. Raw mode: the traded prices. Adjusted mode: when the
 * technical series carries the closes it read, each day's raw candle is scaled by that day's
 * adjusted ÷ raw close (adjustments are multiplicative), so candles and overlays share one basis.
 * Without those closes the candles stay raw and `adjusted` is false (the view says so).
 */
export function displayCandles(
  bars: readonly DailyBar[],
  series: TechnicalSeries | undefined,
  adjustedMode: boolean,
): DisplayCandles {
  const raw = barsToCandles(bars);
  const closes = series?.close;
  if (!adjustedMode || !series || !closes) return { candles: raw, adjusted: false };
  const adjClose = new Map<string, number>();
  series.dates.forEach((d, i) => {
    const c = closes[i];
    if (typeof c === 'number' && Number.isFinite(c)) adjClose.set(d, c);
  });
  const candles = raw.map((c) => {
    const date = typeof c.time === 'string' ? c.time : null;
    const a = date === null ? undefined : adjClose.get(date);
    if (a === undefined || !(c.close > 0)) return c;
    const f = a / c.close;
    return { time: c.time, open: c.open * f, high: c.high * f, low: c.low * f, close: a };
  });
  return { candles, adjusted: true };
}

/** Volume bars coloured by the direction of the candle drawn that day. */
export function volumesFor(
  bars: readonly DailyBar[],
  candles: readonly CandlestickData<Time>[],
  up: string,
  down: string,
): HistogramData<Time>[] {
  const volume = new Map(bars.map((b) => [b.date, b.volume]));
  return candles.map((c) => ({
    time: c.time,
    value: typeof c.time === 'string' ? (volume.get(c.time) ?? 0) : 0,
    color: c.close >= c.open ? up : down,
  }));
}
