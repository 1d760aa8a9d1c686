/**
 * Benjamin Graham's two values.
 *
 * - Graham number (The Intelligent Investor): √(22.5 · LPA · VPA), i.e. the price at which
 *   P/L × P/VP = 15 × 1.5. Only when LPA > 0 and VPA > 0.
 * - Revised Graham formula (1974): V = LPA · (8.5 + 2g) · 4.4 / Y, g the expected yearly growth in
 *   percent, Y the current yield of high-grade bonds in percent (4.4 was the AAA yield of 1962). Here
 *   Y is the Selic rate (percent a year). g is capped at `max_growth_pct` (15 by default: the formula
 *   was meant for moderate growth and explodes above it); LPA ≤ 0, Y ≤ 0 or 8.5 + 2g ≤ 0 give no value.
 */
import { isNum, notValued, valued, type ValuationResult } from './types';

export function grahamNumber(i: {
  lpa: number | null;
  vpa: number | null;
  price: number | null;
}): ValuationResult {
  const inputs = { lpa: i.lpa, vpa: i.vpa, price: i.price };
  if (!isNum(i.lpa) || !isNum(i.vpa)) return notValued('graham_number', inputs, 'LPA or VPA missing');
  if (i.lpa <= 0 || i.vpa <= 0) return notValued('graham_number', inputs, 'only for LPA > 0 and VPA > 0');
  return valued('graham_number', Math.sqrt(22.5 * i.lpa * i.vpa), i.price, inputs);
}

export interface GrahamRevisedInput {
  lpa: number | null;
  /** Expected yearly earnings growth, percent (e.g. the 5-year earnings CAGR). */
  growth_pct: number | null;
  /** Selic, percent a year: the Y of the formula. */
  selic_pct: number | null;
  price: number | null;
  max_growth_pct?: number;
}

export function grahamRevised(i: GrahamRevisedInput): ValuationResult {
  const cap = i.max_growth_pct ?? 15;
  const inputs = {
    lpa: i.lpa,
    growth_pct: i.growth_pct,
    selic_pct: i.selic_pct,
    max_growth_pct: cap,
    price: i.price,
  };
  if (!isNum(i.lpa) || !isNum(i.growth_pct) || !isNum(i.selic_pct)) {
    return notValued('graham_revised', inputs, 'LPA, growth or Selic missing');
  }
  if (i.lpa <= 0) return notValued('graham_revised', inputs, 'only for LPA > 0');
  if (i.selic_pct <= 0) return notValued('graham_revised', inputs, 'Y (Selic) must be > 0');
  const g = Math.min(i.growth_pct, cap);
  const multiple = 8.5 + 2 * g;
  if (multiple <= 0) return notValued('graham_revised', { ...inputs, growth_used_pct: g }, '8.5 + 2g ≤ 0');
  const value = (i.lpa * multiple * 4.4) / i.selic_pct;
  const note = g < i.growth_pct ? `growth capped at ${cap}%` : undefined;
  return valued('graham_revised', value, i.price, { ...inputs, growth_used_pct: g, multiple }, note);
}
