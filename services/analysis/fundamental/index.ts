/** Fundamentals: the sites' consensus and the numbers computed from CVM filings. Pure functions. */
export {
  agreementFromCv,
  confidenceOf,
  consensusFundamentals,
  consensusMetric,
  type ConsensusFundamentals,
  type ConsensusMetric,
  type Discrepancy,
  type SourceFundamentals,
  type SourceValue,
} from './consensus';
export { compareComputed, type ComparisonRow, type SiteDifference } from './compare';
export {
  computeFundamentals,
  type ComputeInput,
  type ComputedFundamentals,
  type DcfInputs,
  type FilingUsed,
} from './computed';
export type { ComputedMetric } from './computed-metrics';
export { dividendsInWindow, CASH_DIVIDEND_TYPES, type DividendWindow } from './dividends';
export { deliveryDeadline, filingsAsOf, type Filing } from './filings';
export type { DividendLine, DocumentKind, FilingDelivery, StatementLine } from './statement-types';
export { describe as describeValues, median, type Stats } from './stats';
