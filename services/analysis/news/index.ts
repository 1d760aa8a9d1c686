export { normalizeText, scoreSentiment, tokenize, ALPHA, NEUTRAL_BAND } from './sentiment';
export type { SentimentHit, SentimentLabel, SentimentResult } from './sentiment';
export { evaluateSentiment, formatConfusion, LABELS } from './evaluate';
export type { LabelledHeadline, SentimentEvaluation } from './evaluate';
export { buildNameIndex, matchTickers, literalTickers } from './match-tickers';
export type { NameEntry, NameIndex, NameIndexOptions } from './match-tickers';
export { canonicalUrl, normalizeTitle, mergeNews, isAggregatorUrl } from './dedupe';
export type { MergedNews, NewsLike } from './dedupe';
