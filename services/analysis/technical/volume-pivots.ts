import { nanSeries, type Values } from './moving-averages';

/**
 * On-balance volume as TA-Lib's TA_OBV: OBV[0] = volume[0], then + volume on an up close, − volume
 * on a down close, unchanged on an equal close. (technicalindicators and trading-signals start at 0
 * on the second bar: their value is ours − volume[0].)
 */
export function obv(close: Values, volume: Values): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let acc = volume[0]!;
  out[0] = acc;
  for (let i = 1; i < n; i++) {
    const c = close[i]!;
    const pc = close[i - 1]!;
    if (c > pc) acc += volume[i]!;
    else if (c < pc) acc -= volume[i]!;
    out[i] = acc;
  }
  return out;
}

export interface PivotSeries {
  p: Float64Array;
  r1: Float64Array;
  r2: Float64Array;
  r3: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  s3: Float64Array;
}

/**
 * Classic (floor) pivots in force on bar i, computed from the previous bar's high H, low L, close C:
 * P = (H + L + C) / 3; R1 = 2P − L; S1 = 2P − H; R2 = P + (H − L); S2 = P − (H − L);
 * R3 = H + 2(P − L); S3 = L − 2(H − P). Index 0 is NaN.
 */
export function pivots(high: Values, low: Values, close: Values): PivotSeries {
  const n = close.length;
  const make = (): Float64Array => nanSeries(n, 1);
  const out: PivotSeries = {
    p: make(),
    r1: make(),
    r2: make(),
    r3: make(),
    s1: make(),
    s2: make(),
    s3: make(),
  };
  for (let i = 1; i < n; i++) {
    const h = high[i - 1]!;
    const l = low[i - 1]!;
    const p = (h + l + close[i - 1]!) / 3;
    out.p[i] = p;
    out.r1[i] = 2 * p - l;
    out.s1[i] = 2 * p - h;
    out.r2[i] = p + (h - l);
    out.s2[i] = p - (h - l);
    out.r3[i] = h + 2 * (p - l);
    out.s3[i] = l - 2 * (h - p);
  }
  return out;
}
