/**
 * Joel Greenblatt's Magic Formula over the local universe: rank by EV/EBIT ascending (cheapest
 * first) and by ROIC descending (best first), add the two ranks, lowest sum first.
 *
 * - Eligible: EV/EBIT finite and > 0 (a negative EBIT or EV has no meaning here), ROIC finite,
 *   liquidity (average daily traded R$) ≥ the floor (R$ 1 million a day by default; unknown
 *   liquidity is excluded), and not a financial or insurer: sector, subsector or segment naming
 *   banks, insurance, reinsurance, pension, securitization or "financeiro" (B3's "Financeiro",
 *   "Intermediários Financeiros", "Previdência e Seguros", "Serviços Financeiros Diversos"…). Their
 *   EBIT and invested capital are not comparable.
 * - Ranks within each metric are competition ranks: equal values share the best position (1, 2, 2, 4).
 * - Ties of the sum: higher ROIC first, then lower EV/EBIT, then ticker (A→Z). `rank` is then 1…n.
 */

export interface MagicFormulaEntry {
  ticker: string;
  ev_ebit: number | null;
  /** Percent. */
  roic: number | null;
  sector: string | null;
  subsector?: string | null;
  segment?: string | null;
  /** Average daily traded value, R$. */
  liquidity: number | null;
}

export interface MagicFormulaOptions {
  /** Minimum average daily traded value, R$ (default 1,000,000). */
  liquidityFloor?: number;
  /** Lower-case, accent-free fragments of sector names to exclude (default: financials and insurers). */
  excludedSectorFragments?: readonly string[];
}

export interface MagicFormulaRanked {
  ticker: string;
  ev_ebit: number;
  roic: number;
  ev_ebit_rank: number;
  roic_rank: number;
  score: number;
  rank: number;
}

export interface MagicFormulaResult {
  ranked: MagicFormulaRanked[];
  excluded: { ticker: string; reason: string }[];
  liquidity_floor: number;
}

export const DEFAULT_LIQUIDITY_FLOOR = 1_000_000;
export const FINANCIAL_SECTOR_FRAGMENTS: readonly string[] = [
  'banc',
  'seguro',
  'segurador',
  'financeir',
  'previdencia',
  'securitiz',
];

const plain = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function competitionRanks(values: readonly number[], ascending: boolean): number[] {
  return values.map((v) => 1 + values.filter((o) => (ascending ? o < v : o > v)).length);
}

type Eligible = { ticker: string; ev_ebit: number; roic: number };

/** The entry's numbers when it takes part, else why not. */
function eligibility(e: MagicFormulaEntry, floor: number, fragments: readonly string[]): Eligible | string {
  const names = [e.sector, e.subsector, e.segment].filter((s): s is string => typeof s === 'string');
  const hit = names.find((n) => fragments.some((f) => plain(n).includes(f)));
  if (hit !== undefined) return `financial or insurer (${hit})`;
  if (e.ev_ebit === null || !Number.isFinite(e.ev_ebit) || e.ev_ebit <= 0) return 'EV/EBIT missing or ≤ 0';
  if (e.roic === null || !Number.isFinite(e.roic)) return 'ROIC missing';
  if (e.liquidity === null || !Number.isFinite(e.liquidity)) return 'liquidity unknown';
  if (e.liquidity < floor) return `liquidity below R$ ${floor} a day`;
  return { ticker: e.ticker, ev_ebit: e.ev_ebit, roic: e.roic };
}

export function magicFormulaRank(
  universe: readonly MagicFormulaEntry[],
  opts: MagicFormulaOptions = {},
): MagicFormulaResult {
  const floor = opts.liquidityFloor ?? DEFAULT_LIQUIDITY_FLOOR;
  const fragments = opts.excludedSectorFragments ?? FINANCIAL_SECTOR_FRAGMENTS;
  const excluded: { ticker: string; reason: string }[] = [];
  const eligible: Eligible[] = [];
  for (const e of universe) {
    const r = eligibility(e, floor, fragments);
    if (typeof r === 'string') excluded.push({ ticker: e.ticker, reason: r });
    else eligible.push(r);
  }
  const evRanks = competitionRanks(
    eligible.map((e) => e.ev_ebit),
    true,
  );
  const roicRanks = competitionRanks(
    eligible.map((e) => e.roic),
    false,
  );
  const scored = eligible.map((e, i) => {
    const ev_ebit_rank = evRanks[i] ?? 0;
    const roic_rank = roicRanks[i] ?? 0;
    return { ...e, ev_ebit_rank, roic_rank, score: ev_ebit_rank + roic_rank, rank: 0 };
  });
  scored.sort(
    (a, b) =>
      a.score - b.score ||
      b.roic - a.roic ||
      a.ev_ebit - b.ev_ebit ||
      (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0),
  );
  scored.forEach((s, i) => (s.rank = i + 1));
  return { ranked: scored, excluded, liquidity_floor: floor };
}
