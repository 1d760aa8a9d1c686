import { describe, expect, it } from 'vitest';
import { computeTechnicals } from './compute';
import { clusterLevels, supportResistance, swingPoints } from './support-resistance';
import { syntheticBars } from './synthetic-bars';
import { linearRegression } from './trend';
import type { DailyBar } from './types';

const day0 = Date.UTC(2021, 0, 4);
/** Bars from closes: high/low ± `spread`, volume 1000, consecutive days. */
function fromCloses(closes: number[], spread = 0.5): DailyBar[] {
  return closes.map((close, i) => ({
    date: new Date(day0 + i * 86_400_000).toISOString().slice(0, 10),
    open: close,
    high: close + spread,
    low: close - spread,
    close,
    volume: 1000,
  }));
}
const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
const closes = syntheticBars(600, 8).map((b) => b.close);

describe('trend', () => {
  it('a steady rise: UP with strength near 100', () => {
    const t = computeTechnicals(fromCloses(range(250, (i) => 100 * 1.005 ** i))).trend;
    expect(t.direction).toBe('UP');
    expect(t.strength).toBeGreaterThan(95);
    expect(t.strength).toBeLessThanOrEqual(100);
    expect(t.inputs.sma_50!).toBeGreaterThan(t.inputs.sma_200!);
    expect(t.inputs.regression_r2!).toBeGreaterThan(0.99);
  });

  it('a steady fall: DOWN', () => {
    const t = computeTechnicals(fromCloses(range(250, (i) => 100 * 0.995 ** i))).trend;
    expect(t.direction).toBe('DOWN');
    expect(t.strength).toBeGreaterThan(95);
  });

  it('flat prices: SIDEWAYS, strength 0', () => {
    const t = computeTechnicals(fromCloses(range(250, () => 50))).trend;
    expect(t).toMatchObject({ direction: 'SIDEWAYS', strength: 0 });
    expect(t.inputs.regression_r2).toBe(0);
  });

  it('long uptrend with a sharp 20-bar drop: the votes disagree → SIDEWAYS', () => {
    const up = range(230, (i) => 100 * 1.004 ** i);
    const top = up[229]!;
    const t = computeTechnicals(fromCloses([...up, ...range(20, (i) => top * 0.99 ** (i + 1))])).trend;
    expect(t.inputs.sma_50!).toBeGreaterThan(t.inputs.sma_200!);
    expect(t.inputs.regression_move_pct!).toBeLessThan(-2);
    expect(t.direction).toBe('SIDEWAYS');
    expect(t.strength).toBe(0);
  });

  it('linear regression of 1, 3, 5, 7: slope 2, R² 1', () => {
    expect(linearRegression([1, 3, 5, 7], 0, 4)).toEqual({ slope: 2, intercept: 1, r2: 1, mean: 4 });
  });
});

describe('signals', () => {
  it('a sell-off closing at the lows: momentum and volatility BUY, trend SELL → overall BUY', () => {
    const calm = range(100, (i) => 100 + Math.sin(i) * 0.5);
    const fall = range(5, (i) => 100 * 0.96 ** (i + 1));
    const bars = fromCloses([...calm, ...fall]).map((b, i) => (i >= 100 ? { ...b, low: b.close } : b));
    const { signals, indicators } = computeTechnicals(bars);
    expect(indicators.rsi_14!).toBeLessThan(30);
    expect(indicators.stochastic!.k).toBe(0);
    expect(signals.momentum.signal).toBe('BUY');
    expect(signals.momentum.reason).toMatch(/RSI14 .* oversold/);
    expect(signals.volatility.signal).toBe('BUY');
    expect(signals.trend.signal).toBe('SELL');
    expect(signals.overall).toMatchObject({ signal: 'BUY', inputs: { buy: 2, sell: 1 } });
  });

  it('a flat (untraded) stock: every signal NEUTRAL; RSI 50; flat stochastic and bands do not vote', () => {
    const bars = fromCloses(
      range(60, () => 20),
      0,
    );
    const { signals, indicators, patterns } = computeTechnicals(bars);
    expect(indicators.rsi_14).toBe(50);
    expect(indicators.bollinger).toMatchObject({ upper: 20, lower: 20, bandwidth: 0 });
    expect(signals.momentum.reason).toMatch(/flat 14-bar range/);
    expect(signals.volatility.reason).toMatch(/zero-width bands/);
    const all = [signals.overall, signals.trend, signals.momentum, signals.volatility];
    expect(all.map((s) => s.signal)).toEqual(['NEUTRAL', 'NEUTRAL', 'NEUTRAL', 'NEUTRAL']);
    expect(patterns.filter((p) => p.type.endsWith('_touch'))).toEqual([]);
  });
});

describe('patterns', () => {
  it('golden cross then death cross, dated where SMA50 crosses SMA200', () => {
    const closes = [
      ...range(220, (i) => 200 - i * 0.5),
      ...range(150, (i) => 90 + i * 1.2),
      ...range(200, (i) => 270 - i * 1.5),
    ];
    const t = computeTechnicals(fromCloses(closes), { series: true, patternBars: 1000 });
    const s = t.series!;
    const crosses = t.patterns.filter((p) => p.type === 'golden_cross' || p.type === 'death_cross');
    expect(crosses.map((p) => p.type)).toEqual(['golden_cross', 'death_cross']);
    for (const p of crosses) {
      const i = s.dates.indexOf(p.date);
      const above = (j: number): boolean => s.sma_50[j]! > s.sma_200[j]!;
      expect(above(i)).toBe(p.type === 'golden_cross');
      expect(above(i - 1)).toBe(p.type !== 'golden_cross');
      expect(p.values.sma_50).toBe(s.sma_50[i]);
    }
  });

  it('MACD crosses are exactly the sign changes of the histogram within the lookback', () => {
    const t = computeTechnicals(syntheticBars(600, 8), { series: true, patternBars: 300 });
    const h = t.series!.macd.histogram;
    const expected: string[] = [];
    for (let i = 300; i < 600; i++)
      if (h[i - 1]! <= 0 && h[i]! > 0) expected.push(`macd_bullish_cross ${t.series!.dates[i]}`);
      else if (h[i - 1]! >= 0 && h[i]! < 0) expected.push(`macd_bearish_cross ${t.series!.dates[i]}`);
    const found = t.patterns.filter((p) => p.type.startsWith('macd')).map((p) => `${p.type} ${p.date}`);
    expect(expected.length).toBeGreaterThan(5);
    expect(found).toEqual(expected);
  });

  it('band touches are runs: dated at the first bar, `bars` long, close beyond the band', () => {
    const t = computeTechnicals(syntheticBars(600, 8), { series: true, patternBars: 600 });
    const s = t.series!;
    const touches = t.patterns.filter((p) => p.type === 'bollinger_upper_touch');
    expect(touches.length).toBeGreaterThan(3);
    for (const p of touches) {
      const i = s.dates.indexOf(p.date);
      const on = (j: number): boolean => s.bollinger.upper[j] !== null && closes[j]! >= s.bollinger.upper[j]!;
      expect(on(i)).toBe(true);
      expect(on(i - 1)).toBe(false);
      for (let j = i; j < i + p.values.bars!; j++) expect(on(j)).toBe(true);
      expect(on(i + p.values.bars!)).toBe(false);
    }
  });

  it('a quiet stretch after a volatile one is a Bollinger squeeze; old events fall outside the lookback', () => {
    const closes2 = [
      ...range(150, (i) => 100 + (i % 2 ? 3 : -3)),
      ...range(30, (i) => 100 + (i % 2 ? 0.1 : -0.1)),
    ];
    const t = computeTechnicals(fromCloses(closes2), { patternBars: 30 });
    const squeezes = t.patterns.filter((p) => p.type === 'bollinger_squeeze');
    const first = fromCloses(closes2)[150]!.date;
    // from the first quiet bar every bandwidth is a new 120-bar low (or equal to it): one 30-bar run
    expect(squeezes).toHaveLength(1);
    expect(squeezes[0]).toMatchObject({ date: first, values: { bars: 30 } });
    expect(t.indicators.bollinger!.bandwidth).toBeLessThan(0.5);
    expect(t.patterns.every((p) => p.date >= first)).toBe(true);
  });
});

describe('support and resistance', () => {
  it('swing points must beat every neighbour strictly', () => {
    const high = [1, 2, 3, 9, 3, 2, 1, 5, 5, 1, 0];
    const sw = swingPoints(high, high, 2);
    expect(sw.filter((p) => p.kind === 'high')).toEqual([{ index: 3, price: 9, kind: 'high' }]);
  });

  it('clusters nearby levels into their mean', () => {
    expect(clusterLevels([100, 110, 101, 100.5], 0.015)).toEqual([
      { level: 100.5, touches: 3 },
      { level: 110, touches: 1 },
    ]);
  });

  it('a zigzag between 90 and 110 closing at 100: support ≈ 90, resistance ≈ 110', () => {
    const zig = range(200, (i) => 100 + 10 * Math.sin((i * Math.PI) / 10));
    zig.push(100);
    const sr = supportResistance(zig, zig, zig, { window: 5, bars: 250, tolerance: 0.015, max: 5 });
    expect(sr.support).toHaveLength(1);
    expect(sr.resistance).toHaveLength(1);
    expect(sr.support[0]).toBeCloseTo(90, 6);
    expect(sr.resistance[0]).toBeCloseTo(110, 6);
  });

  it('on real-like bars: support below and resistance above the close, nearest first, at most 5', () => {
    const bars = syntheticBars(600, 8);
    const { support, resistance } = computeTechnicals(bars).support_resistance;
    const last = bars[599]!.close;
    expect(support.length + resistance.length).toBeGreaterThan(2);
    expect(support.length).toBeLessThanOrEqual(5);
    expect(support.every((l) => l <= last)).toBe(true);
    expect(resistance.every((l) => l > last)).toBe(true);
    expect([...support].sort((a, b) => b - a)).toEqual(support);
    expect([...resistance].sort((a, b) => a - b)).toEqual(resistance);
  });
});
