/**
 * The real short series: Yahoo's AAPL daily chart 2020-08-31 … 2020-11-06 (49 bars, a recorded
 * exchange). Values computed by hand from the first closes, then the whole set against the peers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATR, BollingerBands, EMA, OBV, SMA, Stochastic } from 'technicalindicators';
import * as TS from 'trading-signals';
import { fixture } from '../../../test/helpers/fixtures';
import { computeTechnicals } from './compute';
import { sma } from './moving-averages';
import type { DailyBar } from './types';

interface Chart {
  response: {
    bodyJson: {
      chart: {
        result: {
          timestamp: number[];
          indicators: { quote: Record<'open' | 'high' | 'low' | 'close' | 'volume', number[]>[] };
        }[];
      };
    };
  };
}

function loadBars(): DailyBar[] {
  const path = fixture('yahoo_non_SA', 'chart-AAPL-2020-08-31-to-2020-11-07.json');
  const chart = JSON.parse(readFileSync(path, 'utf8')) as Chart;
  const r = chart.response.bodyJson.chart.result[0]!;
  const q = r.indicators.quote[0]!;
  return r.timestamp.map((t, i) => ({
    date: new Date(t * 1000).toISOString().slice(0, 10), // 09:30 New York is the same UTC day
    open: q.open[i]!,
    high: q.high[i]!,
    low: q.low[i]!,
    close: q.close[i]!,
    volume: q.volume[i]!,
  }));
}

const bars = loadBars();
const close = bars.map((b) => b.close);
const high = bars.map((b) => b.high);
const low = bars.map((b) => b.low);
const volume = bars.map((b) => b.volume);
const t = computeTechnicals(bars, { series: true });
const s = t.series!;

describe('AAPL fixture by hand', () => {
  it('is the 49 bars from 2020-08-31 to 2020-11-06', () => {
    expect(bars).toHaveLength(49);
    expect(bars[0]).toMatchObject({ date: '2020-08-31', close: 129.0399932861328, volume: 225702700 });
    expect(t.as_of).toBe('2020-11-06');
    expect(s.dates).toHaveLength(49);
  });

  it('SMA 5 at bar 5 = (129.04 + 134.18 + 131.40 + 120.88 + 120.96) / 5 ≈ 127.292', () => {
    const v = sma(close, 5)[4]!;
    expect(v).toBeCloseTo(127.292, 4);
    expect(v).toBe(
      (129.0399932861328 +
        134.17999267578125 +
        131.39999389648438 +
        120.87999725341797 +
        120.95999908447266) /
        5,
    );
  });

  it('EMA 9: seed at bar 9 is the mean of the first 9 closes ≈ 121.3433, then one step with k = 0.2', () => {
    const seed = 1092.09 / 9; // 129.04 + 134.18 + 131.40 + 120.88 + 120.96 + 112.82 + 117.32 + 113.49 + 112.00
    expect(s.ema_9[7]).toBeNull();
    expect(s.ema_9[8]).toBeCloseTo(seed, 4);
    expect(s.ema_9[9]).toBeCloseTo(seed + (115.36 - seed) * 0.2, 4); // ≈ 120.1467
    expect(s.ema_9[9]).toBeCloseTo(120.1467, 3);
  });

  it('RSI 14 at bar 15: gains 16.50 / 14, losses 35.46 / 14 → 31.755; one Wilder step → bar 16', () => {
    // changes: +5.14 −2.78 −10.52 +0.08 −8.14 +4.50 −3.83 −1.49 +3.36 +0.18 −3.41 −1.79 −3.50 +3.24
    const g = 16.5 / 14;
    const l = 35.46 / 14;
    expect(s.rsi_14[13]).toBeNull();
    expect(s.rsi_14[14]).toBeCloseTo(100 - 100 / (1 + g / l), 2);
    expect(s.rsi_14[14]).toBeCloseTo(31.755, 2);
    const g2 = (g * 13 + 1.73) / 14; // close 111.81 − 110.08
    const l2 = (l * 13) / 14;
    expect(s.rsi_14[15]).toBeCloseTo(100 - 100 / (1 + g2 / l2), 2);
  });

  it('MACD at bar 26 = mean(closes 14..25) − mean(closes 0..25); signal first at bar 34', () => {
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
    expect(s.macd.macd[24]).toBeNull();
    expect(s.macd.macd[25]).toBeCloseTo(mean(close.slice(14, 26)) - mean(close.slice(0, 26)), 12);
    // closes 14..25 sum to 1353.84, closes 0..25 to 3006.14: 112.82 − 115.6208 = −2.8008
    expect(s.macd.macd[25]).toBeCloseTo(1353.84 / 12 - 3006.14 / 26, 3);
    expect(s.macd.signal[32]).toBeNull();
    expect(s.macd.signal[33]).toBeCloseTo(mean(s.macd.macd.slice(25, 34) as number[]), 12);
  });

  it('stochastic %K at bar 14: HH 137.98 (bar 3), LL 106.09 (bar 14), close 106.84 → 2.35', () => {
    expect(s.stochastic.k[13]).toBeCloseTo(((106.84 - 106.09) / (137.98 - 106.09)) * 100, 1);
    expect(s.stochastic.d[14]).toBeNull();
    expect(s.stochastic.d[15]).toBeCloseTo(
      (s.stochastic.k[13]! + s.stochastic.k[14]! + s.stochastic.k[15]!) / 3,
      12,
    );
  });

  it('ATR 14 at bar 15 = mean of TR of bars 2..15 (first bar skipped)', () => {
    let sum = 0;
    for (let i = 1; i <= 14; i++)
      sum += Math.max(
        high[i]! - low[i]!,
        Math.abs(high[i]! - close[i - 1]!),
        Math.abs(low[i]! - close[i - 1]!),
      );
    expect(s.atr_14[13]).toBeNull();
    expect(s.atr_14[14]).toBeCloseTo(sum / 14, 12);
    // by hand, TR of bars 2..15: 5.76 (gap up: 134.80 − prev close 129.04), 10.98, 10.90, 12.81, 8.28,
    // 6.32, 8.00, 5.23, 3.93, 5.22, 3.96, 3.49, 4.79, 7.09 → 96.76 / 14 ≈ 6.911
    expect(s.atr_14[14]).toBeCloseTo(96.76 / 14, 2);
  });

  it('OBV: 225,702,700, then + 151,948,100 (up), − 200,119,000 (down)', () => {
    expect(s.obv.slice(0, 3)).toEqual([225702700, 377650800, 177531800]);
  });

  it('pivots on bar 2 from bar 1 (H 131, L 126, C 129.04): P 128.68, R1 131.36, S1 126.36, R3 136.36, S3 121.36', () => {
    expect(s.pivots.p[0]).toBeNull();
    expect(s.pivots.p[1]).toBeCloseTo(128.68, 4);
    expect(s.pivots.r1[1]).toBeCloseTo(131.36, 4);
    expect(s.pivots.s1[1]).toBeCloseTo(126.36, 4);
    expect(s.pivots.r2[1]).toBeCloseTo(133.68, 4);
    expect(s.pivots.s2[1]).toBeCloseTo(123.68, 4);
    expect(s.pivots.r3[1]).toBeCloseTo(136.36, 4);
    expect(s.pivots.s3[1]).toBeCloseTo(121.36, 4);
  });

  it('49 bars: sma_50, sma_200 null; the rest computed', () => {
    const ind = t.indicators;
    expect(ind.sma_50).toBeNull();
    expect(ind.sma_200).toBeNull();
    for (const key of ['sma_20', 'ema_9', 'ema_21', 'rsi_14', 'atr_14', 'obv', 'volume_sma_20'] as const)
      expect(ind[key], key).toEqual(expect.any(Number));
    expect(ind.macd).not.toBeNull();
    expect(ind.pivots?.p).toBeCloseTo((119.62000274658203 + 116.87000274658203 + 119.02999877929688) / 3, 12);
  });
});

describe('AAPL against the peers', () => {
  const tail = <T>(a: T[]): T => a[a.length - 1]!;
  const ind = t.indicators;

  it('latest SMA 20, EMA 9/21, volume SMA 20 as technicalindicators', () => {
    expect(ind.sma_20).toBeCloseTo(tail(SMA.calculate({ period: 20, values: close })), 9);
    expect(ind.ema_9).toBeCloseTo(tail(EMA.calculate({ period: 9, values: close })), 9);
    expect(ind.ema_21).toBeCloseTo(tail(EMA.calculate({ period: 21, values: close })), 9);
    expect(ind.volume_sma_20).toBe(tail(SMA.calculate({ period: 20, values: volume })));
  });

  it('every RSI value as trading-signals (unrounded)', () => {
    const r = new TS.RSI(14).updates(close);
    for (let i = 14; i < 49; i++) expect(Math.abs(s.rsi_14[i]! - r[i]!)).toBeLessThan(1e-9);
  });

  it('stochastic, Bollinger, ATR and OBV series as technicalindicators', () => {
    const st = Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 });
    st.forEach((x, j) => expect(Math.abs(s.stochastic.k[13 + j]! - x.k)).toBeLessThan(1e-9));
    const bb = BollingerBands.calculate({ period: 20, values: close, stdDev: 2 });
    bb.forEach((x, j) => {
      expect(Math.abs(s.bollinger.upper[19 + j]! - x.upper)).toBeLessThan(1e-9);
      expect(Math.abs(s.bollinger.lower[19 + j]! - x.lower)).toBeLessThan(1e-9);
    });
    ATR.calculate({ high, low, close, period: 14 }).forEach((x, j) =>
      expect(Math.abs(s.atr_14[14 + j]! - x)).toBeLessThan(1e-9),
    );
    OBV.calculate({ close, volume }).forEach((x, j) => expect(s.obv[1 + j]! - volume[0]!).toBe(x));
  });
});
