/**
 * Dividend-based values.
 *
 * - Bazin ceiling (Décio Bazin, "Faça Fortuna com Ações"): the price at which the dividends the
 *   company has been paying yield the desired 6%: average yearly cash distributions per share ÷ 6%.
 *   Three variants by the history averaged: 5 years (ex-dates in the 60 months to asOf ÷ 5),
 *   3 years (36 months ÷ 3) and 12 months (the last 12 months' sum). Dividends and gross JCP count.
 * - Barsi ceiling: Brazilian sources give Luiz Barsi the same "preço-teto" (expected dividend ÷ 6%)
 *   and differ on the dividend; we adopt the forward-looking reading of the "Jeito Barsi de
 *   Investir" (the "preço-teto projetivo"): the expected dividend is what the current earnings pay
 *   at the company's usual payout, LPA × payout ÷ 6%, so it answers "what will it pay" where Bazin
 *   answers "what has it paid". Pass a several-year average payout where you have one; payout is
 *   capped at 100%.
 * - Gordon growth model: P = D1 ÷ (k − g), D1 = D0 · (1 + g), D0 = the last 12 months' dividends per
 *   share. k defaults to Selic + a 5-point equity premium; g defaults to 3% a year (the inflation
 *   target: no real growth). No value unless k > g.
 */
import { dividendsInWindow } from '../fundamental/dividends';
import type { DividendLine } from '../fundamental/statement-types';
import { isNum, notValued, valued, type ValuationResult } from './types';

export const DEFAULT_DESIRED_YIELD_PCT = 6;
export const DEFAULT_EQUITY_PREMIUM_PCT = 5;
export const DEFAULT_GORDON_GROWTH_PCT = 3;

export type BazinVariant = '5y' | '3y' | '12m';
const MONTHS: Record<BazinVariant, number> = { '5y': 60, '3y': 36, '12m': 12 };

export interface BazinInput {
  dividends: readonly DividendLine[];
  asOf: string;
  price: number | null;
  desired_yield_pct?: number;
  /** The first ex-date the dividend history is complete from; a window starting earlier gives no value. */
  history_start?: string | null;
}

export function bazinCeiling(i: BazinInput, variant: BazinVariant): ValuationResult {
  const model = `bazin_${variant}`;
  const yieldPct = i.desired_yield_pct ?? DEFAULT_DESIRED_YIELD_PCT;
  const w = dividendsInWindow(i.dividends, i.asOf, MONTHS[variant]);
  const years = MONTHS[variant] / 12;
  const average = w.per_share / years;
  const inputs = {
    dividends_per_share: w.per_share,
    distributions: w.count,
    years,
    average_per_year: average,
    desired_yield_pct: yieldPct,
    window_from_exclusive: w.from,
    window_to: w.to,
    price: i.price,
  };
  if (i.history_start && i.history_start > w.from) {
    return notValued(model, inputs, `dividend history starts on ${i.history_start}, after the window`);
  }
  if (!(yieldPct > 0)) return notValued(model, inputs, 'desired yield must be > 0');
  if (w.count === 0 || average <= 0) return notValued(model, inputs, 'no cash distributions in the window');
  return valued(model, average / (yieldPct / 100), i.price, inputs);
}

export function bazinCeilings(i: BazinInput): ValuationResult[] {
  return (['5y', '3y', '12m'] as const).map((v) => bazinCeiling(i, v));
}

export interface BarsiInput {
  lpa: number | null;
  /** Usual payout, percent of earnings (a several-year average is best). */
  payout_pct: number | null;
  price: number | null;
  desired_yield_pct?: number;
}

export function barsiCeiling(i: BarsiInput): ValuationResult {
  const yieldPct = i.desired_yield_pct ?? DEFAULT_DESIRED_YIELD_PCT;
  const inputs = { lpa: i.lpa, payout_pct: i.payout_pct, desired_yield_pct: yieldPct, price: i.price };
  if (!isNum(i.lpa) || !isNum(i.payout_pct)) return notValued('barsi', inputs, 'LPA or payout missing');
  if (i.lpa <= 0) return notValued('barsi', inputs, 'only for LPA > 0');
  if (i.payout_pct <= 0) return notValued('barsi', inputs, 'the company pays no dividends (payout ≤ 0)');
  if (!(yieldPct > 0)) return notValued('barsi', inputs, 'desired yield must be > 0');
  const payout = Math.min(i.payout_pct, 100);
  const expected = (i.lpa * payout) / 100;
  const note = payout < i.payout_pct ? 'payout capped at 100%' : undefined;
  return valued(
    'barsi',
    expected / (yieldPct / 100),
    i.price,
    { ...inputs, expected_dividend: expected },
    note,
  );
}

export interface GordonInput {
  /** D0: the last 12 months' cash distributions per share. */
  dps_12m: number | null;
  price: number | null;
  /** Required return, percent a year; default Selic + equity premium. */
  k_pct?: number | null;
  selic_pct?: number | null;
  equity_premium_pct?: number;
  /** Perpetual dividend growth, percent a year. */
  growth_pct?: number;
}

export function gordon(i: GordonInput): ValuationResult {
  const premium = i.equity_premium_pct ?? DEFAULT_EQUITY_PREMIUM_PCT;
  const g = i.growth_pct ?? DEFAULT_GORDON_GROWTH_PCT;
  const k = isNum(i.k_pct) ? i.k_pct : isNum(i.selic_pct) ? i.selic_pct + premium : null;
  const inputs = {
    dps_12m: i.dps_12m,
    k_pct: k,
    selic_pct: i.selic_pct ?? null,
    equity_premium_pct: isNum(i.k_pct) ? null : premium,
    growth_pct: g,
    price: i.price,
  };
  if (!isNum(i.dps_12m) || k === null)
    return notValued('gordon', inputs, 'dividends or required return missing');
  if (i.dps_12m <= 0) return notValued('gordon', inputs, 'no dividends in the last 12 months');
  if (k <= g) return notValued('gordon', inputs, 'the required return must exceed the growth (k > g)');
  const d1 = i.dps_12m * (1 + g / 100);
  return valued('gordon', d1 / ((k - g) / 100), i.price, { ...inputs, d1 });
}
