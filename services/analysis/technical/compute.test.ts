import { describe, expect, it } from 'vitest';
import { computeTechnicals } from './compute';
import { syntheticBars } from './synthetic-bars';
import { MIN_BARS, type TechnicalIndicators } from './types';

const bars = syntheticBars(400, 21);
const KEYS = Object.keys(MIN_BARS) as (keyof TechnicalIndicators)[];

describe('computeTechnicals: null handling', () => {
  it.each(KEYS)('%s is null with one bar fewer than it needs, set with exactly enough', (key) => {
    const need = MIN_BARS[key];
    if (need > 1) expect(computeTechnicals(bars.slice(0, need - 1)).indicators[key]).toBeNull();
    expect(computeTechnicals(bars.slice(0, need)).indicators[key]).not.toBeNull();
  });

  it.each(KEYS)('%s is listed as insufficient (window and bars) exactly while it is null', (key) => {
    const need = MIN_BARS[key];
    if (need > 1)
      expect(computeTechnicals(bars.slice(0, need - 1)).insufficient).toContainEqual({
        indicator: key,
        needs: need,
        bars: need - 1,
      });
    expect(computeTechnicals(bars.slice(0, need)).insufficient.map((x) => x.indicator)).not.toContain(key);
  });

  it('one bar: the trend is listed as insufficient (issue 15: not "sideways, strength 0"); 20 bars read one', () => {
    expect(computeTechnicals(bars.slice(0, 1)).insufficient[0]).toEqual({
      indicator: 'trend',
      needs: 20,
      bars: 1,
    });
    expect(computeTechnicals(bars.slice(0, 19)).insufficient.map((x) => x.indicator)).toContain('trend');
    expect(computeTechnicals(bars.slice(0, 20)).insufficient.map((x) => x.indicator)).not.toContain('trend');
    expect(computeTechnicals(bars).insufficient).toEqual([]);
  });

  it('10 bars: sma_20, rsi_14, macd, bollinger, atr_14 null; ema_9, obv, pivots computed', () => {
    const { indicators: ind } = computeTechnicals(bars.slice(0, 10));
    expect(ind.sma_20).toBeNull();
    expect(ind.rsi_14).toBeNull();
    expect(ind.macd).toBeNull();
    expect(ind.bollinger).toBeNull();
    expect(ind.atr_14).toBeNull();
    expect(ind.ema_9).toEqual(expect.any(Number));
    expect(ind.obv).toEqual(expect.any(Number));
    expect(ind.pivots?.p).toEqual(expect.any(Number));
  });

  it('no bars: everything null or empty, trend SIDEWAYS 0, signals NEUTRAL', () => {
    const t = computeTechnicals([]);
    expect(t.bars).toBe(0);
    expect(t.as_of).toBeNull();
    expect(Object.values(t.indicators).every((v) => v === null)).toBe(true);
    expect(t.trend).toMatchObject({ direction: 'SIDEWAYS', strength: 0 });
    expect(t.signals.overall.signal).toBe('NEUTRAL');
    expect(t.patterns).toEqual([]);
    expect(t.support_resistance).toEqual({ support: [], resistance: [] });
  });

  it('dates must be strictly ascending', () => {
    const twice = [bars[0]!, bars[1]!, { ...bars[2]!, date: bars[1]!.date }];
    expect(() => computeTechnicals(twice)).toThrow(/ascending/);
  });
});

describe('computeTechnicals: values and series', () => {
  const t = computeTechnicals(bars, { series: true });
  const s = t.series!;

  it('reports the bars it read', () => {
    expect(t.bars).toBe(400);
    expect(t.as_of).toBe(bars[399]!.date);
  });

  it('series are aligned with the dates, null during warm-up, and end at the latest values', () => {
    expect(s.dates).toEqual(bars.map((b) => b.date));
    const columns = [
      s.sma_20,
      s.sma_200,
      s.ema_9,
      s.rsi_14,
      s.macd.signal,
      s.stochastic.d,
      s.bollinger.bandwidth,
      s.atr_14,
      s.obv,
      s.pivots.r3,
    ];
    for (const c of columns) expect(c).toHaveLength(400);
    expect(s.sma_200[198]).toBeNull();
    expect(s.sma_200[199]).toEqual(expect.any(Number));
    expect(s.rsi_14.slice(0, 14).every((v) => v === null)).toBe(true);
    expect(s.macd.signal[32]).toBeNull();
    expect(s.sma_200[399]).toBe(t.indicators.sma_200);
    expect(s.macd.histogram[399]).toBe(t.indicators.macd!.histogram);
    expect(s.stochastic.k[399]).toBe(t.indicators.stochastic!.k);
    expect(s.bollinger.upper[399]).toBe(t.indicators.bollinger!.upper);
    expect(s.pivots.s2[399]).toBe(t.indicators.pivots!.s2);
  });

  it('bandwidth is (upper − lower) / middle · 100 and MACD histogram = macd − signal', () => {
    const b = t.indicators.bollinger!;
    expect(b.bandwidth).toBeCloseTo(((b.upper - b.lower) / b.middle) * 100, 12);
    const m = t.indicators.macd!;
    expect(m.histogram).toBe(m.macd - m.signal);
  });

  it('pivots are from the bar before the last', () => {
    const prev = bars[398]!;
    const p = (prev.high + prev.low + prev.close) / 3;
    expect(t.indicators.pivots).toEqual({
      p,
      r1: 2 * p - prev.low,
      s1: 2 * p - prev.high,
      r2: p + (prev.high - prev.low),
      s2: p - (prev.high - prev.low),
      r3: prev.high + 2 * (p - prev.low),
      s3: prev.low - 2 * (prev.high - p),
    });
  });

  it('series only on request; the result is plain JSON (no NaN, no typed arrays)', () => {
    expect(computeTechnicals(bars).series).toBeUndefined();
    const round = JSON.parse(JSON.stringify(t)) as unknown;
    expect(round).toEqual(t);
  });
});
