import type { AlertKind } from '../../contract/portfolio';

/** One value a rule looked at, with where it came from. */
export interface DataPoint {
  label: string;
  value: number | string | null;
  source: string;
}

export interface Evaluation {
  /** null: the inputs are missing, the rule keeps its state and nothing fires. */
  holds: boolean | null;
  data: DataPoint[];
  message: string;
}

/** Default levels when a rule gives none. */
export const DEFAULT_THRESHOLD: Partial<Record<AlertKind, number>> = {
  rsi_below: 30,
  rsi_above: 70,
  negative_news: -0.6,
  stale_data: 7,
  below_bazin: 6,
};

export interface LevelInputs {
  price?: DataPoint | null;
  level?: DataPoint | null;
}

/** A level rule: price vs a level, RSI vs a level, price vs a ceiling, a weight or an age vs N. */
export function compare(
  kind: AlertKind,
  ticker: string,
  value: DataPoint | null,
  level: DataPoint | null,
): Evaluation {
  const data = [value, level].filter((d): d is DataPoint => d !== null);
  if (!value || typeof value.value !== 'number' || !level || typeof level.value !== 'number')
    return { holds: null, data, message: `${ticker}: ${kind} not evaluated (data missing)` };
  const v = value.value;
  const l = level.value;
  const above =
    kind === 'price_above' || kind === 'rsi_above' || kind === 'weight_above' || kind === 'stale_data';
  const holds = above ? v > l : v < l;
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
  return {
    holds,
    data,
    message: `${ticker}: ${value.label} ${fmt(v)} ${above ? '>' : '<'} ${level.label} ${fmt(l)}`,
  };
}

/**
 * Firing: a level rule fires when its condition starts to hold (false → true) and re-arms when it
 * stops; an unknown reading (null) changes nothing.
 */
export function transition(wasActive: boolean, now: boolean | null): { fire: boolean; active: boolean } {
  if (now === null) return { fire: false, active: wasActive };
  return { fire: now && !wasActive, active: now };
}
