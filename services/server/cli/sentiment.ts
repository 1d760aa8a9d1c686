import { readFileSync } from 'node:fs';
import { methods } from '../../contract';
import { scoreTexts } from '../../core/handlers/sentiment';
import { parse, UsageError, validate } from './args';

export const sentimentHelp = `Usage: b3ai sentiment TEXT... [--json]
       b3ai sentiment - [--json]        (one text per line from standard input)

The Portuguese sentiment of your own headlines, scored as the app scores the news: a score in
(-1, 1), a label (positive, negative, neutral) and the words that counted. Up to 100 texts of
up to 1000 characters each (POST /api/analysis/sentiment takes the same).`;

export function sentimentCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
  if (values.help) {
    console.log(sentimentHelp);
    return Promise.resolve(0);
  }
  const texts =
    positionals.length === 1 && positionals[0] === '-'
      ? readFileSync(0, 'utf8')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : positionals;
  if (texts.length === 0)
    throw new UsageError('give one or more texts (quoted), or - to read them from standard input');
  const input = validate(methods['analysis.sentiment'].input, { texts });
  const out = methods['analysis.sentiment'].output.parse(scoreTexts(input));
  if (values.json) console.log(JSON.stringify(out));
  else {
    for (const r of out.results)
      console.log(
        `${r.label.padEnd(8)} ${r.score.toFixed(2).padStart(5)}  ${r.text}${r.terms.length ? `  [${r.terms.map((h) => `${h.negated ? 'not ' : ''}${h.term} ${h.weight > 0 ? '+' : ''}${h.weight}`).join(', ')}]` : ''}`,
      );
    if (out.results.length > 1)
      console.log(
        `average ${out.average.toFixed(2)} (${out.label}): ${out.counts.positive} positive, ${out.counts.negative} negative, ${out.counts.neutral} neutral`,
      );
  }
  return Promise.resolve(0);
}
