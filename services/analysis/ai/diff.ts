import type { AiReport, Claim, ReportDiff } from '../../contract';
import { normalizeText } from '../news/sentiment';
import { summarizeReport } from './summary';

/**
 * What changed from report `a` to report `b` of a ticker. Pure code.
 *
 * - same_input / same_prompt: equal hashes; same_model: equal model id and name and equal params
 *   (same keys, equal values).
 * - changes: each of recommendation, sentiment, summary, target_prices.conservative|moderate|optimistic,
 *   language, model (id, provider or name) and params that differ, as {from, to}.
 * - strengths/risks: claim texts only one side has, compared without case, accents or extra spaces.
 * - data: data points of both inputs whose value differs (label from `b`), in `b`'s order; ids only
 *   `b` has (added, `b`'s order) and only `a` has (removed, `a`'s order).
 */

type Params = AiReport['params'];

export function sameParams(a: Params, b: Params): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function claimKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ').trim();
}

function claimChanges(from: readonly Claim[], to: readonly Claim[]): { added: string[]; removed: string[] } {
  const before = new Set(from.map((c) => claimKey(c.text)));
  const after = new Set(to.map((c) => claimKey(c.text)));
  return {
    added: to.filter((c) => !before.has(claimKey(c.text))).map((c) => c.text),
    removed: from.filter((c) => !after.has(claimKey(c.text))).map((c) => c.text),
  };
}

export function diffReports(a: AiReport, b: AiReport): ReportDiff {
  const changes: ReportDiff['changes'] = {};
  const note = (key: string, from: unknown, to: unknown, differ = from !== to): void => {
    if (differ) changes[key] = { from, to };
  };
  note('recommendation', a.report.recommendation, b.report.recommendation);
  note('sentiment', a.report.sentiment, b.report.sentiment);
  note('summary', a.report.summary, b.report.summary);
  for (const k of ['conservative', 'moderate', 'optimistic'] as const) {
    note(`target_prices.${k}`, a.report.target_prices?.[k] ?? null, b.report.target_prices?.[k] ?? null);
  }
  note('language', a.language, b.language);
  const modelDiffers =
    a.model.id !== b.model.id || a.model.provider !== b.model.provider || a.model.name !== b.model.name;
  note('model', a.model, b.model, modelDiffers);
  const paramsEqual = sameParams(a.params, b.params);
  note('params', a.params, b.params, !paramsEqual);

  const before = new Map(a.input.data_points.map((p) => [p.id, p]));
  const afterIds = new Set(b.input.data_points.map((p) => p.id));
  const changed: ReportDiff['data']['changed'] = [];
  const added: string[] = [];
  for (const p of b.input.data_points) {
    const old = before.get(p.id);
    if (!old) added.push(p.id);
    else if (old.value !== p.value) changed.push({ id: p.id, label: p.label, from: old.value, to: p.value });
  }
  const removed = a.input.data_points.filter((p) => !afterIds.has(p.id)).map((p) => p.id);

  return {
    from: summarizeReport(a),
    to: summarizeReport(b),
    same_input: a.input_hash === b.input_hash,
    same_prompt: a.prompt_hash === b.prompt_hash,
    same_model: a.model.id === b.model.id && a.model.name === b.model.name && paramsEqual,
    changes,
    strengths: claimChanges(a.report.strengths, b.report.strengths),
    risks: claimChanges(a.report.risks, b.report.risks),
    data: { changed, added, removed },
  };
}
