/** One daily bar, oldest first; prices finite, volume ≥ 0. */
export interface DailyBar {
  /** ISO date YYYY-MM-DD. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface MacdValue {
  macd: number;
  signal: number;
  histogram: number;
}

export interface StochasticValue {
  k: number;
  d: number;
}

export interface BollingerValue {
  upper: number;
  middle: number;
  lower: number;
  bandwidth: number;
}

export interface PivotLevels {
  p: number;
  r1: number;
  r2: number;
  r3: number;
  s1: number;
  s2: number;
  s3: number;
}

/** Latest value of each indicator; null when the bars are fewer than it needs. */
export interface TechnicalIndicators {
  sma_20: number | null;
  sma_50: number | null;
  sma_200: number | null;
  ema_9: number | null;
  ema_21: number | null;
  rsi_14: number | null;
  macd: MacdValue | null;
  stochastic: StochasticValue | null;
  bollinger: BollingerValue | null;
  atr_14: number | null;
  obv: number | null;
  volume_sma_20: number | null;
  /** Levels in force on the last bar, from the bar before it. */
  pivots: PivotLevels | null;
}

/** Fewest bars that give each indicator a value. */
export const MIN_BARS: Record<keyof TechnicalIndicators, number> = {
  sma_20: 20,
  sma_50: 50,
  sma_200: 200,
  ema_9: 9,
  ema_21: 21,
  rsi_14: 15,
  macd: 34,
  stochastic: 16,
  bollinger: 20,
  atr_14: 15,
  obv: 1,
  volume_sma_20: 20,
  pivots: 2,
};

export type Direction = 'UP' | 'DOWN' | 'SIDEWAYS';
export type Signal = 'BUY' | 'SELL' | 'NEUTRAL';
export type Inputs = Record<string, number | null>;

export interface TrendReading {
  direction: Direction;
  /** 0–100. */
  strength: number;
  reason: string;
  inputs: Inputs;
}

export interface SignalReading {
  signal: Signal;
  reason: string;
  inputs: Inputs;
}

export interface Signals {
  overall: SignalReading;
  trend: SignalReading;
  momentum: SignalReading;
  volatility: SignalReading;
}

export type PatternType =
  | 'golden_cross'
  | 'death_cross'
  | 'macd_bullish_cross'
  | 'macd_bearish_cross'
  | 'bollinger_squeeze'
  | 'bollinger_upper_touch'
  | 'bollinger_lower_touch';

export interface Pattern {
  type: PatternType;
  /** The bar where it happened (for squeezes and touches: the first bar of the run). */
  date: string;
  description: string;
  values: Record<string, number>;
}

export interface SupportResistance {
  /** Clustered swing levels below the last close, nearest first. */
  support: number[];
  /** Clustered swing levels above the last close, nearest first. */
  resistance: number[];
}

export type Column = (number | null)[];

/** Full series, aligned with `dates`, null during warm-up. */
export interface TechnicalSeries {
  dates: string[];
  sma_20: Column;
  sma_50: Column;
  sma_200: Column;
  ema_9: Column;
  ema_21: Column;
  rsi_14: Column;
  macd: { macd: Column; signal: Column; histogram: Column };
  stochastic: { k: Column; d: Column };
  bollinger: { upper: Column; middle: Column; lower: Column; bandwidth: Column };
  atr_14: Column;
  obv: Column;
  volume_sma_20: Column;
  pivots: { p: Column; r1: Column; r2: Column; r3: Column; s1: Column; s2: Column; s3: Column };
}

export interface TechnicalsResult {
  /** Number of bars read and the last bar's date (null when there are none). */
  bars: number;
  as_of: string | null;
  indicators: TechnicalIndicators;
  trend: TrendReading;
  signals: Signals;
  patterns: Pattern[];
  support_resistance: SupportResistance;
  /**
   * Each reading the bars are too few for: its window and the bars there are (issue 15: one trading
   * day must say "too little data", not "sideways, strength 0, neutral"). `trend` is listed when
   * neither its SMA50 nor its 20-bar regression exists (its direction is then no reading at all).
   */
  insufficient: { indicator: string; needs: number; bars: number }[];
  series?: TechnicalSeries;
}

export interface TechnicalsOptions {
  /** Include the full series (default false). */
  series?: boolean;
  /** Patterns are reported over the last this many bars (default 250). */
  patternBars?: number;
  /** A swing high/low beats this many bars on each side (default 5). */
  swingWindow?: number;
  /** Swing points are taken from the last this many bars (default 250). */
  levelBars?: number;
  /** Swing levels within this fraction of each other form one level (default 0.015). */
  levelTolerance?: number;
  /** At most this many support and this many resistance levels (default 5). */
  maxLevels?: number;
}
