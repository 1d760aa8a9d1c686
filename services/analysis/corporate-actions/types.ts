/**
 * Corporate-action inputs and the per-ticker ledger built from them (pure data, no I/O).
 *
 * Date convention (explicit on every input row, never guessed):
 * - `date_basis: 'ex_date'`  — the reported date is the EX-DATE, the first trading day the share
 *   trades without the right (Yahoo's event dates, B3's "data ex").
 * - `date_basis: 'data_com'` — the reported date is the DATA COM, the last day WITH the right
 *   (Fundamentus proventos "Data"). The ex-date is the next trading day: the adjustment applies
 *   from the first bar AFTER the data-com date.
 * The ledger always stores the ex-date; an event adjusts every bar dated strictly before it.
 *
 * Cash amounts are GROSS and AS DECLARED: per share outstanding on the ex-date (JCP before the 15%
 * withholding tax). A source that publishes amounts already rescaled for later splits must be
 * converted to that basis before it is fed here.
 */

/** 'YYYY-MM-DD' (a calendar date, no time zone). */
export type IsoDate = string;

export type DateBasis = 'ex_date' | 'data_com';

/** The cash types of the dividends model (services/sources/models.ts DividendType). */
export type CashType = 'DIVIDENDO' | 'JCP' | 'RENDIMENTO' | 'OUTRO';

export interface DividendInput {
  /** Who reported it ('fundamentus', 'status-invest', …). */
  source: string;
  type: CashType;
  /** Read according to `date_basis` (the models' `ex_date` field holds Fundamentus' data com). */
  ex_date: IsoDate;
  date_basis: DateBasis;
  payment_date: IsoDate | null;
  /** Gross amount paid per `per_shares` shares, in the share basis of the ex-date. */
  value: number;
  per_shares: number;
}

export type ShareEventKind = 'split' | 'reverse_split' | 'bonus';

export interface SplitInput {
  source: string;
  /** Read according to `date_basis`. */
  date: IsoDate;
  date_basis: DateBasis;
  /** `from` shares become `to` shares (2:1 split: from 1, to 2; 10% bonus: from 10, to 11). */
  from: number;
  to: number;
  /** Inferred when absent: to > from is a split, to < from a reverse split. */
  kind?: ShareEventKind;
}

export interface LedgerInputs {
  dividends: readonly DividendInput[];
  splits: readonly SplitInput[];
}

export interface LedgerOptions {
  /**
   * Trading days (ascending 'YYYY-MM-DD', e.g. the ticker's bar dates) used to turn a data-com date
   * into the ex-date (the next trading day). Without it the next weekday is used, which ignores
   * holidays: harmless for adjusting bars (no bar falls in between), but two reports of one event
   * around a holiday may then fail to merge.
   */
  tradingDays?: readonly IsoDate[];
}

export type CashKind = 'dividend' | 'jcp' | 'rendimento' | 'other_cash';
export type LedgerKind = ShareEventKind | CashKind;

/** One source's report of an event, as it came in. */
export interface LedgerReport {
  source: string;
  reported_date: IsoDate;
  date_basis: DateBasis;
  /** Cash: the type and value/per_shares as reported; shares: from/to. */
  type?: CashType;
  value?: number;
  per_shares?: number;
  payment_date?: IsoDate | null;
  from?: number;
  to?: number;
}

export interface LedgerEntry {
  /** Ex-date: first trading day without the right; the event adjusts bars dated before it. */
  date: IsoDate;
  kind: LedgerKind;
  /** Share events: shares multiply by to/from. Cash events: 1. */
  factor: number;
  /** Cash events: gross value / per_shares, per share of the ex-date. Share events: 0. */
  cash_per_share: number;
  /** Cash events: the first known payment date among the reports. */
  payment_date: IsoDate | null;
  /** Distinct sources that reported it, in input order. */
  sources: string[];
  reports: LedgerReport[];
}

export type CorporateActionErrorCode = 'INVALID_INPUT' | 'UNSORTED_BARS';

/** Thrown for malformed input (a bad date, a non-positive ratio, unsorted bars). */
export class CorporateActionError extends Error {
  override readonly name = 'CorporateActionError';
  constructor(
    readonly code: CorporateActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
