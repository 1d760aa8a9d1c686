import {
  CONSENSUS_MIN_REPORTS,
  type AiReport,
  type Claim,
  type Consensus,
  type ConsensusStrength,
  type Recommendation,
  type ReportSentiment,
} from '../../contract';
import { normalizeText } from '../news/sentiment';
import { summarizeReport } from './summary';

/**
 * The consensus of several models on one ticker, from the latest report of each (the caller picks
 * them). Pure code.
 *
 * - Majority recommendation and sentiment by plurality. A tie goes to the cautious middle: MANTER
 *   for the recommendation (MANTER tied with COMPRA or VENDA, and COMPRA tied with VENDA: opposite
 *   calls cancel out), NEUTRO for the sentiment likewise.
 * - confidence = (share of reports agreeing with the majority sentiment + share agreeing with the
 *   majority recommendation) / 2; a tie-break winner nobody voted for has a share of 0.
 * - strength: strong ≥ 0.8, moderate ≥ 0.6, weak ≥ 0.4, else divergent (compared with a 1e-9
 *   tolerance so 3/5-style shares land on the boundary they mean).
 * - Common strengths/risks: points made by ≥ 2 different models (model.id). Two claims are the same
 *   point when their token Jaccard similarity (accents, case, punctuation and stop-words removed) is
 *   ≥ 0.6, or ≥ 0.3 and they cite a common data point. Claims are grouped in report order, each
 *   joining the first group holding a claim it matches; a group shows its first claim's text, its
 *   models (first seen first) and the union of their citations. Groups with more models come first.
 * - At least CONSENSUS_MIN_REPORTS (2) reports: with fewer, strength `insufficient`, no majority,
 *   confidence 0 and no targets (one report is an opinion, not a consensus); `count` says how many.
 * - target_prices: the median of each target over the reports that set targets (the mean of the
 *   middle two for an even count), null when none did.
 */

export const STRONG = 0.8;
export const MODERATE = 0.6;
export const WEAK = 0.4;
/** Jaccard similarity making two claims the same point on its own… */
export const SAME_TEXT = 0.6;
/** …or together with a shared citation. */
export const SAME_TEXT_WITH_CITATION = 0.3;
const EPS = 1e-9;

const RECOMMENDATIONS: readonly Recommendation[] = ['COMPRA', 'MANTER', 'VENDA'];
const SENTIMENTS: readonly ReportSentiment[] = ['POSITIVO', 'NEUTRO', 'NEGATIVO'];

const STOP_WORDS = new Set(
  (
    'a o as os um uma uns umas de da do das dos em na no nas nos ao aos e ou que com por para pela pelo ' +
    'pelas pelos se sua seu suas seus mais muito como mas sobre entre ate ja tem ter sao foi ser esta ' +
    'the of and in to is are for on with its it an at by as from that this be has have'
  ).split(' '),
);

export function strengthOf(confidence: number): ConsensusStrength {
  if (confidence >= STRONG - EPS) return 'strong';
  if (confidence >= MODERATE - EPS) return 'moderate';
  if (confidence >= WEAK - EPS) return 'weak';
  return 'divergent';
}

/**
 * Content words of a claim: normalised; ratios joined ("P/L" → pl, "EV/EBITDA" → evebitda); numbers
 * whole ("31,2"); stop-words and one-letter words removed.
 */
export function claimTokens(text: string): Set<string> {
  const joined = normalizeText(text).replace(/(?<=[\p{L}\p{N}])\/(?=[\p{L}\p{N}])/gu, '');
  const words = joined.match(/\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{N}]*/gu) ?? [];
  return new Set(words.filter((w) => w.length > 1 && !STOP_WORDS.has(w)));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

function countVotes<T extends string>(keys: readonly T[], values: readonly T[]): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const v of values) out[v] += 1;
  return out;
}

function plurality<T extends string>(keys: readonly T[], votes: Record<T, number>, onTie: T): T {
  const top = Math.max(...keys.map((k) => votes[k]));
  const tied = keys.filter((k) => votes[k] === top);
  return tied.length === 1 && tied[0] !== undefined ? tied[0] : onTie;
}

interface ClaimRef {
  model: string;
  claim: Claim;
  tokens: Set<string>;
}

export function sameClaim(a: ClaimRef, b: ClaimRef): boolean {
  const sim = jaccard(a.tokens, b.tokens);
  if (sim >= SAME_TEXT) return true;
  return sim >= SAME_TEXT_WITH_CITATION && a.claim.citations.some((c) => b.claim.citations.includes(c));
}

type CommonClaim = Consensus['common_strengths'][number];

export function commonClaims(
  perModel: readonly { model: string; claims: readonly Claim[] }[],
): CommonClaim[] {
  const groups: ClaimRef[][] = [];
  for (const { model, claims } of perModel) {
    for (const claim of claims) {
      const ref = { model, claim, tokens: claimTokens(claim.text) };
      const group = groups.find((g) => g.some((m) => sameClaim(m, ref)));
      if (group) group.push(ref);
      else groups.push([ref]);
    }
  }
  return groups
    .map((g) => ({
      text: g[0]?.claim.text ?? '',
      models: [...new Set(g.map((m) => m.model))],
      citations: [...new Set(g.flatMap((m) => m.claim.citations))],
    }))
    .filter((c) => c.models.length >= 2)
    .sort((a, b) => b.models.length - a.models.length);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? 0;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] ?? hi) + hi) / 2;
}

export function computeConsensus(ticker: string, reports: readonly AiReport[]): Consensus {
  const n = reports.length;
  const recVotes = countVotes(
    RECOMMENDATIONS,
    reports.map((r) => r.report.recommendation),
  );
  const sentVotes = countVotes(
    SENTIMENTS,
    reports.map((r) => r.report.sentiment),
  );
  const votes = { recommendation: { ...recVotes }, sentiment: { ...sentVotes } };
  // One report is an opinion, not a consensus: below CONSENSUS_MIN_REPORTS there is no majority,
  // no confidence and no targets, and the answer says how many reports there are.
  if (n < CONSENSUS_MIN_REPORTS) {
    return {
      ticker,
      reports: reports.map(summarizeReport),
      count: n,
      recommendation: null,
      sentiment: null,
      votes,
      confidence: 0,
      strength: 'insufficient',
      common_strengths: [],
      common_risks: [],
      target_prices: null,
    };
  }
  const recommendation = plurality(RECOMMENDATIONS, recVotes, 'MANTER');
  const sentiment = plurality(SENTIMENTS, sentVotes, 'NEUTRO');
  const confidence = (sentVotes[sentiment] / n + recVotes[recommendation] / n) / 2;
  // Targets: the median over the reports that set some (a report on thin data sets none).
  const withTargets = reports.flatMap((r) => (r.report.target_prices ? [r.report.target_prices] : []));
  const target = (k: 'conservative' | 'moderate' | 'optimistic'): number =>
    median(withTargets.map((t) => t[k])) ?? 0;
  return {
    ticker,
    reports: reports.map(summarizeReport),
    count: n,
    recommendation,
    sentiment,
    votes,
    confidence,
    strength: strengthOf(confidence),
    common_strengths: commonClaims(reports.map((r) => ({ model: r.model.id, claims: r.report.strengths }))),
    common_risks: commonClaims(reports.map((r) => ({ model: r.model.id, claims: r.report.risks }))),
    target_prices: withTargets.length
      ? {
          conservative: target('conservative'),
          moderate: target('moderate'),
          optimistic: target('optimistic'),
        }
      : null,
  };
}
