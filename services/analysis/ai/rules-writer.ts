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

/** The report's enums (Portuguese by schema) in words of the English text (issue 15, item 5). */
const REC_EN: Record<Recommendation, string> = { COMPRA: 'BUY', MANTER: 'HOLD', VENDA: 'SELL' };
const SENT_EN: Record<ReportSentiment, string> = {
  POSITIVO: 'POSITIVE',
  NEUTRO: 'NEUTRAL',
  NEGATIVO: 'NEGATIVE',
};

/**
 * The offline writer: a report written from the data by fixed rules, deterministic, in pt-BR or
 * English (the same content). The caller labels it rule-based (model `rules`, name RULES_VERSION).
 *
 * Each factor (rules-factors-*.ts) scores its data; the scores add up:
 * - the summary always says how many of the 8 evidence factors it judged. With fewer than 3 the data
 *   is too thin: it says "dados insuficientes", sets no target prices, and answers MANTER / NEUTRO;
 * - recommendation: COMPRA at a total ≥ 3, VENDA at ≤ −3, MANTER otherwise; COMPRA also needs the
 *   moderate target at or above the price and VENDA at or below it (with fair-value models: the median
 *   fair price, so a stock the models put above fair value is never a buy, whatever its quality);
 * - consistency with its own targets: when the whole target range lies below the price, the answer is
 *   VENDA unless the total is ≥ 3 (then MANTER, and the summary says the score is why), the sentiment
 *   is at most NEUTRO unless that same reason holds, and the summary says the range is below;
 * - sentiment: POSITIVO at a total ≥ 2, NEGATIVO at ≤ −2, NEUTRO otherwise;
 * - strengths: the 3 highest positive factors; risks: the 3 lowest negative ones; short of 3, neutral
 *   observations fill in (score-0 factors, then notes on missing data, then facts about the price).
 *   Macro points (rates, inflation) are context: never a strength; a negative one may be a risk;
 * - target prices: see rules-targets.ts.
 * Bump RULES_VERSION whenever a rule or threshold changes.
 */
export const RULES_VERSION = 'rules-v2';

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

/** Factors that are context (macro), never a strength. */
const CONTEXT = new Set(['macro']);

export interface RuleAssessment {
  factors: Factor[];
  total: number;
  /** How many evidence factors were judged (of EVIDENCE.size). */
  evaluated: number;
  thin: boolean;
  recommendation: Recommendation;
  sentiment: ReportSentiment;
  /** Null when the data is too thin. */
  targets: Targets | null;
  /** The whole target range lies below the price (the summary says so, and why it is not VENDA). */
  rangeBelow: boolean;
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
  const evaluated = factors.filter((x) => EVIDENCE.has(x.key)).length;
  const thin = evaluated < MIN_FACTORS;
  if (thin) {
    return {
      facts: f,
      assessment: {
        factors,
        total,
        evaluated,
        thin,
        recommendation: 'MANTER',
        sentiment: 'NEUTRO',
        targets: null,
        rangeBelow: false,
      },
    };
  }
  const targets = targetPrices(f, total);
  const rangeBelow = targets.optimistic < f.price;
  let recommendation: Recommendation = 'MANTER';
  if (total >= BUY_SCORE && targets.moderate >= f.price) recommendation = 'COMPRA';
  if (total <= SELL_SCORE && targets.moderate <= f.price) recommendation = 'VENDA';
  // Every target below the price: VENDA, unless the score is strong enough to hold (said in the summary).
  if (rangeBelow && total < BUY_SCORE) recommendation = 'VENDA';
  let sentiment: ReportSentiment =
    total >= POSITIVE_SCORE ? 'POSITIVO' : total <= NEGATIVE_SCORE ? 'NEGATIVO' : 'NEUTRO';
  if (rangeBelow && sentiment === 'POSITIVO' && total < BUY_SCORE) sentiment = 'NEUTRO';
  return {
    facts: f,
    assessment: { factors, total, evaluated, thin, recommendation, sentiment, targets, rangeBelow },
  };
}

/** Positive factors, strongest first (ties keep the factor order). */
const strongest = (xs: Factor[], sign: 1 | -1): Factor[] =>
  xs
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => x.score * sign > 0)
    .sort((a, b) => b.x.score * sign - a.x.score * sign || a.i - b.i)
    .map(({ x }) => x);

function pickClaims(f: Facts, a: RuleAssessment): { strengths: Factor[]; risks: Factor[] } {
  const judged = a.factors.filter((x) => !CONTEXT.has(x.key));
  const strengths = strongest(judged, 1).slice(0, 3);
  const risks = strongest(a.factors, -1).slice(0, 3);
  const neutral = judged.filter((x) => x.score === 0);
  if (!a.factors.some((x) => x.key === 'trend')) neutral.push(noTechnicalsNote(f));
  // With thin data there are no targets, so the note on how targets are made does not apply.
  const caveats = missingNotes(f).filter((x) => !(a.thin && x.key === 'missing.valuation'));
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
  const pros = strongest(
    a.factors.filter((x) => !CONTEXT.has(x.key)),
    1,
  ).slice(0, 3);
  const cons = strongest(a.factors, -1).slice(0, 3);
  const n = a.evaluated;
  const of = EVIDENCE.size;
  const judged = en ? `${n} of ${of} factor${of === 1 ? '' : 's'} judged` : `${n} de ${of} fatores avaliados`;
  if (a.thin) {
    const sentences = [
      en
        ? `${name}: insufficient data — only ${judged} (at least ${MIN_FACTORS} needed), so no target prices; MANTER and NEUTRO stand for "no call", not for a view.`
        : `${name}: dados insuficientes — só ${judged} (mínimo de ${MIN_FACTORS}), por isso sem preços-alvo; MANTER e NEUTRO aqui significam "sem opinião", não uma avaliação.`,
      en ? `Reference price ${F.brl(f.price)}.` : `Cotação de referência ${F.brl(f.price)}.`,
    ];
    if (pros.length || cons.length)
      sentences.push(
        `${en ? 'What there is' : 'O que há'}: ${joinList(
          [...pros, ...cons].map((x) => x.short(l)),
          l,
        )}.`,
      );
    const citations = [f.priceId, ...pros.flatMap((x) => x.citations), ...cons.flatMap((x) => x.citations)];
    return { text: sentences.join(' '), citations };
  }
  // Values of another date than the price (or of none) are not mixed without saying so (issue 15).
  const priceDate = input.price_as_of;
  const mixed = input.data_points.some(
    (p) => (p.group === 'fundamental' || p.group === 'valuation') && p.as_of !== priceDate,
  );
  const when = priceDate ? priceDate.split('-').reverse().join('/') : null;
  const caution = !mixed
    ? ''
    : en
      ? `; note: the price is of ${when ?? 'an unknown date'} and some ratios of another date or none`
      : `; atenção: cotação de ${when ?? 'data desconhecida'} e parte dos indicadores de outra data ou sem data`;
  const sentences = [
    en
      ? `${name}: rule-based recommendation ${REC_EN[a.recommendation]}, sentiment ${SENT_EN[a.sentiment]} (score ${F.score(a.total)}, ${judged}${caution}).`
      : `${name}: recomendação ${a.recommendation} pelas regras, sentimento ${a.sentiment} (pontuação ${F.score(a.total)}, ${judged}${caution}).`,
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
  const t = a.targets!;
  const below = (v: number): string => F.pct1((1 - v / f.price) * 100);
  const why = !a.rangeBelow
    ? ''
    : a.recommendation === 'VENDA'
      ? en
        ? `: every target is below the price (${below(t.optimistic)} to ${below(t.conservative)} below), hence VENDA`
        : `: todos os alvos ficam abaixo da cotação (de ${below(t.optimistic)} a ${below(t.conservative)} abaixo), daí VENDA`
      : en
        ? `: every target is below the price (${below(t.optimistic)} to ${below(t.conservative)} below); ${a.recommendation} only because the score (${F.score(a.total)}) outweighs it`
        : `: todos os alvos ficam abaixo da cotação (de ${below(t.optimistic)} a ${below(t.conservative)} abaixo); ${a.recommendation} só porque a pontuação (${F.score(a.total)}) pesa mais`;
  sentences.push(
    en
      ? `Moderate target price of ${F.brl(t.moderate)} (range ${F.brl(t.conservative)} to ${F.brl(t.optimistic)}) against a price of ${F.brl(f.price)}${why}.`
      : `Preço-alvo moderado de ${F.brl(t.moderate)} (faixa de ${F.brl(t.conservative)} a ${F.brl(t.optimistic)}) frente à cotação de ${F.brl(f.price)}${why}.`,
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
    target_prices: t
      ? { conservative: t.conservative, moderate: t.moderate, optimistic: t.optimistic }
      : null,
    citations: [...new Set([...sum.citations, ...(t?.citations ?? [])])],
  };
}
