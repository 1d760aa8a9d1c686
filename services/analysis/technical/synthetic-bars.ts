/**
 * Deterministic synthetic daily bars for the tests and the benchmark (no I/O, no Math.random): a
 * mean-reverting random walk of the log price (Ornstein–Uhlenbeck around 100, 2 % daily moves, so a
 * million bars stay roughly between 25 and 400), prices rounded to cents like real quotes, integer
 * volumes.
 */

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticColumns {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** `n` bars from `seed`; dates are consecutive calendar days from 2000-01-03 (weekends included). */
export function syntheticColumns(n: number, seed = 42): SyntheticColumns {
  const rnd = mulberry32(seed);
  const normal = (): number => {
    const u = 1 - rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const cols: SyntheticColumns = {
    dates: new Array<string>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const mu = Math.log(100);
  let logP = mu;
  let prevClose = 100;
  const day0 = Date.UTC(2000, 0, 3);
  for (let i = 0; i < n; i++) {
    logP += 0.002 * (mu - logP) + 0.02 * normal();
    const close = Math.max(0.01, cents(Math.exp(logP)));
    const open = Math.max(0.01, cents(prevClose * (1 + 0.005 * normal())));
    cols.open[i] = open;
    cols.close[i] = close;
    cols.high[i] = cents(Math.max(open, close) * (1 + Math.abs(0.01 * normal())));
    cols.low[i] = Math.max(0.01, cents(Math.min(open, close) * (1 - Math.abs(0.01 * normal()))));
    cols.volume[i] = Math.round(1e6 * Math.exp(0.5 * normal()));
    cols.dates[i] = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10);
    prevClose = close;
  }
  return cols;
}

/** The same bars as objects. */
export function syntheticBars(
  n: number,
  seed = 42,
): { date: string; open: number; high: number; low: number; close: number; volume: number }[] {
  const c = syntheticColumns(n, seed);
  return c.dates.map((date, i) => ({
    date,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  }));
}
