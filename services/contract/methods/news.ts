import { z } from 'zod';
import { defineMethod } from '../define';
import { Ticker } from '../models';

export const NewsSentimentLabel = z.enum(['positive', 'negative', 'neutral']);
export type NewsSentimentLabel = z.infer<typeof NewsSentimentLabel>;

/** A news item as stored: merged across the sources that carried it. */
export const NewsEntry = z.object({
  id: z.string(),
  title: z.string(),
  /** Canonical URL (tracking parameters and fragments removed). */
  url: z.string(),
  publisher: z.string().nullable(),
  published_at: z.string().nullable(),
  description: z.string().nullable(),
  tickers: z.array(z.string()),
  sentiment: z.object({ score: z.number(), label: NewsSentimentLabel }),
  /** The sources that carried it, first seen first. */
  sources: z.array(z.string()),
  first_seen_at: z.string(),
  snapshot_id: z.string(),
});
export type NewsEntry = z.infer<typeof NewsEntry>;

export const NewsSummary = z.object({
  count: z.number().int(),
  /** Mean score of the items, in [-1, 1]; null without items. */
  average: z.number().nullable(),
  label: NewsSentimentLabel.nullable(),
  counts: z.object({ positive: z.number().int(), negative: z.number().int(), neutral: z.number().int() }),
});
export type NewsSummary = z.infer<typeof NewsSummary>;

export const analysisNews = defineMethod({
  name: 'analysis.news',
  summary: 'News about a ticker from the local database, newest first, each with its Portuguese sentiment.',
  http: { method: 'GET', path: '/api/analysis/stock/{ticker}/news' },
  input: z.object({
    ticker: Ticker,
    limit: z.coerce.number().int().min(1).max(200).default(20),
    sentiment: NewsSentimentLabel.optional(),
    /** Only items a source carried (`infomoney`). */
    source: z.string().trim().min(1).optional(),
    /** Only items published on or after this date. */
    since: z.iso.date('expected YYYY-MM-DD').optional(),
  }),
  output: z.object({
    ticker: Ticker,
    news: z.array(NewsEntry),
    /** Over the items matching the filters, not just the page returned. */
    sentiment: NewsSummary,
    sources: z.array(z.string()),
    timestamp: z.string(),
  }),
});

export const newsMethods = { 'analysis.news': analysisNews } as const;
