import { describe, expect, it } from 'vitest';
import { ema, sma } from './moving-averages';
import { macd, rsi } from './oscillators';
import { stochastic } from './stochastic';
import { syntheticColumns } from './synthetic-bars';
import { atr, bollinger } from './volatility';
import { obv, pivots } from './volume-pivots';

/** Straightforward Wilder RSI, recomputed from scratch for bar `at` (unrounded reference). */
function rsiReference(c: ArrayLike<number>, at: number, period = 14): number {
  let g = 0;
  let l = 0;
  for (let i = 1; i <= period; i++) {
    const d = c[i]! - c[i - 1]!;
    g += Math.max(d, 0) / period;
    l += Math.max(-d, 0) / period;
  }
  for (let i = period + 1; i <= at; i++) {
    const d = c[i]! - c[i - 1]!;
    g = (g * (period - 1) + Math.max(d, 0)) / period;
    l = (l * (period - 1) + Math.max(-d, 0)) / period;
  }
  return (100 * g) / (g + l);
}

describe('edge cases', () => {
  it('short input: everything NaN, nothing throws', () => {
    const c = [1, 2, 3];
    expect([...sma(c, 5)].every(Number.isNaN)).toBe(true);
    expect([...ema(c, 5)].every(Number.isNaN)).toBe(true);
    expect([...rsi(c, 14)].every(Number.isNaN)).toBe(true);
    expect([...macd(c).signal].every(Number.isNaN)).toBe(true);
    expect([...atr(c, c, c, 14)].every(Number.isNaN)).toBe(true);
    expect(sma([], 3).length).toBe(0);
    expect(obv([], []).length).toBe(0);
  });

  it('rejects a period that is not a positive integer', () => {
    expect(() => sma([1, 2], 0)).toThrow(RangeError);
    expect(() => ema([1, 2], 2.5)).toThrow(RangeError);
    expect(() => macd([1, 2], 26, 12)).toThrow(RangeError);
  });

  it('RSI: all gains → 100, all losses → 0, no movement → 50 (our neutral choice)', () => {
    const up = Array.from({ length: 20 }, (_, i) => 10 + i);
    expect(rsi(up)[19]).toBe(100);
    expect(rsi(up.slice().reverse())[19]).toBe(0);
    expect(rsi(new Array<number>(20).fill(7))[19]).toBe(50);
  });

  it('flat prices: Bollinger bands collapse (bandwidth exactly 0), stochastic %K 0 with range 0, ATR 0', () => {
    const flat = new Array<number>(30).fill(12.34);
    const b = bollinger(flat);
    expect(b.bandwidth[29]).toBe(0);
    expect(b.upper[29]).toBe(b.middle[29]);
    expect(b.lower[29]).toBe(b.middle[29]);
    const st = stochastic(flat, flat, flat);
    expect(st.k[29]).toBe(0);
    expect(st.range[29]).toBe(0);
    expect(atr(flat, flat, flat)[29]).toBe(0);
  });

  it('a flat stretch after a volatile one gives bandwidth exactly 0 (no residue from earlier windows)', () => {
    const c = [...syntheticColumns(300, 3).close, ...new Array<number>(25).fill(50)];
    const b = bollinger(c);
    expect(b.bandwidth[c.length - 1]).toBe(0);
    expect(b.middle[c.length - 1]).toBe(50);
  });

  it('stochastic equals a direct window scan, rising and falling highs included', () => {
    const s = syntheticColumns(400, 11);
    const high = [...s.high, ...Array.from({ length: 40 }, (_, i) => 200 - i)];
    const low = [...s.low, ...Array.from({ length: 40 }, (_, i) => 100 + i)];
    const close = [...s.close, ...Array.from({ length: 40 }, () => 150)];
    const st = stochastic(high, low, close);
    for (let i = 13; i < close.length; i++) {
      const hh = Math.max(...high.slice(i - 13, i + 1));
      const ll = Math.min(...low.slice(i - 13, i + 1));
      expect(st.range[i]).toBe(hh - ll);
      expect(st.k[i]).toBe(((close[i]! - ll) / (hh - ll)) * 100);
      if (i >= 15) expect(st.d[i]).toBeCloseTo((st.k[i]! + st.k[i - 1]! + st.k[i - 2]!) / 3, 12);
    }
    expect(st.d[14]).toBeNaN();
  });
});

describe('references', () => {
  const c = syntheticColumns(1000, 5).close;

  it('RSI equals a from-scratch unrounded Wilder computation at every bar', () => {
    const r = rsi(c);
    for (let at = 14; at < 1000; at += 7) expect(Math.abs(r[at]! - rsiReference(c, at))).toBeLessThan(1e-9);
  });

  it('EMA(5) seeds with the SMA of the first 5 values, then (x − prev) · 2/6 + prev', () => {
    const x = [2, 4, 6, 8, 10, 13, 7];
    const e = ema(x, 5);
    expect(e[3]).toBeNaN();
    expect(e[4]).toBe(6);
    expect(e[5]).toBeCloseTo(6 + (13 - 6) / 3, 14);
    expect(e[6]).toBeCloseTo(e[5]! + (7 - e[5]!) / 3, 14);
  });

  it('pivots on bar i come from bar i − 1 (H 12, L 8, C 11)', () => {
    const p = pivots([12, 99], [8, 1], [11, 50]);
    expect(p.p[0]).toBeNaN();
    expect(p.p[1]).toBeCloseTo(31 / 3, 14);
    expect(p.r1[1]).toBeCloseTo(62 / 3 - 8, 14);
    expect(p.s1[1]).toBeCloseTo(62 / 3 - 12, 14);
    expect(p.r2[1]).toBeCloseTo(31 / 3 + 4, 14);
    expect(p.s2[1]).toBeCloseTo(31 / 3 - 4, 14);
    expect(p.r3[1]).toBeCloseTo(12 + 2 * (31 / 3 - 8), 14);
    expect(p.s3[1]).toBeCloseTo(8 - 2 * (12 - 31 / 3), 14);
  });

  it('OBV adds on up closes, subtracts on down closes, holds on equal closes', () => {
    expect([...obv([10, 11, 11, 9, 12], [5, 7, 100, 3, 2])]).toEqual([5, 12, 12, 9, 11]);
  });
});

describe('no drift over 1,000,000 values', () => {
  const big = syntheticColumns(1_000_000, 99).close;

  it('SMA 200 and Bollinger 20 stay within 1e-9 of a direct window computation', () => {
    const s200 = sma(big, 200);
    const b = bollinger(big);
    let worstSma = 0;
    let worstSd = 0;
    for (let i = 199; i < big.length; i += 101) {
      let sum = 0;
      for (let j = i - 199; j <= i; j++) sum += big[j]!;
      worstSma = Math.max(worstSma, Math.abs(s200[i]! - sum / 200));
      let m = 0;
      for (let j = i - 19; j <= i; j++) m += big[j]!;
      m /= 20;
      let ss = 0;
      for (let j = i - 19; j <= i; j++) ss += (big[j]! - m) ** 2;
      worstSd = Math.max(worstSd, Math.abs((b.upper[i]! - b.middle[i]!) / 2 - Math.sqrt(ss / 20)));
    }
    expect(worstSma).toBeLessThanOrEqual(1e-9);
    expect(worstSd).toBeLessThanOrEqual(1e-9);
  });
});
