/**
 * The benchmark's cases: for each indicator of the technical set, our series function and the same
 * indicator in technicalindicators 3.1.0 (`X.calculate({...})`, its only bulk path) and
 * trading-signals 8.3.0 (`new X(...).updates(inputs)`, its bulk path), each given its own input
 * format prepared beforehand (ours: Float64Array columns; technicalindicators: number[];
 * trading-signals: number[] or candle objects). Only the library call is timed; aligning a peer's
 * output onto the bars (NaN where it has no value) happens after.
 */
import * as TI from 'technicalindicators';
import * as TS from 'trading-signals';
import {
  atr,
  bollinger,
  ema,
  macd,
  obv,
  pivots,
  rsi,
  sma,
  stochastic,
} from '../../services/analysis/technical/index';
import type { SyntheticColumns } from '../../services/analysis/technical/synthetic-bars';

export type Parts = Record<string, Float64Array>;

export interface Side {
  /** The timed call. */
  run: () => unknown;
  /** Its output as series over the bars, keyed like ours. */
  align: (raw: unknown) => Parts;
  /** Compare from this bar (where differently seeded peers have converged). */
  from: number;
  /** Rounded output: compared with this tolerance instead of 1e-9. */
  rounded?: number;
}

export interface Case {
  name: string;
  ours: () => Parts;
  ti: Side | null;
  ts: Side | null;
}

/** Bars where a differently seeded EMA/Wilder average has decayed far below 1e-9. */
export const CONVERGED = 1000;

/** Right-align a shorter output onto n bars. */
function pad(n: number, values: readonly (number | null | undefined)[]): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  const offset = n - values.length;
  for (let i = 0; i < values.length; i++) out[offset + i] = values[i] ?? NaN;
  return out;
}

function side<R>(run: () => R, align: (raw: R) => Parts, from: number, rounded?: number): Side {
  return { run, align: align as (raw: unknown) => Parts, from, rounded };
}

const pick = <R, K extends string>(
  n: number,
  rows: readonly (R | null | undefined)[],
  keys: Record<K, (r: R) => number | undefined>,
): Record<K, Float64Array> => {
  const out = {} as Record<K, Float64Array>;
  for (const k of Object.keys(keys) as K[])
    out[k] = pad(
      n,
      rows.map((r) => (r == null ? NaN : keys[k](r))),
    );
  return out;
};

export function makeCases(c: SyntheticColumns): Case[] {
  const n = c.close.length;
  const close = Array.from(c.close);
  const high = Array.from(c.high);
  const low = Array.from(c.low);
  const volume = Array.from(c.volume);
  const candles = close.map((cl, i) => ({
    open: c.open[i]!,
    high: high[i]!,
    low: low[i]!,
    close: cl,
    volume: volume[i]!,
  }));
  const one = (raw: readonly (number | null | undefined)[]): Parts => ({ value: pad(n, raw) });

  const smaCase = (name: string, values: number[], col: Float64Array, period: number): Case => ({
    name,
    ours: () => ({ value: sma(col, period) }),
    ti: side(() => TI.SMA.calculate({ period, values }), one, 0),
    ts: side(() => new TS.SMA(period).updates(values), one, 0),
  });
  const emaCase = (period: number): Case => ({
    name: `ema_${period}`,
    ours: () => ({ value: ema(c.close, period) }),
    ti: side(() => TI.EMA.calculate({ period, values: close }), one, 0),
    ts: side(() => new TS.EMA(period).updates(close), one, CONVERGED),
  });
  const obvShift = (raw: readonly (number | null | undefined)[]): Parts => {
    const v = pad(n, raw);
    for (let i = 1; i < n; i++) v[i] = v[i]! + volume[0]!; // peers start at 0, TA-Lib at volume[0]
    return { value: v };
  };

  return [
    smaCase('sma_20', close, c.close, 20),
    smaCase('sma_50', close, c.close, 50),
    smaCase('sma_200', close, c.close, 200),
    emaCase(9),
    emaCase(21),
    {
      name: 'rsi_14',
      ours: () => ({ value: rsi(c.close, 14) }),
      ti: side(() => TI.RSI.calculate({ period: 14, values: close }), one, 0, 0.005),
      ts: side(() => new TS.RSI(14).updates(close), one, 0),
    },
    {
      name: 'macd 12/26/9',
      ours: () => ({ ...macd(c.close, 12, 26, 9) }),
      ti: side(
        () =>
          TI.MACD.calculate({
            values: close,
            fastPeriod: 12,
            slowPeriod: 26,
            signalPeriod: 9,
            SimpleMAOscillator: false,
            SimpleMASignal: false,
          }),
        (rows) =>
          pick(n, rows, { macd: (r) => r.MACD, signal: (r) => r.signal, histogram: (r) => r.histogram }),
        CONVERGED,
      ),
      ts: side(
        () => new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9)).updates(close),
        (rows) =>
          pick(n, rows, { macd: (r) => r.macd, signal: (r) => r.signal, histogram: (r) => r.histogram }),
        CONVERGED,
      ),
    },
    {
      name: 'stochastic 14/3',
      ours: () => {
        const s = stochastic(c.high, c.low, c.close, 14, 3);
        return { k: s.k, d: s.d };
      },
      ti: side(
        () => TI.Stochastic.calculate({ high, low, close, period: 14, signalPeriod: 3 }),
        (rows) => pick(n, rows, { k: (r) => r.k, d: (r) => r.d }),
        0,
      ),
      ts: side(
        () => new TS.StochasticOscillator({ kPeriod: 14, dPeriod: 3, kSlowingPeriod: 1 }).updates(candles),
        (rows) => pick(n, rows, { k: (r) => r.stochK, d: (r) => r.stochD }),
        15,
      ),
    },
    {
      name: 'bollinger 20/2',
      ours: () => {
        const b = bollinger(c.close, 20, 2);
        return { upper: b.upper, middle: b.middle, lower: b.lower };
      },
      ti: side(
        () => TI.BollingerBands.calculate({ period: 20, values: close, stdDev: 2 }),
        (rows) => pick(n, rows, { upper: (r) => r.upper, middle: (r) => r.middle, lower: (r) => r.lower }),
        0,
      ),
      ts: side(
        () => new TS.BollingerBands(20, 2).updates(close),
        (rows) => pick(n, rows, { upper: (r) => r.upper, middle: (r) => r.middle, lower: (r) => r.lower }),
        0,
      ),
    },
    {
      name: 'atr_14',
      ours: () => ({ value: atr(c.high, c.low, c.close, 14) }),
      ti: side(() => TI.ATR.calculate({ high, low, close, period: 14 }), one, 0),
      ts: side(() => new TS.ATR(14).updates(candles), one, CONVERGED),
    },
    {
      name: 'obv',
      ours: () => ({ value: obv(c.close, c.volume) }),
      ti: side(() => TI.OBV.calculate({ close, volume }), obvShift, 1),
      ts: side(() => new TS.OBV(2).updates(candles), obvShift, 1),
    },
    smaCase('volume_sma_20', volume, c.volume, 20),
    { name: 'pivots (classic)', ours: () => ({ ...pivots(c.high, c.low, c.close) }), ti: null, ts: null },
  ];
}
