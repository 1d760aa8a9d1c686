import { scoreSentiment, type SentimentLabel } from './sentiment';

export interface LabelledHeadline {
  text: string;
  label: SentimentLabel;
}

export const LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral'];

export interface SentimentEvaluation {
  n: number;
  correct: number;
  accuracy: number;
  /** matrix[expected][predicted], rows and columns in LABELS order. */
  matrix: Record<SentimentLabel, Record<SentimentLabel, number>>;
  /** Headlines the scorer got wrong, with its score. */
  errors: { text: string; expected: SentimentLabel; predicted: SentimentLabel; score: number }[];
}

const emptyRow = (): Record<SentimentLabel, number> => ({ positive: 0, negative: 0, neutral: 0 });

/** Accuracy and 3×3 confusion matrix of `scoreSentiment` on a labelled set. */
export function evaluateSentiment(set: readonly LabelledHeadline[]): SentimentEvaluation {
  const matrix = { positive: emptyRow(), negative: emptyRow(), neutral: emptyRow() };
  const errors: SentimentEvaluation['errors'] = [];
  let correct = 0;
  for (const { text, label } of set) {
    const r = scoreSentiment(text);
    matrix[label][r.label] += 1;
    if (r.label === label) correct += 1;
    else errors.push({ text, expected: label, predicted: r.label, score: r.score });
  }
  return { n: set.length, correct, accuracy: set.length ? correct / set.length : 0, matrix, errors };
}

/** The matrix as aligned text lines (rows = expected, columns = predicted). */
export function formatConfusion(e: SentimentEvaluation): string {
  const head = ['expected \\ predicted', ...LABELS].map((s) => s.padStart(10)).join(' ');
  const rows = LABELS.map((l) =>
    [l, ...LABELS.map((p) => String(e.matrix[l][p]))].map((s) => s.padStart(10)).join(' '),
  );
  return [head, ...rows].join('\n');
}
