/**
 * Lexicon sentiment scorer for Portuguese financial headlines. Pure code, no I/O.
 *
 * Steps:
 * 1. Normalise: NFD + strip combining marks ("ação" = "acao"), lower-case; tokens are words (hyphenated
 *    words kept whole: "preço-alvo", "data-com"), numbers ("20,5") and the clause marks "," and ";".
 *    Stopwords (de, da, os, em…) are dropped, so windows count content tokens only.
 * 2. Match the lexicon (`lexicon-pt.ts`) longest phrase first; `*` keys match by prefix.
 * 3. Pair movement words with quantity nouns within 3 tokens in the same clause (closest first;
 *    "após" breaks a pair), scheduling phrases ("data-com") neutralise the noun after them;
 *    sign = noun sign × movement sign ("lucro cai" −, "reduz dívida" +, "corta dividendos" −).
 * 4. Modifiers: an intensifier (×1.5: muito, forte, expressivo, recorde, histórico…) or a downtoner
 *    (×0.5: leve, ligeira, levemente…) scales the nearest hit within 2 tokens; an intensifier with no
 *    hit near it counts as a term if the lexicon has one ("recorde"). A negator (não, nem, sem,
 *    jamais, nunca) flips every hit in the next 3 tokens. "A mas B": A ×0.5, B ×1.5; "apesar de A,
 *    B": A ×0.5.
 * 5. score = sum / √(sum² + ALPHA), in (−1, 1); label neutral when |score| < NEUTRAL_BAND.
 */
import {
  COMPOSE_BREAKS,
  CONCESSIVE,
  CONTRAST,
  INTENSIFIERS,
  NEGATORS,
  type LexEntry,
  rawLexicon,
  STOPWORDS,
} from './lexicon-pt';

export const ALPHA = 1;
/** |score| below this is neutral (|sum| < ≈0.15). */
export const NEUTRAL_BAND = 0.15;
const NEGATION_WINDOW = 3;
const COMPOSE_WINDOW = 3;
const MODIFIER_WINDOW = 2;
const SEP = ',';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentHit {
  /** The matched words (normalised), movement first when composed with a noun: "cai lucro". */
  term: string;
  /** Signed contribution to the sum after composition, negation, intensity and contrast. */
  weight: number;
  negated: boolean;
  intensified: boolean;
}

export interface SentimentResult {
  score: number;
  label: SentimentLabel;
  hits: SentimentHit[];
}

export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const STOP = new Set(STOPWORDS);

/** Content tokens of a text: normalised, stopwords removed, "," / ";" kept as SEP. */
export function tokenize(text: string): string[] {
  const raw = normalizeText(text).match(/\d+(?:[.,]\d+)*|[a-z0-9]+(?:-[a-z0-9]+)*|[,;]/g) ?? [];
  return raw.map((t) => (t === ';' ? SEP : t)).filter((t) => !STOP.has(t));
}

interface Lexicon {
  exact: Map<string, LexEntry>;
  prefixes: [string, LexEntry][];
  maxLen: number;
}

function buildLexicon(): Lexicon {
  const exact = new Map<string, LexEntry>();
  const prefixes: [string, LexEntry][] = [];
  let maxLen = 1;
  for (const [key, entry] of rawLexicon()) {
    if (key.endsWith('*')) {
      prefixes.push([normalizeText(key.slice(0, -1)), entry]);
      continue;
    }
    const toks = tokenize(key);
    exact.set(toks.join(' '), entry);
    maxLen = Math.max(maxLen, toks.length);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  return { exact, prefixes, maxLen };
}

const LEX = buildLexicon();

interface Term {
  start: number;
  end: number; // inclusive
  text: string;
  entry: LexEntry;
}

function lookupOne(tok: string): LexEntry | undefined {
  const hit = LEX.exact.get(tok);
  if (hit) return hit;
  return LEX.prefixes.find(([p]) => tok.startsWith(p))?.[1];
}

function matchTerms(toks: string[], skip: Set<number>): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < toks.length) {
    let found: Term | undefined;
    for (let len = Math.min(LEX.maxLen, toks.length - i); len >= 2 && !found; len--) {
      const slice = toks.slice(i, i + len);
      if (slice.includes(SEP)) continue;
      const entry = LEX.exact.get(slice.join(' '));
      if (entry) found = { start: i, end: i + len - 1, text: slice.join(' '), entry };
    }
    const tok = toks[i] ?? SEP;
    if (!found && !skip.has(i) && tok !== SEP) {
      const entry = lookupOne(tok);
      if (entry) found = { start: i, end: i, text: tok, entry };
    }
    if (found) {
      terms.push(found);
      i = found.end + 1;
    } else i++;
  }
  return terms;
}

/** True when no clause mark lies strictly between positions a and b. */
function sameClause(toks: string[], a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  for (let k = lo + 1; k < hi; k++) if (toks[k] === SEP || CONTRAST.includes(toks[k] ?? '')) return false;
  return true;
}

function distance(a: Term, b: Term): number {
  return a.end < b.start ? b.start - a.end : a.start - b.end;
}

interface Hit extends SentimentHit {
  start: number;
  end: number;
  /** Position negation looks at: the movement word of a composed hit. */
  anchor: number;
}

function compose(toks: string[], terms: Term[]): Hit[] {
  const hits: Hit[] = [];
  const used = new Set<Term>();
  const isNoun = (t: Term) => t.entry.kind === 'good' || t.entry.kind === 'bad';
  const isMove = (t: Term) => t.entry.kind === 'up' || t.entry.kind === 'down';
  const base = (text: string, weight: number, start: number, end: number, anchor: number): Hit => ({
    term: text, weight, negated: false, intensified: false, start, end, anchor,
  }); // prettier-ignore
  // Scheduling phrases ("data de pagamento", "data-com") neutralise the noun right after them.
  for (const z of terms.filter((t) => t.entry.kind === 'zero')) {
    const next = terms.find((t) => isNoun(t) && t.start > z.end && t.start - z.end <= MODIFIER_WINDOW);
    if (next) used.add(next);
  }
  // Pair movements with nouns, closest pairs first (ties: noun before movement, "lucro cai").
  const pairs: [Term, Term, number][] = [];
  for (const mv of terms.filter(isMove))
    for (const n of terms.filter(isNoun)) {
      const d = distance(mv, n);
      if (d <= COMPOSE_WINDOW && composable(toks, mv.start, n.start))
        pairs.push([mv, n, d + (n.start < mv.start ? 0 : 0.5)]);
    }
  pairs.sort((a, b) => a[2] - b[2]);
  for (const [mv, noun] of pairs) {
    if (used.has(mv) || used.has(noun)) continue;
    used.add(mv).add(noun);
    const w = (mv.entry.kind === 'up' ? 1 : -1) * (noun.entry.kind === 'good' ? 1 : -1) * mv.entry.weight;
    const text = `${mv.text} ${noun.text}`;
    hits.push(base(text, w, Math.min(mv.start, noun.start), Math.max(mv.end, noun.end), mv.start));
  }
  for (const t of terms) {
    if (used.has(t) || t.entry.kind === 'zero' || t.entry.composeOnly) continue;
    const sign = t.entry.kind === 'down' ? -1 : 1;
    if (t.entry.weight !== 0) hits.push(base(t.text, sign * t.entry.weight, t.start, t.end, t.start));
  }
  return hits.sort((a, b) => a.start - b.start);
}

function composable(toks: string[], a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  for (let k = lo + 1; k < hi; k++) if (COMPOSE_BREAKS.includes(toks[k] ?? '')) return false;
  return sameClause(toks, a, b);
}

function gap(pos: number, h: Hit): number {
  return pos < h.start ? h.start - pos : pos > h.end ? pos - h.end : 0;
}

/** Scores one text; see the module comment for the rules. */
export function scoreSentiment(text: string): SentimentResult {
  const toks = tokenize(text);
  const modifierAt = new Set<number>();
  toks.forEach((t, i) => {
    if (INTENSIFIERS[t] !== undefined) modifierAt.add(i);
  });
  const hits = compose(toks, matchTerms(toks, modifierAt));
  // Intensifiers: scale the nearest hit; a lone one that is also a lexicon term becomes a hit.
  for (const i of modifierAt) {
    const factor = INTENSIFIERS[toks[i] ?? ''] ?? 1;
    const target = hits
      .filter((h) => gap(i, h) > 0 && gap(i, h) <= MODIFIER_WINDOW && sameClause(toks, i, h.start))
      .sort((a, b) => gap(i, a) - gap(i, b) || b.start - a.start)[0];
    if (target) {
      target.weight *= factor;
      target.intensified = true;
      continue;
    }
    const entry = lookupOne(toks[i] ?? '');
    if (entry && entry.kind === 'polar') hits.push({ term: toks[i] ?? '', weight: entry.weight, negated: false, intensified: false, start: i, end: i, anchor: i }); // prettier-ignore
  }
  toks.forEach((t, i) => {
    if (!NEGATORS.includes(t)) return;
    for (const h of hits) {
      const ahead = h.anchor > i && h.anchor - i <= NEGATION_WINDOW && sameClause(toks, i, h.anchor);
      if (ahead && !h.negated) {
        h.weight = -h.weight;
        h.negated = true;
      }
    }
  });
  const contrast = toks.findLastIndex((t) => CONTRAST.includes(t));
  if (contrast >= 0) for (const h of hits) h.weight *= h.start < contrast ? 0.5 : 1.5;
  toks.forEach((t, i) => {
    if (!CONCESSIVE.includes(t)) return;
    const endAt = toks.indexOf(SEP, i);
    for (const h of hits) if (h.start > i && (endAt < 0 || h.start < endAt)) h.weight *= 0.5;
  });
  const sum = hits.reduce((s, h) => s + h.weight, 0);
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  const label: SentimentLabel =
    score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return {
    score,
    label,
    hits: hits
      .sort((a, b) => a.start - b.start)
      .map(({ term, weight, negated, intensified }) => ({ term, weight, negated, intensified })),
  };
}
