import { nameWords, type NameEntry } from './match-tickers';

/**
 * B3's COTAHIST file names each ticker by a 12-character short name ("MAGAZ LUIZA", "ITAUUNIBANCO",
 * "AMBEV S/A"); the CVM register has the companies' full and trading names ("MAGAZINE LUIZA SA",
 * "ITAÚ UNIBANCO HOLDING S.A."). News names companies the long way, so each short name is linked to
 * the one active register company it abbreviates, and that company's names then point to the
 * tickers too. Two candidates at the best tier → no link (a wrong ticker is worse than none).
 */

export interface SecurityName {
  ticker: string;
  /** COTAHIST's short name. */
  name: string;
}

export interface RegisterName {
  name: string;
  trading_name: string | null;
}

/** Leading words the short names drop ("BANCO BRADESCO" → "BRADESCO", "BANCO DO BRASIL" → "BRASIL"). */
const GENERIC_LEADING = new Set(['banco']);
const LINKING = new Set(['do', 'da', 'de', 'dos', 'das']);

function core(words: string[]): string[] {
  if (words.length < 2 || !GENERIC_LEADING.has(words[0] ?? '')) return words;
  const rest = words.slice(1);
  return rest.length > 1 && LINKING.has(rest[0] ?? '') ? rest.slice(1) : rest;
}

/** `compact` is the first two or more words of `full` written together ("itauunibanco"). */
function joinsWords(compact: string, full: string[]): boolean {
  let joined = '';
  for (let i = 0; i < full.length; i++) {
    joined += full[i];
    if (joined === compact) return i >= 1;
    if (!compact.startsWith(joined)) return false;
  }
  return false;
}

type Tier = (short: string[], full: string[]) => boolean;

const TIERS: Tier[] = [
  // The same words: "AMBEV S/A" ~ "AMBEV S.A", "BRADESCO" ~ "BANCO BRADESCO S.A.".
  (s, f) => s.length === f.length && s.every((w, i) => w === f[i]),
  // Word by word abbreviations of two or more words: "MAGAZ LUIZA" ~ "MAGAZINE LUIZA" (one word alone
  // would take "BRASIL" for "BRASILAGRO").
  (s, f) => s.length >= 2 && s.length === f.length && s.every((w, i) => (f[i] ?? '').startsWith(w)),
  // Whole words written together: "ITAUUNIBANCO" ~ "ITAÚ UNIBANCO".
  (s, f) => s.length === 1 && joinsWords(s[0] ?? '', f),
];

interface Company {
  names: string[];
  words: string[][];
}

export function linkCompanyNames(
  securities: readonly SecurityName[],
  register: readonly RegisterName[],
): NameEntry[] {
  const byName = new Map<string, Set<string>>();
  for (const s of securities) {
    const name = s.name.trim();
    if (!name) continue;
    const set = byName.get(name) ?? new Set<string>();
    set.add(s.ticker);
    byName.set(name, set);
  }
  const companies = new Map<string, Company>();
  for (const r of register) {
    const c = companies.get(r.name) ?? { names: [], words: [] };
    for (const n of [r.name, r.trading_name]) {
      if (!n || c.names.includes(n)) continue;
      c.names.push(n);
      c.words.push(core(nameWords(n)));
    }
    companies.set(r.name, c);
  }
  const all = [...companies.values()];
  const entries: NameEntry[] = [];
  for (const [name, set] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const tickers = [...set].sort();
    entries.push({ name, tickers });
    const short = core(nameWords(name));
    if (short.length === 0) continue;
    for (const tier of TIERS) {
      const found = all.filter((c) => c.words.some((w) => tier(short, w)));
      if (found.length === 0) continue;
      const only = found.length === 1 ? found[0] : undefined;
      if (only) for (const n of only.names) entries.push({ name: n, tickers });
      break;
    }
  }
  return entries;
}
