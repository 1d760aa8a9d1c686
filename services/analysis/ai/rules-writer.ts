import type {
  Claim,
  Recommendation,
  ReportBody,
  ReportInput,
  ReportLanguage,
  ReportSentiment,
} from '../../contract';
import { fmt, indexFacts, joinList, type Facts, type Factor } from './rules-data';
import {
  dividendFactor,
  liquidityFactor,
  newsFactor,
  noTechnicalsNote,
  trendFactor,
} from './rules-factors-market';
import {
  debtFactor,
  growthFactor,
  multiplesFactor,
  qualityFactor,
  valuationFactor,
} from './rules-factors-value';
import { macroFactor } from './rules-factors-macro';
import { fallbackNotes, missingNotes } from './rules-notes';
import { targetPrices, type Targets } from './rules-targets';

/**
 * The offline writer: a report written from the data by fixed rules, deterministic, in pt-BR or
 * English (the same content). The caller labels it rule-based (model `rules`, name RULES_VERSION).
 *
 * Each factor (rules-factors-*.ts) scores its data; the scores add up:
 * - recommendation: COMPRA at a total ≥ 3, VENDA at ≤ −3, MANTER otherwise; COMPRA also needs the
 *   moderate target at or above the price and VENDA at or below it (with fair-value models: the median
 *   fair price, so a stock the models put above fair value is never a buy, whatever its quality); with
 *   fewer than 3 factors evaluated the data is too thin and the answer is MANTER;
 * - sentiment: POSITIVO at a total ≥ 2, NEGATIVO at ≤ −2, NEUTRO otherwise;
 * - strengths: the 3 highest positive factors; risks: the 3 lowest negative ones; short of 3, neutral
 *   observations fill in (score-0 factors, then notes on missing data, then facts about the price);
 * - target prices: see rules-targets.ts.
 * Bump RULES_VERSION whenever a rule or threshold changes.
 */
export const RULES_VERSION = 'rules-v1';

export const BUY_SCORE = 3;
export const SELL_SCORE = -3;
export const POSITIVE_SCORE = 2;
export const NEGATIVE_SCORE = -2;
export const MIN_FACTORS = 3;

/** The factors that count towards the "enough data" test. */
const EVIDENCE = new Set([
  'valuation',
  'multiples',
  'quality',
  'debt',
  'growth',
  'trend',
  'dividends',
  'news',
]);

export interface RuleAssessment {
  factors: Factor[];
  total: number;
  thin: boolean;
  recommendation: Recommendation;
  sentiment: ReportSentiment;
  targets: Targets;
}

export function assess(input: ReportInput): { facts: Facts; assessment: RuleAssessment } {
  const f = indexFacts(input);
  const candidates = [
    valuationFactor(f),
    multiplesFactor(f),
    qualityFactor(f),
    debtFactor(f),
    growthFactor(f),
    trendFactor(f),
    dividendFactor(f),
    newsFactor(f),
    macroFactor(f),
    liquidityFactor(f),
  ];
  const factors = candidates.filter((x): x is Factor => x !== null);
  const total = factors.reduce((s, x) => s + x.score, 0);
  const thin = factors.filter((x) => EVIDENCE.has(x.key)).length < MIN_FACTORS;
  const targets = targetPrices(f, total);
  let recommendation: Recommendation = 'MANTER';
  if (!thin && total >= BUY_SCORE && targets.moderate >= f.price) recommendation = 'COMPRA';
  if (!thin && total <= SELL_SCORE && targets.moderate <= f.price) recommendation = 'VENDA';
  const sentiment: ReportSentiment =
    total >= POSITIVE_SCORE ? 'POSITIVO' : total <= NEGATIVE_SCORE ? 'NEGATIVO' : 'NEUTRO';
  return { facts: f, assessment: { factors, total, thin, recommendation, sentiment, targets } };
}

/** Positive factors, strongest first (ties keep the factor order). */
const strongest = (xs: Factor[], sign: 1 | -1): Factor[] =>
  xs
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => x.score * sign > 0)
    .sort((a, b) => b.x.score * sign - a.x.score * sign || a.i - b.i)
    .map(({ x }) => x);

function pickClaims(f: Facts, a: RuleAssessment): { strengths: Factor[]; risks: Factor[] } {
  const strengths = strongest(a.factors, 1).slice(0, 3);
  const risks = strongest(a.factors, -1).slice(0, 3);
  const neutral = a.factors.filter((x) => x.score === 0);
  if (!a.factors.some((x) => x.key === 'trend')) neutral.push(noTechnicalsNote(f));
  const caveats = missingNotes(f);
  const fallback = fallbackNotes(f);
  const used = new Set([...strengths, ...risks].map((x) => x.key));
  const fill = (list: Factor[], queue: Factor[]): void => {
    for (const x of queue) {
      if (list.length >= 3) return;
      if (used.has(x.key)) continue;
      used.add(x.key);
      list.push(x);
    }
  };
  // Strengths take the neutral observations first, risks the notes on what is missing.
  fill(strengths, [...neutral, ...caveats, ...fallback]);
  fill(risks, [...caveats, ...neutral, ...fallback]);
  return { strengths, risks };
}

const claim = (x: Factor, l: ReportLanguage): Claim => ({ text: x.text(l), citations: [...x.citations] });

function summary(f: Facts, a: RuleAssessment, l: ReportLanguage): { text: string; citations: string[] } {
  const F = fmt(l);
  const en = l === 'en';
  const input = f.input;
  const name = input.company ? `${input.company} (${input.ticker})` : input.ticker;
  const pros = strongest(a.factors, 1).slice(0, 3);
  const cons = strongest(a.factors, -1).slice(0, 3);
  const evaluated = a.factors.filter((x) => EVIDENCE.has(x.key)).length;
  const sentences = [
    en
      ? `${name}: rule-based recommendation ${a.recommendation}, sentiment ${a.sentiment} (score ${F.score(a.total)})${a.thin ? `, held back by thin data (only ${evaluated} factor${evaluated === 1 ? '' : 's'} evaluated)` : ''}.`
      : `${name}: recomendação ${a.recommendation} pelas regras, sentimento ${a.sentiment} (pontuação ${F.score(a.total)})${a.thin ? `, contida pela falta de dados (só ${evaluated} fator${evaluated === 1 ? '' : 'es'} avaliado${evaluated === 1 ? '' : 's'})` : ''}.`,
  ];
  if (pros.length)
    sentences.push(
      `${en ? 'In favour' : 'A favor'}: ${joinList(
        pros.map((x) => x.short(l)),
        l,
      )}.`,
    );
  if (cons.length)
    sentences.push(
      `${en ? 'Against' : 'Contra'}: ${joinList(
        cons.map((x) => x.short(l)),
        l,
      )}.`,
    );
  const t = a.targets;
  sentences.push(
    en
      ? `Moderate target price of ${F.brl(t.moderate)} (range ${F.brl(t.conservative)} to ${F.brl(t.optimistic)}) against a price of ${F.brl(f.price)}.`
      : `Preço-alvo moderado de ${F.brl(t.moderate)} (faixa de ${F.brl(t.conservative)} a ${F.brl(t.optimistic)}) frente à cotação de ${F.brl(f.price)}.`,
  );
  const citations = [f.priceId, ...pros.flatMap((x) => x.citations), ...cons.flatMap((x) => x.citations)];
  return { text: sentences.join(' '), citations };
}

/**
 * The rule-based report of an input, in `language`. Throws an Error only when the input has no price
 * (nor price.last nor tech.close) or no data point at all.
 */
export function writeRuleReport(input: ReportInput, language: ReportLanguage): ReportBody {
  const { facts, assessment } = assess(input);
  const { strengths, risks } = pickClaims(facts, assessment);
  const sum = summary(facts, assessment, language);
  const t = assessment.targets;
  return {
    summary: sum.text,
    sentiment: assessment.sentiment,
    recommendation: assessment.recommendation,
    strengths: strengths.map((x) => claim(x, language)),
    risks: risks.map((x) => claim(x, language)),
    target_prices: { conservative: t.conservative, moderate: t.moderate, optimistic: t.optimistic },
    citations: [...new Set([...sum.citations, ...t.citations])],
  };
}
