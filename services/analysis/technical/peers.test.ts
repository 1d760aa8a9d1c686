/**
 * Every indicator against technicalindicators 3.1.0 and trading-signals 8.3.0 on a 1,000-bar
 * synthetic random walk. Where a peer seeds the same way (TA-Lib), values must agree from the first
 * output; where it seeds differently (trading-signals' EMA starts at the first price, its ATR uses
 * the first bar's high − low, technicalindicators' MACD runs its fast EMA from bar 11), they must
 * agree once that seed has decayed: from bar 600.
 */
import { describe, expect, it } from 'vitest';
import { ATR, BollingerBands, EMA, MACD, OBV, RSI, SMA, Stochastic } from 'technicalindicators';
import * as TS from 'trading-signals';
import { computeSeriesSet } from './series-set';
import { syntheticColumns } from './synthetic-bars';

const N = 1000;
const CONVERGED = 600;
const TOL = 1e-9;
const cols = syntheticColumns(N, 7);
const close = Array.from(cols.close);
const high = Array.from(cols.high);
const low = Array.from(cols.low);
const volume = Array.from(cols.volume);
const candles = close.map((c, i) => ({
  open: cols.open[i]!,
  high: high[i]!,
  low: low[i]!,
  close: c,
  volume: volume[i]!,
}));
const ours = computeSeriesSet(cols);

/** A peer's output (shorter, no warm-up entries) right-aligned onto N bars, NaN before. */
function pad(values: readonly (number | null | undefined)[]): Float64Array {
  const out = new Float64Array(N).fill(NaN);
  const offset = N - values.length;
  values.forEach((v, i) => (out[offset + i] = v ?? NaN));
  return out;
}

const firstDefined = (a: Float64Array): number => a.findIndex((v) => !Number.isNaN(v));

/** Max |a − b| over [from, N); both must be defined over the same bars there. */
function maxDiff(a: Float64Array, b: Float64Array, from: number): number {
  let max = 0;
  for (let i = from; i < N; i++) {
    expect(Number.isNaN(a[i]!), `bar ${i} defined on one side only`).toBe(Number.isNaN(b[i]!));
    if (!Number.isNaN(a[i]!)) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  }
  return max;
}

function tsSeries<I, R>(
  ind: { updates(xs: I[]): (R | null)[] },
  xs: I[],
  pick: (r: R) => number,
): Float64Array {
  return Float64Array.from(ind.updates(xs), (r) => (r === null ? NaN : pick(r)));
}

describe('moving averages against both peers', () => {
  it.each([
    ['sma_20', 20],
    ['sma_50', 50],
    ['sma_200', 200],
  ] as const)('%s agrees from its first value (bar period − 1)', (key, period) => {
    expect(firstDefined(ours[key])).toBe(period - 1);
    expect(maxDiff(ours[key], pad(SMA.calculate({ period, values: close })), 0)).toBeLessThanOrEqual(TOL);
    const ts = tsSeries(new TS.SMA(period), close, (r) => r);
    expect(maxDiff(ours[key], ts, 0)).toBeLessThanOrEqual(TOL);
  });

  it('volume_sma_20 is identical (integer volumes sum exactly)', () => {
    expect(maxDiff(ours.volume_sma_20, pad(SMA.calculate({ period: 20, values: volume })), 0)).toBe(0);
    expect(
      maxDiff(
        ours.volume_sma_20,
        tsSeries(new TS.SMA(20), volume, (r) => r),
        0,
      ),
    ).toBe(0);
  });

  it.each([
    ['ema_9', 9],
    ['ema_21', 21],
  ] as const)(
    '%s: SMA-seeded like technicalindicators from the start; trading-signals once converged',
    (key, period) => {
      expect(firstDefined(ours[key])).toBe(period - 1);
      expect(maxDiff(ours[key], pad(EMA.calculate({ period, values: close })), 0)).toBeLessThanOrEqual(TOL);
      const ts = tsSeries(new TS.EMA(period), close, (r) => r);
      expect(Math.abs(ts[period - 1]! - ours[key][period - 1]!)).toBeGreaterThan(1e-6); // different seed
      expect(maxDiff(ours[key], ts, CONVERGED)).toBeLessThanOrEqual(TOL);
    },
  );
});

describe('RSI 14 (Wilder)', () => {
  it('matches trading-signals (unrounded) from bar 14, technicalindicators within its 2-decimal rounding', () => {
    expect(firstDefined(ours.rsi_14)).toBe(14);
    expect(
      maxDiff(
        ours.rsi_14,
        tsSeries(new TS.RSI(14), close, (r) => r),
        0,
      ),
    ).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.rsi_14, pad(RSI.calculate({ period: 14, values: close })), 0)).toBeLessThanOrEqual(
      0.005 + TOL,
    );
  });
});

describe('MACD 12/26/9', () => {
  const m = MACD.calculate({
    values: close,
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  const tsm = new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9)).updates(close);

  it('line from bar 25, signal and histogram from bar 33', () => {
    expect(firstDefined(ours.macd.macd)).toBe(25);
    expect(firstDefined(ours.macd.signal)).toBe(33);
    expect(firstDefined(ours.macd.histogram)).toBe(33);
  });

  it('equals TA-Lib rebuilt from technicalindicators EMAs, from the first value', () => {
    // TA-Lib seeds the fast EMA over closes 14..25: an EMA(12) of closes from bar 14 on.
    const fast = pad(EMA.calculate({ period: 12, values: close.slice(14) }));
    const slow = pad(EMA.calculate({ period: 26, values: close }));
    const line = Array.from({ length: N - 25 }, (_, j) => fast[25 + j]! - slow[25 + j]!);
    const signal = pad(EMA.calculate({ period: 9, values: line }));
    expect(maxDiff(ours.macd.macd, pad(line), 0)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.macd.signal, signal, 0)).toBeLessThanOrEqual(TOL);
  });

  it('agrees with both peers once their different fast/first-price seeds have decayed', () => {
    expect(Math.abs(m[0]!.MACD! - ours.macd.macd[25]!)).toBeGreaterThan(1e-6);
    expect(maxDiff(ours.macd.macd, pad(m.map((x) => x.MACD)), CONVERGED)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.macd.signal, pad(m.map((x) => x.signal)), CONVERGED)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.macd.histogram, pad(m.map((x) => x.histogram)), CONVERGED)).toBeLessThanOrEqual(TOL);
    const pick = (f: 'macd' | 'signal' | 'histogram'): Float64Array =>
      Float64Array.from(tsm, (r) => (r ? r[f] : NaN));
    expect(maxDiff(ours.macd.macd, pick('macd'), CONVERGED)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.macd.signal, pick('signal'), CONVERGED)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.macd.histogram, pick('histogram'), CONVERGED)).toBeLessThanOrEqual(TOL);
  });
});

describe('stochastic 14/3, Bollinger 20/2, ATR 14, OBV', () => {
  it('stochastic %K from bar 13 and %D from bar 15 match both peers', () => {
    const st = Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 });
    expect(firstDefined(ours.stochastic.k)).toBe(13);
    expect(firstDefined(ours.stochastic.d)).toBe(15);
    expect(maxDiff(ours.stochastic.k, pad(st.map((x) => x.k)), 0)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.stochastic.d, pad(st.map((x) => x.d)), 0)).toBeLessThanOrEqual(TOL);
    const ts = new TS.StochasticOscillator({ kPeriod: 14, dPeriod: 3, kSlowingPeriod: 1 }).updates(candles);
    const k = Float64Array.from(ts, (r) => (r ? r.stochK : NaN));
    const d = Float64Array.from(ts, (r) => (r ? r.stochD : NaN));
    expect(maxDiff(ours.stochastic.k, k, 15)).toBeLessThanOrEqual(TOL);
    expect(maxDiff(ours.stochastic.d, d, 0)).toBeLessThanOrEqual(TOL);
  });

  it('Bollinger bands (population sd) match both peers; bandwidth = (upper − lower) / middle · 100', () => {
    const bb = BollingerBands.calculate({ period: 20, values: close, stdDev: 2 });
    const ts = new TS.BollingerBands(20, 2).updates(close);
    for (const f of ['upper', 'middle', 'lower'] as const) {
      expect(maxDiff(ours.bollinger[f], pad(bb.map((x) => x[f])), 0)).toBeLessThanOrEqual(TOL);
      expect(
        maxDiff(
          ours.bollinger[f],
          Float64Array.from(ts, (r) => (r ? r[f] : NaN)),
          0,
        ),
      ).toBeLessThanOrEqual(TOL);
    }
    const peerWidth = pad(bb.map((x) => ((x.upper - x.lower) / x.middle) * 100));
    expect(maxDiff(ours.bollinger.bandwidth, peerWidth, 0)).toBeLessThanOrEqual(TOL);
  });

  it('ATR: technicalindicators from bar 14 (first bar skipped, as TA-Lib); trading-signals once converged', () => {
    expect(firstDefined(ours.atr_14)).toBe(14);
    expect(maxDiff(ours.atr_14, pad(ATR.calculate({ high, low, close, period: 14 })), 0)).toBeLessThanOrEqual(
      TOL,
    );
    const ts = tsSeries(new TS.ATR(14), candles, (r) => r);
    expect(firstDefined(ts)).toBe(13); // it counts the first bar's high − low
    expect(maxDiff(ours.atr_14, ts, CONVERGED)).toBeLessThanOrEqual(TOL);
  });

  it('OBV starts at volume[0] (TA-Lib); both peers start at 0, i.e. ours − volume[0]', () => {
    expect(ours.obv[0]).toBe(volume[0]);
    const shifted = ours.obv.map((v) => v - volume[0]!);
    shifted[0] = NaN;
    expect(maxDiff(shifted, pad(OBV.calculate({ close, volume })), 0)).toBe(0);
    const ts = tsSeries(new TS.OBV(2), candles, (r) => r);
    expect(maxDiff(shifted, ts, 0)).toBe(0);
  });
});
