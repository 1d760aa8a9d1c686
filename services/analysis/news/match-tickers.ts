import { normalizeText } from './sentiment';

/**
 * Which tickers a news text is about: literal tickers written in it (PETR4, TAEE11, B3SA3) and the
 * companies it names, from an index of trading names (the CVM register's trading names, B3's
 * COTAHIST short names joined to their tickers). Pure code, no I/O.
 *
 * Names match accent- and case-insensitively as whole words or phrases ("Banco do Brasil"), or
 * written together ("Itaú Unibanco" = ITAUUNIBANCO). Legal and share-class suffixes are stripped
 * from names ("RUMO S.A." → rumo, "WEG SA ON N1" → weg, "CIA HERING" → hering), never the last
 * word. Guards against names that are ordinary words:
 * - names shorter than 3 letters ("OI", "B3", "XP") never match alone (only their tickers do);
 * - generic names ("BRASIL", the COTAHIST short name of Banco do Brasil; "ENERGIA") never match alone;
 * - names that are common words ("Vale", "Rumo", "Natura", "Gol"…) and names of 3 letters match
 *   only when capitalised in the original text (each word of 3+ letters), not joined to another
 *   word by a hyphen ("vale-refeição") and not inside a known idiom ("Vale a pena", "rumo ao").
 */

export interface NameEntry {
  name: string;
  tickers: readonly string[];
}

export interface NameIndexOptions {
  /** More names that are common words (matched only when capitalised); added to the defaults. */
  commonWords?: Iterable<string>;
  /** More names that never match alone; added to the defaults. */
  genericNames?: Iterable<string>;
  /** More idioms (normalised words) per common-word name, added to IDIOMS. */
  idioms?: Readonly<Record<string, readonly string[]>>;
}

interface IndexedName {
  /** Normalised words, suffixes stripped: "banco do brasil". */
  phrase: string;
  tickers: string[];
  guarded: boolean;
  /** Idioms, as word lists, in which this name is not the company. */
  idioms: string[][];
}

export interface NameIndex {
  /** By phrase ("banco do brasil") and, for names of 6+ letters, by the letters joined. */
  readonly byPhrase: ReadonlyMap<string, IndexedName>;
  readonly byCompact: ReadonlyMap<string, IndexedName>;
  /** The most text words a name can span. */
  readonly maxWords: number;
}

/** Single words and phrases that are company names and ordinary Portuguese words. */
export const COMMON_WORD_NAMES: readonly string[] = [
  'vale', 'natura', 'light', 'rumo', 'cielo', 'marisa', 'alpargatas', 'renner', 'gol', 'azul',
  'vamos', 'positivo', 'localiza', 'movida', 'vibra', 'tenda', 'inter', 'caixa', 'plano', 'ser',
  'via', 'pan', 'omega', 'equatorial', 'direcional', 'anima', 'soma', 'even', 'mills', 'clear',
  'stone', 'compass', 'unidas', 'estrela', 'taurus', 'boa safra', 'porto seguro', 'pague menos',
  'sao martinho', 'tres tentos', 'mater dei', 'guararapes', 'iguatemi', 'santander',
]; // prettier-ignore

/** Names too generic to mean one company when they stand alone. */
export const GENERIC_NAMES: readonly string[] = [
  'brasil', 'brazil', 'banco', 'bancos', 'nacional', 'brasileiro', 'brasileira', 'energia',
  'participacoes', 'part', 'holding', 'investimentos', 'grupo', 'sul', 'norte', 'nordeste',
  'seguros', 'seguridade', 'petroleo', 'mineracao', 'america', 'latam', 'global', 'capital',
  'industria', 'comercio', 'sao paulo', 'rio', 'minas', 'bahia', 'parana', 'santos', 'mercado',
  'bolsa', 'saneamento', 'telecom', 'tecnologia', 'educacional', 'alimentos', 'construtora',
]; // prettier-ignore

/** Idioms (normalised words) in which a common-word name is not the company. */
export const IDIOMS: Readonly<Record<string, readonly string[]>> = {
  vale: [
    'vale a pena', 'vale lembrar', 'vale destacar', 'vale ressaltar', 'vale notar', 'vale dizer',
    'vale mencionar', 'vale observar', 'vale tudo', 'vale mais', 'vale menos', 'vale o', 'vale quanto',
    'vale refeicao', 'vale alimentacao', 'vale transporte', 'vale cultura', 'vale gas', 'vale presente',
    'vale do silicio', 'vale do paraiba', 'vale do itajai', 'vale do ribeira', 'vale do sao francisco',
    'quanto vale', 'que vale', 'nao vale', 'so vale', 'ainda vale', 'tambem vale',
  ],
  rumo: [
    'rumo a', 'rumo ao', 'rumo aos', 'rumo as', 'rumo certo', 'rumo incerto', 'novo rumo',
    'mesmo rumo', 'sem rumo', 'muda rumo', 'mudar rumo', 'mudanca de rumo', 'de rumo',
  ],
  natura: ['in natura'],
  marisa: ['marisa monte', 'marisa leticia', 'marisa orth'],
  gol: ['gol de', 'gol do', 'gol da', 'gol contra', 'marca gol', 'fez gol'],
  vamos: ['vamos a', 'vamos aos', 'vamos ver', 'vamos la', 'vamos falar', 'vamos entender'],
  via: ['via pix', 'por via', 'via de regra', 'segunda via', 'terceira via', 'via judicial', 'via expressa'],
  azul: ['no azul', 'em azul', 'oceano azul', 'sinal azul', 'economia azul', 'sangue azul'],
  positivo: ['positivo para', 'positivo em', 'saldo positivo', 'resultado positivo'],
  caixa: ['caixa livre', 'fluxo de caixa', 'geracao de caixa', 'caixa forte', 'em caixa'],
}; // prettier-ignore

const LEGAL_TRAILING: readonly string[][] = [['s', 'a'], ['sa'], ['cia'], ['ltda'], ['holding']];
const LEGAL_LEADING = new Set(['cia', 'companhia']);
const SHARE_CLASS = new Set('on pn pna pnb pnc pnd pne pnf unt n1 n2 nm ma mb m2 ed ej ex drn'.split(' '));
/** Index-like roots that look like tickers when a number follows ("IPCA15"). */
const NOT_TICKER_ROOTS = new Set(['IPCA', 'INPC', 'IGPM']);
const MIN_COMPACT = 6;
/** A literal ticker: 4 characters (a letter first and last: PETR, B3SA) + 1–2 digits, F = fractional. */
const TICKER_RE = /(?<![\p{L}\p{N}])([A-Z][A-Z0-9]{2}[A-Z])(\d{1,2})F?(?![\p{L}\p{N}])/gu;

function words(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A name's words with legal and share-class suffixes removed, at least one word kept. */
export function nameWords(name: string): string[] {
  const w = words(name);
  for (let changed = true; changed && w.length > 1;) {
    changed = false;
    const last = w[w.length - 1] ?? '';
    if (SHARE_CLASS.has(last)) {
      w.pop();
      changed = true;
      continue;
    }
    const legal = LEGAL_TRAILING.find(
      (s) => s.length < w.length && s.every((x, i) => w[w.length - s.length + i] === x),
    );
    if (legal) {
      w.splice(w.length - legal.length);
      changed = true;
    } else if (LEGAL_LEADING.has(w[0] ?? '')) {
      w.shift();
      changed = true;
    }
  }
  return w;
}

export function buildNameIndex(entries: readonly NameEntry[], options: NameIndexOptions = {}): NameIndex {
  const common = new Set(
    [...COMMON_WORD_NAMES, ...(options.commonWords ?? [])].map((n) => words(n).join(' ')),
  );
  const generic = new Set([...GENERIC_NAMES, ...(options.genericNames ?? [])].map((n) => words(n).join(' ')));
  const byPhrase = new Map<string, IndexedName>();
  const byCompact = new Map<string, IndexedName>();
  let maxWords = 1;
  for (const entry of entries) {
    const w = nameWords(entry.name);
    const phrase = w.join(' ');
    const compact = w.join('');
    if (compact.length < 3 || generic.has(phrase)) continue;
    let named = byPhrase.get(phrase) ?? byCompact.get(compact);
    if (!named) {
      const idioms = [...(IDIOMS[phrase] ?? []), ...(options.idioms?.[phrase] ?? [])].map(words);
      named = { phrase, tickers: [], guarded: common.has(phrase) || compact.length === 3, idioms };
      byPhrase.set(phrase, named);
      if (compact.length >= MIN_COMPACT && !byCompact.has(compact)) byCompact.set(compact, named);
      maxWords = Math.max(maxWords, w.length);
    }
    for (const t of entry.tickers) if (!named.tickers.includes(t)) named.tickers.push(t);
  }
  // "Itaú Unibanco" spans two words for the one-word name ITAUUNIBANCO.
  return { byPhrase, byCompact, maxWords: Math.max(maxWords, 3) };
}

interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    text: m[0],
    norm: normalizeText(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function inIdiom(toks: readonly Token[], from: number, to: number, idioms: readonly string[][]): boolean {
  const matched = toks.slice(from, to).map((t) => t.norm);
  for (const iw of idioms) {
    for (let o = 0; o + matched.length <= iw.length; o++) {
      if (!matched.every((m, k) => iw[o + k] === m)) continue;
      const s = from - o;
      if (s >= 0 && iw.every((x, k) => toks[s + k]?.norm === x)) return true;
    }
  }
  return false;
}

function passesGuard(
  text: string,
  toks: readonly Token[],
  from: number,
  to: number,
  name: IndexedName,
): boolean {
  if (!name.guarded) return true;
  const span = toks.slice(from, to);
  if (!span.every((t) => t.text.length < 3 || /^\p{Lu}/u.test(t.text))) return false;
  const first = span[0];
  const last = span[span.length - 1];
  if (!first || !last) return false;
  const hyphenBefore = text[first.start - 1] === '-' && /[\p{L}\p{N}]/u.test(text[first.start - 2] ?? '');
  const hyphenAfter = text[last.end] === '-' && /[\p{L}\p{N}]/u.test(text[last.end + 1] ?? '');
  return !hyphenBefore && !hyphenAfter && !inIdiom(toks, from, to, name.idioms);
}

/** Tickers written in the text: uppercase, `known` (when given) filters them. */
export function literalTickers(text: string, known?: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(TICKER_RE)) {
    const root = m[1] ?? '';
    const ticker = root + (m[2] ?? '');
    if (NOT_TICKER_ROOTS.has(root)) continue;
    if (!known || known.has(ticker)) out.add(ticker);
  }
  return [...out];
}

/**
 * Sorted unique tickers a text is about: its literal tickers (only those in `known`, when given)
 * and the tickers of the companies it names (from the index, not filtered by `known`).
 */
export function matchTickers(text: string, index: NameIndex, known?: ReadonlySet<string>): string[] {
  const out = new Set(literalTickers(text, known));
  const toks = tokens(text);
  for (let i = 0; i < toks.length;) {
    let matched = 0;
    for (let k = Math.min(index.maxWords, toks.length - i); k >= 1 && matched === 0; k--) {
      const span = toks.slice(i, i + k).map((t) => t.norm);
      const name = index.byPhrase.get(span.join(' ')) ?? index.byCompact.get(span.join(''));
      if (name && passesGuard(text, toks, i, i + k, name)) {
        for (const t of name.tickers) out.add(t);
        matched = k;
      }
    }
    i += Math.max(matched, 1);
  }
  return [...out].sort();
}
