/**
 * Inputs of the filings-based computation, shaped like `services/sources/models.ts` (this layer may
 * not import it): a `StatementItem` row fits `StatementLine` as it is.
 */

export type DocumentKind = 'DFP' | 'ITR';

/** One account line of a CVM DFP/ITR statement (BPA, BPP, DRE, DFC_MD, DFC_MI), value in R$. */
export interface StatementLine {
  cvm_code: string;
  document: DocumentKind;
  statement: string;
  consolidated: boolean;
  ref_date: string;
  version: number;
  /** ÚLTIMO: the filing's own period; PENÚLTIMO: the comparison period. */
  fiscal_order: 'ULTIMO' | 'PENULTIMO';
  /** Flow statements only (DRE, DFC); null on balance sheets. */
  period_start: string | null;
  period_end: string;
  account_code: string;
  account_name: string;
  value: number;
}

/** When CVM received one version of one filing (from its index file, DT_RECEB). */
export interface FilingDelivery {
  document: DocumentKind;
  ref_date: string;
  version: number;
  /** ISO date or datetime; only the day counts. */
  delivered_at: string;
}

/** One cash distribution, shaped like the `DividendItem` model. */
export interface DividendLine {
  ex_date: string;
  /** R$ per `per_shares` shares. */
  value: number;
  per_shares: number;
  /** DIVIDENDO, JCP, RENDIMENTO or OUTRO. */
  type: string;
}
