/**
 * The `valuation` block of one ticker: every per-share model with its inputs and the upside to the
 * last price. The Magic Formula ranks a universe and is exported separately (`magicFormulaRank`).
 */
import type { DividendLine } from '../fundamental/statement-types';
import { fcffDcf, type DcfAssumptions, type DcfInput } from './dcf';
import { barsiCeiling, bazinCeilings, gordon } from './dividend-models';
import { grahamNumber, grahamRevised } from './graham';
import type { ValuationResult } from './types';

export { fcffDcf, DEFAULT_DCF_ASSUMPTIONS, type DcfAssumptions, type DcfInput } from './dcf';
export { barsiCeiling, bazinCeiling, bazinCeilings, gordon } from './dividend-models';
export { grahamNumber, grahamRevised } from './graham';
export { magicFormulaRank, FINANCIAL_SECTOR_FRAGMENTS, type MagicFormulaEntry } from './magic-formula';
export { upsidePct, type ValuationResult } from './types';

export interface ValuationInput {
  asOf: string;
  price: number | null;
  lpa: number | null;
  vpa: number | null;
  /** Selic, percent a year (Graham's Y, the base of k and WACC). */
  selic_pct: number | null;
  /** Expected earnings growth for Graham, percent (e.g. the 5-year earnings CAGR). */
  earnings_growth_pct: number | null;
  /** Usual payout for Barsi, percent. */
  payout_pct: number | null;
  dividends: readonly DividendLine[];
  /** The first ex-date the dividend history is complete from. */
  dividend_history_start?: string | null;
  /** From `computeFundamentals(...).dcf_inputs`. */
  dcf: Omit<DcfInput, 'price' | 'selic_pct' | 'assumptions'>;
  dcf_assumptions?: Partial<DcfAssumptions>;
  gordon?: { k_pct?: number | null; equity_premium_pct?: number; growth_pct?: number };
  desired_yield_pct?: number;
}

export function valuationModels(i: ValuationInput): ValuationResult[] {
  const bazin = bazinCeilings({
    dividends: i.dividends,
    asOf: i.asOf,
    price: i.price,
    history_start: i.dividend_history_start ?? null,
    ...(i.desired_yield_pct === undefined ? {} : { desired_yield_pct: i.desired_yield_pct }),
  });
  const dps12 = bazin.find((b) => b.model === 'bazin_12m')?.inputs.dividends_per_share;
  return [
    grahamNumber({ lpa: i.lpa, vpa: i.vpa, price: i.price }),
    grahamRevised({ lpa: i.lpa, growth_pct: i.earnings_growth_pct, selic_pct: i.selic_pct, price: i.price }),
    ...bazin,
    barsiCeiling({
      lpa: i.lpa,
      payout_pct: i.payout_pct,
      price: i.price,
      ...(i.desired_yield_pct === undefined ? {} : { desired_yield_pct: i.desired_yield_pct }),
    }),
    gordon({
      dps_12m: typeof dps12 === 'number' ? dps12 : null,
      price: i.price,
      selic_pct: i.selic_pct,
      ...i.gordon,
    }),
    fcffDcf({
      ...i.dcf,
      price: i.price,
      selic_pct: i.selic_pct,
      ...(i.dcf_assumptions ? { assumptions: i.dcf_assumptions } : {}),
    }),
  ];
}
