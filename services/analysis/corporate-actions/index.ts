export { adjustBars, DEFAULT_INDICATOR_MODE } from './adjust';
export type { AdjustedBars, AdjustMode, AdjustWarning, AppliedEvent, Bar, IgnoredEvent } from './adjust';
export { buildLedger, isShareEvent, MERGE_TOLERANCE } from './ledger';
export * from './types';
