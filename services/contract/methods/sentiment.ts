import { z } from 'zod';
import { defineMethod } from '../define';
import { NewsSentimentLabel } from './news';

/** At most this many texts per call, each at most this long (a headline or a short paragraph). */
export const SENTIMENT_MAX_TEXTS = 100;
export const SENTIMENT_MAX_CHARS = 1_000;

export const analysisSentiment = defineMethod({
  name: 'analysis.sentiment',
  summary:
    'Portuguese sentiment of your own headlines (the scorer the news use): a score in (-1, 1) and a label per text, with the words that counted.',
  http: { method: 'POST', path: '/api/analysis/sentiment' },
  input: z.object({
    texts: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'an empty text')
          .max(SENTIMENT_MAX_CHARS, `at most ${SENTIMENT_MAX_CHARS} characters per text`),
      )
      .min(1, 'give at least one text')
      .max(SENTIMENT_MAX_TEXTS, `at most ${SENTIMENT_MAX_TEXTS} texts per call`),
  }),
  output: z.object({
    results: z.array(
      z.object({
        text: z.string(),
        score: z.number(),
        label: NewsSentimentLabel,
        /** The matched terms and their signed weights (after negation, intensifiers and contrast). */
        terms: z.array(z.object({ term: z.string(), weight: z.number(), negated: z.boolean() })),
      }),
    ),
    /** Mean score of the texts, and its label. */
    average: z.number(),
    label: NewsSentimentLabel,
    counts: z.object({ positive: z.number().int(), negative: z.number().int(), neutral: z.number().int() }),
  }),
});

export const sentimentMethods = { 'analysis.sentiment': analysisSentiment } as const;
