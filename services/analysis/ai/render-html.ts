import type { AiReport, Claim, Recommendation } from '../../contract';
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
 * A stored report as one self-contained HTML page (inline CSS, no scripts, no external resources),
 * the same content as the Markdown, for the PDF the core prints with Chromium. Every text is
 * HTML-escaped; citations link to their row in the cited-data table.
 */

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; margin: 0 auto; max-width: 960px; padding: 24px; font-size: 13px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
.sub { color: #52606d; margin: 0 0 12px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 8px 0; padding: 0; list-style: none; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 10px; font-weight: 600; color: #fff; }
.rec-COMPRA { background: #2f855a; } .rec-MANTER { background: #b7791f; } .rec-VENDA { background: #c53030; }
.sent { background: #486581; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid #d9e2ec; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
td.num { text-align: right; white-space: nowrap; }
ol { padding-left: 22px; } li { margin: 4px 0; }
.cite { font-family: Consolas, Menlo, monospace; font-size: 11px; color: #334e68; background: #f0f4f8; border-radius: 3px; padding: 0 3px; margin-left: 3px; text-decoration: none; white-space: nowrap; }
.cite.unknown { color: #c53030; background: #fff5f5; }
.flags { color: #c53030; }
code { font-family: Consolas, Menlo, monospace; font-size: 11px; word-break: break-all; }
tr { page-break-inside: avoid; }
`;

function cite(id: string, known: Set<string>): string {
  return known.has(id)
    ? `<a class="cite" href="#dp-${e(id)}">${e(id)}</a>`
    : `<span class="cite unknown" title="?">${e(id)} ⚠</span>`;
}

const cites = (ids: readonly string[], known: Set<string>): string =>
  ids.map((id) => cite(id, known)).join(' ');

function claims(list: readonly Claim[], known: Set<string>): string {
  const items = list.map((c) => `<li>${e(c.text)} ${cites(c.citations, known)}</li>`);
  return `<ol>${items.join('')}</ol>`;
}

const badge = (r: Recommendation, text: string): string => `<span class="badge rec-${r}">${e(text)}</span>`;

export function reportToHtml(report: AiReport): string {
  const L = LABELS[report.language];
  const lang = report.language;
  const b = report.report;
  const input = report.input;
  const known = knownIds(report);
  const none = e(L.none);
  const sub = [input.company, input.sector].filter((s): s is string => !!s).map(e);
  const price =
    input.price === null
      ? none
      : e(formatBRL(input.price, lang)) + (input.price_as_of ? ` (${e(input.price_as_of)})` : '');
  const parts: string[] = [
    `<!DOCTYPE html>`,
    `<html lang="${e(lang)}">`,
    `<head><meta charset="utf-8"><title>${e(L.title(report.ticker))}</title><style>${CSS}</style></head>`,
    `<body>`,
    `<h1>${e(L.title(report.ticker))}</h1>`,
    sub.length ? `<p class="sub">${sub.join(' · ')}</p>` : '',
    `<ul class="meta">`,
    `<li>${e(L.date)}: ${e(formatTimestamp(report.created_at))}</li>`,
    `<li>${e(L.kind)}: ${e(kindText(report))}</li>`,
    `<li>${e(L.recommendation)}: ${badge(b.recommendation, recommendationText(b.recommendation, lang))}</li>`,
    `<li>${e(L.sentiment)}: <span class="badge sent">${e(sentimentText(b.sentiment, lang))}</span></li>`,
    `</ul>`,
    `<h2>${e(L.targets)}</h2>`,
    ...(b.target_prices
      ? [
          `<table><thead><tr><th>${e(L.scenario)}</th><th>${e(L.price)}</th><th>${e(L.upside)}</th></tr></thead><tbody>`,
          ...targetRows(report).map(
            (r) =>
              `<tr><td>${e(r.label)}</td><td class="num">${e(r.price)}</td><td class="num">${e(r.upside)}</td></tr>`,
          ),
          `</tbody></table>`,
        ]
      : [`<p>${e(L.noTargets)}</p>`]),
    `<p>${e(L.currentPrice)}: ${price}</p>`,
    `<h2>${e(L.summary)}</h2>`,
    `<p>${e(b.summary)}</p>`,
    `<p>${e(L.sources)}: ${cites(b.citations, known)}</p>`,
    `<h2>${e(L.strengths)}</h2>`,
    claims(b.strengths, known),
    `<h2>${e(L.risks)}</h2>`,
    claims(b.risks, known),
  ];
  if (report.flags.length)
    parts.push(
      `<h2>${e(L.flags)}</h2>`,
      `<ul class="flags">${report.flags
        .map((f) => `<li>${e(L.unknownCitation(f.citation, f.where))}: ${e(f.message)}</li>`)
        .join('')}</ul>`,
    );
  const rows = citedPoints(report);
  parts.push(`<h2>${e(L.cited)}</h2>`);
  if (rows.length === 0) parts.push(`<p>${e(L.noCited)}</p>`);
  else
    parts.push(
      `<table><thead><tr>${[L.id, L.dataPoint, L.value, L.source, L.asOf, L.snapshot]
        .map((h) => `<th>${e(h)}</th>`)
        .join('')}</tr></thead><tbody>`,
      ...rows.map(
        (p) =>
          `<tr id="dp-${e(p.id)}"><td><code>${e(p.id)}</code></td><td>${e(p.label)}</td>` +
          `<td class="num">${e(formatValue(p, lang))}</td><td>${p.source ? e(p.source) : none}</td>` +
          `<td>${p.as_of ? e(p.as_of) : none}</td><td>${p.snapshot_id ? e(p.snapshot_id) : none}</td></tr>`,
      ),
      `</tbody></table>`,
    );
  parts.push(
    `<h2>${e(L.reproducibility)}</h2>`,
    `<ul>`,
    `<li>${e(L.inputHash)}: <code>${e(report.input_hash)}</code></li>`,
    `<li>${e(L.promptHash)}: <code>${e(report.prompt_hash)}</code></li>`,
    `<li>${e(L.model)}: ${e(`${report.model.name} (${report.model.provider}, ${report.model.id})`)}</li>`,
    `<li>${e(L.params)}: <code>${e(paramsText(report.params))}</code></li>`,
    `<li>${e(L.attempts)}: ${report.attempts}</li>`,
    `<li>${e(L.tokens)}: ${e(tokensText(report))}</li>`,
    `<li>${e(L.duration)}: ${e(durationText(report))}</li>`,
    `</ul>`,
    `</body>`,
    `</html>`,
  );
  return parts.filter((s) => s !== '').join('\n') + '\n';
}
