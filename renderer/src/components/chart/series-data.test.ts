import { describe, expect, it } from 'vitest';
import type { DailyBar } from '../../../../services/contract';
import type { TechnicalSeries } from '../../store/analysis-blocks';
import { DEFAULT_LAYERS, panesShown } from '../../store/chart-layers';
import { lowerPaneCount } from './indicator-layers';
import { columnToHistogram, columnToLine, displayCandles, volumesFor } from './series-data';

const bar = (date: string, open: number, close: number, volume = 1000): DailyBar => ({
  date,
  open,
  high: Math.max(open, close) + 1,
  low: Math.min(open, close) - 1,
  close,
  average: (open + close) / 2,
  volume,
  trades: 10,
  quantity: 100,
  isin: 'BRWEGEACNOR0',
  codbdi: '02',
  quoteFactor: 1,
});

const empty = (n: number) => Array.from({ length: n }, () => null);
const series = (dates: string[], close?: (number | null)[]): TechnicalSeries => ({
  dates,
  ...(close ? { close } : {}),
  sma_20: empty(dates.length),
  sma_50: empty(dates.length),
  sma_200: empty(dates.length),
  ema_9: empty(dates.length),
  ema_21: empty(dates.length),
  rsi_14: empty(dates.length),
  macd: { macd: empty(dates.length), signal: empty(dates.length), histogram: empty(dates.length) },
  bollinger: { upper: empty(dates.length), middle: empty(dates.length), lower: empty(dates.length) },
});

describe('indicator series for the chart', () => {
  it('leaves gaps where an indicator is still warming up', () => {
    expect(columnToLine(['2024-01-02', '2024-01-03', '2024-01-04'], [null, 10.5, Number.NaN])).toEqual([
      { time: '2024-01-02' },
      { time: '2024-01-03', value: 10.5 },
      { time: '2024-01-04' },
    ]);
  });

  it('colours the MACD histogram by sign', () => {
    expect(columnToHistogram(['a', 'b', 'c'], [-0.2, 0, null], 'up', 'down')).toEqual([
      { time: 'a', value: -0.2, color: 'down' },
      { time: 'b', value: 0, color: 'up' },
      { time: 'c' },
    ]);
  });
});

describe('candles under the indicators', () => {
  const bars = [bar('2024-01-02', 10, 20), bar('2024-01-03', 20, 10)];

  it('draws raw candles in raw mode, or without the adjusted closes', () => {
    const s = series(['2024-01-02', '2024-01-03'], [19, 10]);
    expect(displayCandles(bars, s, false)).toMatchObject({
      adjusted: false,
      candles: [{ close: 20 }, { close: 10 }],
    });
    expect(displayCandles(bars, series(['2024-01-02', '2024-01-03']), true).adjusted).toBe(false);
    expect(displayCandles(bars, undefined, true).adjusted).toBe(false);
  });

  it("scales each raw candle by the day's adjusted ÷ raw close", () => {
    // A R$ 1 dividend after the first day: total-return factor 19/20 before it.
    const { candles, adjusted } = displayCandles(bars, series(['2024-01-02', '2024-01-03'], [19, 10]), true);
    expect(adjusted).toBe(true);
    const first = candles[0];
    expect(first?.time).toBe('2024-01-02');
    expect([first?.open, first?.high, first?.low, first?.close].map((x) => Number(x?.toFixed(10)))).toEqual([
      9.5, 19.95, 8.55, 19,
    ]);
    expect(candles[1]).toEqual({ time: '2024-01-03', open: 20, high: 21, low: 9, close: 10 });
  });

  it('colours volume by the candle drawn', () => {
    const v = volumesFor(
      [bar('2024-01-02', 10, 20, 5)],
      [{ time: '2024-01-02', open: 1, high: 1, low: 1, close: 0.5 }],
      'u',
      'd',
    );
    expect(v).toEqual([{ time: '2024-01-02', value: 5, color: 'd' }]);
  });
});

describe('chart layers', () => {
  it('shows volume, RSI and MACD panes by default; without a series only volume can draw', () => {
    expect(panesShown(DEFAULT_LAYERS)).toEqual(['volume', 'rsi', 'macd']);
    expect(lowerPaneCount(DEFAULT_LAYERS, true)).toBe(3);
    expect(lowerPaneCount(DEFAULT_LAYERS, false)).toBe(1);
    expect(lowerPaneCount({ ...DEFAULT_LAYERS, volume: false, macd: false }, true)).toBe(1);
  });
});
