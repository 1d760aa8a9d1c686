import { ema, sma, type Values } from './moving-averages';
import { macd, rsi, type MacdSeries } from './oscillators';
import { stochastic, type StochasticSeries } from './stochastic';
import { atr, bollinger, type BollingerSeries } from './volatility';
import { obv, pivots, type PivotSeries } from './volume-pivots';
import type { DailyBar } from './types';

/** Bars as columns. */
export interface Columns {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** The whole technical set as NaN-padded series over the same bars. */
export interface SeriesSet {
  sma_20: Float64Array;
  sma_50: Float64Array;
  sma_200: Float64Array;
  ema_9: Float64Array;
  ema_21: Float64Array;
  rsi_14: Float64Array;
  macd: MacdSeries;
  stochastic: StochasticSeries;
  bollinger: BollingerSeries;
  atr_14: Float64Array;
  obv: Float64Array;
  volume_sma_20: Float64Array;
  pivots: PivotSeries;
}

export function toColumns(bars: readonly DailyBar[]): Columns {
  const n = bars.length;
  const cols: Columns = {
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    if (i > 0 && !(b.date > bars[i - 1]!.date))
      throw new RangeError(`bars must be in ascending date order: ${bars[i - 1]!.date} then ${b.date}`);
    cols.dates[i] = b.date;
    cols.open[i] = b.open;
    cols.high[i] = b.high;
    cols.low[i] = b.low;
    cols.close[i] = b.close;
    cols.volume[i] = b.volume;
  }
  return cols;
}

export function computeSeriesSet(c: { high: Values; low: Values; close: Values; volume: Values }): SeriesSet {
  return {
    sma_20: sma(c.close, 20),
    sma_50: sma(c.close, 50),
    sma_200: sma(c.close, 200),
    ema_9: ema(c.close, 9),
    ema_21: ema(c.close, 21),
    rsi_14: rsi(c.close, 14),
    macd: macd(c.close, 12, 26, 9),
    stochastic: stochastic(c.high, c.low, c.close, 14, 3),
    bollinger: bollinger(c.close, 20, 2),
    atr_14: atr(c.high, c.low, c.close, 14),
    obv: obv(c.close, c.volume),
    volume_sma_20: sma(c.volume, 20),
    pivots: pivots(c.high, c.low, c.close),
  };
}
