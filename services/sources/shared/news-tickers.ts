/**
 * B3 tickers written literally in a headline or summary: four capital letters and one or two digits
 * (PETR4, VALE3, TAEE11, BOVA11, AAPL34), standing alone — not inside a longer word ("PETR4F",
 * "XPETR4"). Company names ("Petrobras") are matched later by the core against the CVM register.
 */
const TICKER = /(?<![\p{L}\p{N}_])[A-Z]{4}\d{1,2}(?![\p{L}\p{N}_])/gu;

/** Tickers in the texts, plus `extra` (the ticker a search was made for): unique, sorted. */
export function newsTickers(
  texts: (string | null | undefined)[],
  extra: (string | undefined)[] = [],
): string[] {
  const found = new Set<string>();
  for (const t of texts) if (t) for (const m of t.matchAll(TICKER)) found.add(m[0]);
  for (const e of extra) if (e) found.add(e);
  return [...found].sort();
}
