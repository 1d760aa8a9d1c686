export { normalizeText, scoreSentiment, tokenize, ALPHA, NEUTRAL_BAND } from './sentiment';
export type { SentimentHit, SentimentLabel, SentimentResult } from './sentiment';
export { evaluateSentiment, formatConfusion, LABELS } from './evaluate';
export type { LabelledHeadline, SentimentEvaluation } from './evaluate';
