import { checkPeriod, nanSeries, type Values } from './moving-averages';

export interface StochasticSeries {
  /** %K = 100 · (close − LL) / (HH − LL) over the last kPeriod bars. */
  k: Float64Array;
  /** %D = SMA(dPeriod) of %K. */
  d: Float64Array;
  /** The kPeriod range HH − LL (0 marks a flat window, where %K is defined as 0). */
  range: Float64Array;
}

/**
 * Fast stochastic (TA-Lib TA_STOCHF with an SMA %D): %K from index kPeriod − 1, %D from
 * kPeriod + dPeriod − 2, %D being the plain mean of the last dPeriod %K values. A flat window
 * (HH = LL) gives %K = 0, as TA-Lib, technicalindicators and trading-signals all do; `range` lets
 * callers tell that case apart. One pass: the running highest high / lowest low are kept with the
 * bar they came from and rescanned only when that bar leaves the window.
 */
export function stochastic(
  high: Values,
  low: Values,
  close: Values,
  kPeriod = 14,
  dPeriod = 3,
): StochasticSeries {
  checkPeriod(kPeriod);
  checkPeriod(dPeriod);
  const n = close.length;
  const k = nanSeries(n, kPeriod - 1);
  const range = nanSeries(n, kPeriod - 1);
  const d = nanSeries(n, kPeriod + dPeriod - 2);
  let hh = -Infinity;
  let hhAt = -1;
  let ll = Infinity;
  let llAt = -1;
  for (let i = 0; i < n; i++) {
    const from = i - kPeriod + 1;
    if (hhAt < from) {
      hh = -Infinity;
      for (let j = Math.max(0, from); j <= i; j++)
        if (high[j]! >= hh) {
          hh = high[j]!;
          hhAt = j;
        }
    } else if (high[i]! >= hh) {
      hh = high[i]!;
      hhAt = i;
    }
    if (llAt < from) {
      ll = Infinity;
      for (let j = Math.max(0, from); j <= i; j++)
        if (low[j]! <= ll) {
          ll = low[j]!;
          llAt = j;
        }
    } else if (low[i]! <= ll) {
      ll = low[i]!;
      llAt = i;
    }
    if (from < 0) continue;
    const r = hh - ll;
    range[i] = r;
    k[i] = r === 0 ? 0 : ((close[i]! - ll) / r) * 100;
    if (from >= dPeriod - 1) {
      let sum = 0;
      for (let j = i - dPeriod + 1; j <= i; j++) sum += k[j]!;
      d[i] = sum / dPeriod;
    }
  }
  return { k, d, range };
}
