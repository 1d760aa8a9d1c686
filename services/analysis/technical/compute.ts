import { findPatterns } from './patterns';
import { computeSeriesSet, toColumns, type SeriesSet } from './series-set';
import { computeSignals } from './signals';
import { supportResistance } from './support-resistance';
import { TREND_WINDOW, trendReading } from './trend';
import { MIN_BARS } from './types';
import type {
  Column,
  DailyBar,
  TechnicalIndicators,
  TechnicalsOptions,
  TechnicalsResult,
  TechnicalSeries,
} from './types';

const at = (a: Float64Array, i: number): number | null => {
  const v = a[i];
  return v === undefined || Number.isNaN(v) ? null : v;
};

/** Each field at bar i, or null when any of them is missing. */
function group<K extends string>(parts: Record<K, Float64Array>, i: number): Record<K, number> | null {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(parts) as K[]) {
    const v = at(parts[key], i);
    if (v === null) return null;
    out[key] = v;
  }
  return out;
}

function latest(s: SeriesSet, i: number): TechnicalIndicators {
  const { upper, middle, lower, bandwidth } = s.bollinger;
  return {
    sma_20: at(s.sma_20, i),
    sma_50: at(s.sma_50, i),
    sma_200: at(s.sma_200, i),
    ema_9: at(s.ema_9, i),
    ema_21: at(s.ema_21, i),
    rsi_14: at(s.rsi_14, i),
    macd: group(s.macd, i),
    stochastic: group({ k: s.stochastic.k, d: s.stochastic.d }, i),
    bollinger: group({ upper, middle, lower, bandwidth }, i),
    atr_14: at(s.atr_14, i),
    obv: at(s.obv, i),
    volume_sma_20: at(s.volume_sma_20, i),
    pivots: group(s.pivots, i),
  };
}

const column = (a: Float64Array): Column => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

function columns<K extends string>(parts: Record<K, Float64Array>): Record<K, Column> {
  const out = {} as Record<K, Column>;
  for (const key of Object.keys(parts) as K[]) out[key] = column(parts[key]);
  return out;
}

function toSeries(dates: string[], s: SeriesSet): TechnicalSeries {
  const { upper, middle, lower, bandwidth } = s.bollinger;
  return {
    dates,
    sma_20: column(s.sma_20),
    sma_50: column(s.sma_50),
    sma_200: column(s.sma_200),
    ema_9: column(s.ema_9),
    ema_21: column(s.ema_21),
    rsi_14: column(s.rsi_14),
    macd: columns(s.macd),
    stochastic: columns({ k: s.stochastic.k, d: s.stochastic.d }),
    bollinger: columns({ upper, middle, lower, bandwidth }),
    atr_14: column(s.atr_14),
    obv: column(s.obv),
    volume_sma_20: column(s.volume_sma_20),
    pivots: columns(s.pivots),
  };
}

/**
 * The technical picture of one instrument from its daily bars (oldest first, strictly ascending
 * dates, else RangeError): the latest value of every indicator (null while the bars are fewer than
 * it needs, see MIN_BARS), the trend, the signals, recent patterns, support/resistance from swing
 * points and, with `series: true`, every series aligned with the bars' dates.
 */
export function computeTechnicals(bars: readonly DailyBar[], opts: TechnicalsOptions = {}): TechnicalsResult {
  const cols = toColumns(bars);
  const s = computeSeriesSet(cols);
  const n = bars.length;
  const last = n - 1;
  const indicators = latest(s, last);
  const close = n > 0 ? cols.close[last]! : null;
  const trend = trendReading(cols.close, indicators.sma_50, indicators.sma_200);
  const range = at(s.stochastic.range, last);
  const insufficient: TechnicalsResult['insufficient'] = (Object.keys(MIN_BARS) as (keyof typeof MIN_BARS)[])
    .filter((k) => n < MIN_BARS[k])
    .map((k) => ({ indicator: k, needs: MIN_BARS[k], bars: n }));
  if (n < Math.min(TREND_WINDOW, MIN_BARS.sma_50))
    insufficient.unshift({ indicator: 'trend', needs: Math.min(TREND_WINDOW, MIN_BARS.sma_50), bars: n });
  const result: TechnicalsResult = {
    bars: n,
    as_of: n > 0 ? cols.dates[last]! : null,
    indicators,
    trend,
    signals: computeSignals(indicators, trend, close, range === 0),
    patterns: findPatterns(cols, s, opts.patternBars ?? 250),
    support_resistance: supportResistance(cols.high, cols.low, cols.close, {
      window: opts.swingWindow ?? 5,
      bars: opts.levelBars ?? 250,
      tolerance: opts.levelTolerance ?? 0.015,
      max: opts.maxLevels ?? 5,
    }),
    insufficient,
  };
  if (opts.series) result.series = toSeries(cols.dates, s);
  return result;
}
