import type { AiReport, Claim } from '../../contract';
import { formatBRL } from './format-number';
import { formatTimestamp, formatValue } from './format-value';
import {
  citedPoints,
  durationText,
  kindText,
  knownIds,
  LABELS,
  paramsText,
  recommendationText,
  sentimentText,
  targetRows,
  tokensText,
} from './render-text';

/**
 * A stored report as Markdown, in the report's language: header (ticker, date, kind, recommendation,
 * sentiment), targets against the price, summary, strengths and risks each followed by its
 * citations (`[fund.pl]`, unknown ones marked ⚠), flags, the table of cited data with provenance,
 * and what makes it reproducible (hashes, model, parameters).
 */

/**
 * Text from data or a model: one line, Markdown punctuation escaped so it cannot format, link or
 * break a table. An underscore between letters or digits (`net_margin`) cannot emphasise and is kept.
 */
export function mdEscape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#]/g, (c, at: number, all: string) =>
      c === '_' && /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '')
        ? c
        : `\\${c}`,
    );
}

const cell = (s: string | null, none: string): string => (s === null || s === '' ? none : mdEscape(s));
/** Inside a code span nothing can be escaped: backticks are dropped instead. */
const code = (s: string): string => `\`${s.replace(/`/g, '')}\``;

/** `[fund.pl]`; an id not in the input (escaped: it comes from a model) is marked ⚠. */
function citeList(ids: readonly string[], known: Set<string>): string {
  return ids.map((id) => (known.has(id) ? `[${id}]` : `[${mdEscape(id)}]⚠`)).join(' ');
}

function claimLines(claims: readonly Claim[], known: Set<string>): string[] {
  return claims.map((c, i) => `${i + 1}. ${mdEscape(c.text)} ${citeList(c.citations, known)}`);
}

export function reportToMarkdown(report: AiReport): string {
  const L = LABELS[report.language];
  const lang = report.language;
  const b = report.report;
  const input = report.input;
  const known = knownIds(report);
  const out: string[] = [`# ${mdEscape(L.title(report.ticker))}`, ''];
  const who = [
    ...(input.company ? [`**${mdEscape(input.company)}**`] : []),
    ...(input.sector ? [mdEscape(input.sector)] : []),
  ];
  if (who.length) out.push(who.join(' · '), '');
  out.push(
    `- ${L.date}: ${mdEscape(formatTimestamp(report.created_at))}`,
    `- ${L.kind}: ${mdEscape(kindText(report))}`,
    `- ${L.recommendation}: **${recommendationText(b.recommendation, lang)}**`,
    `- ${L.sentiment}: **${sentimentText(b.sentiment, lang)}**`,
    '',
    `## ${L.targets}`,
    '',
    ...(b.target_prices
      ? [
          `| ${L.scenario} | ${L.price} | ${L.upside} |`,
          '| --- | ---: | ---: |',
          ...targetRows(report).map((r) => `| ${r.label} | ${r.price} | ${r.upside} |`),
        ]
      : [L.noTargets]),
    '',
    input.price === null
      ? `${L.currentPrice}: ${L.none}`
      : `${L.currentPrice}: ${formatBRL(input.price, lang)}${input.price_as_of ? ` (${mdEscape(input.price_as_of)})` : ''}`,
    '',
    `## ${L.summary}`,
    '',
    mdEscape(b.summary),
    '',
    `${L.sources}: ${citeList(b.citations, known)}`,
    '',
    `## ${L.strengths}`,
    '',
    ...claimLines(b.strengths, known),
    '',
    `## ${L.risks}`,
    '',
    ...claimLines(b.risks, known),
    '',
  );
  if (report.flags.length) {
    out.push(`## ${L.flags}`, '');
    for (const f of report.flags)
      out.push(`- ${mdEscape(L.unknownCitation(f.citation, f.where))}: ${mdEscape(f.message)}`);
    out.push('');
  }
  const rows = citedPoints(report);
  out.push(`## ${L.cited}`, '');
  if (rows.length === 0) out.push(L.noCited, '');
  else
    out.push(
      `| ${L.id} | ${L.dataPoint} | ${L.value} | ${L.source} | ${L.asOf} | ${L.snapshot} |`,
      '| --- | --- | ---: | --- | --- | --- |',
      ...rows.map(
        (p) =>
          `| ${code(p.id)} | ${cell(p.label, L.none)} | ${cell(formatValue(p, lang), L.none)} | ${cell(p.source, L.none)} | ${cell(p.as_of, L.none)} | ${cell(p.snapshot_id, L.none)} |`,
      ),
      '',
    );
  out.push(
    `## ${L.reproducibility}`,
    '',
    `- ${L.inputHash}: ${code(report.input_hash)}`,
    `- ${L.promptHash}: ${code(report.prompt_hash)}`,
    `- ${L.model}: ${mdEscape(`${report.model.name} (${report.model.provider}, ${report.model.id})`)}`,
    `- ${L.params}: ${code(paramsText(report.params))}`,
    `- ${L.attempts}: ${report.attempts}`,
    `- ${L.tokens}: ${tokensText(report)}`,
    `- ${L.duration}: ${durationText(report)}`,
    '',
  );
  return out.join('\n');
}
