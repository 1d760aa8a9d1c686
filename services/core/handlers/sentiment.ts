import type { Output, ParsedInput } from '../../contract';
import { NEUTRAL_BAND, scoreSentiment } from '../../analysis/news';
import type { Handler } from './types';

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The answer of analysis.sentiment; no database: the CLI runs it in-process too. */
export function scoreTexts(input: ParsedInput<'analysis.sentiment'>): Output<'analysis.sentiment'> {
  const results = input.texts.map((text) => {
    const r = scoreSentiment(text);
    return {
      text,
      score: round(r.score),
      label: r.label,
      terms: r.hits.map((h) => ({ term: h.term, weight: round(h.weight), negated: h.negated })),
    };
  });
  const average = round(results.reduce((a, r) => a + r.score, 0) / results.length);
  const counts = { positive: 0, negative: 0, neutral: 0 };
  for (const r of results) counts[r.label]++;
  const label = average >= NEUTRAL_BAND ? 'positive' : average <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { results, average, label, counts };
}

export const analysisSentimentHandler: Handler<'analysis.sentiment'> = (input) =>
  Promise.resolve(scoreTexts(input));
