/**
 * Cash distributions per share over a window of ex-dates. Counted types: DIVIDENDO, JCP (gross,
 * before the 15% withholding, as the sites show it) and RENDIMENTO (FII); OUTRO is left out (it
 * holds bonus shares and subscription rights on some sites). A value is per `per_shares` shares.
 * The window is (asOf − months, asOf]: an ex-date exactly `months` before asOf is outside.
 */
import { addMonths, dayOf } from './dates';
import type { DividendLine } from './statement-types';

export const CASH_DIVIDEND_TYPES: readonly string[] = ['DIVIDENDO', 'JCP', 'RENDIMENTO'];

export interface DividendWindow {
  /** R$ per share. */
  per_share: number;
  /** Distributions counted. */
  count: number;
  /** Exclusive start and inclusive end of the ex-date window. */
  from: string;
  to: string;
}

export function dividendsInWindow(
  dividends: readonly DividendLine[],
  asOf: string,
  months: number,
  types: readonly string[] = CASH_DIVIDEND_TYPES,
): DividendWindow {
  const to = dayOf(asOf);
  const from = addMonths(to, -months);
  let perShare = 0;
  let count = 0;
  for (const d of dividends) {
    const ex = dayOf(d.ex_date);
    if (ex <= from || ex > to || !types.includes(d.type) || !(d.per_shares > 0)) continue;
    perShare += d.value / d.per_shares;
    count++;
  }
  return { per_share: perShare, count, from, to };
}
