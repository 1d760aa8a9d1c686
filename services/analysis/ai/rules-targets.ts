import { clamp, quantile, type Facts } from './rules-data';
import { fairPrices } from './rules-factors-value';

/**
 * Target prices of the rule-based writer, always positive and ordered, in R$ rounded to cents.
 *
 * With fair-value models (`val.*`): the 25th percentile, median and 75th percentile of their fair
 * prices (linear interpolation), each blended half and half with the price (the models are rough;
 * the market's price is evidence too). The band is then widened to at least ±5 % around the moderate
 * target, so one model still gives three distinct targets.
 *
 * Without models: price-based bands. Moderate = price × (1 + 2 % per score point, score clamped to
 * ±5, so at most ±10 %); conservative = the nearest support when it lies within 25 % below the price,
 * else price × 0.9; optimistic = the nearest resistance when within 25 % above, else price × 1.1;
 * the moderate target is then kept between the two.
 */

export const BLEND_MODEL_WEIGHT = 0.5;
export const MIN_BAND = 0.05;
export const SCORE_STEP = 0.02;

export interface Targets {
  conservative: number;
  moderate: number;
  optimistic: number;
  /** The ids the targets rest on. */
  citations: string[];
  /** Which method gave them. */
  method: 'models' | 'price_bands';
}

const cents = (v: number): number => Math.max(0.01, Math.round(v * 100) / 100);

export function targetPrices(f: Facts, score: number): Targets {
  const p = f.price;
  const fair = fairPrices(f);
  if (fair.length > 0) {
    const values = fair.map((m) => m.value);
    const blend = (v: number): number => BLEND_MODEL_WEIGHT * v + (1 - BLEND_MODEL_WEIGHT) * p;
    const moderate = blend(quantile(values, 0.5));
    const conservative = Math.min(blend(quantile(values, 0.25)), moderate * (1 - MIN_BAND));
    const optimistic = Math.max(blend(quantile(values, 0.75)), moderate * (1 + MIN_BAND));
    return {
      conservative: cents(conservative),
      moderate: cents(moderate),
      optimistic: cents(optimistic),
      citations: [...fair.map((m) => m.id), f.priceId],
      method: 'models',
    };
  }
  const citations = [f.priceId];
  const support = f.pick('tech.support');
  const resistance = f.pick('tech.resistance');
  let conservative = p * 0.9;
  if (support && support.value < p && support.value >= p * 0.75) {
    conservative = support.value;
    citations.push(support.id);
  }
  let optimistic = p * 1.1;
  if (resistance && resistance.value > p && resistance.value <= p * 1.25) {
    optimistic = resistance.value;
    citations.push(resistance.id);
  }
  const moderate = clamp(p * (1 + SCORE_STEP * clamp(score, -5, 5)), conservative, optimistic);
  return {
    conservative: cents(conservative),
    moderate: cents(moderate),
    optimistic: cents(optimistic),
    citations,
    method: 'price_bands',
  };
}
