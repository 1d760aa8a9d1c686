import { AppError, type CurrentValues, type Screen } from '../../contract';
import { magicFormulaRank } from '../../analysis/valuation';
import type { UniverseRow } from './universe';

/** Technical fields a screen may use; computed per ticker (cached) only when a screen asks. */
export const TECHNICAL_FIELDS = [
  'rsi_14',
  'sma_20',
  'sma_50',
  'sma_200',
  'ema_21',
  'atr_14',
  'trend_strength',
  'close_vs_sma_200_pct',
] as const;
export type TechnicalField = (typeof TECHNICAL_FIELDS)[number];

/**
 * The Fundamentus-style screen most sites reproduce: cheap (P/L up to 15, P/VP up to 2), profitable
 * (ROE ≥ 15%) and paying dividends; on the fields every fundamentals source gives.
 */
export const PRESETS: Record<string, Screen> = {
  fundamentus: {
    conditions: [
      { field: 'pl', op: 'between', value: 0, value2: 15 },
      { field: 'pvp', op: 'between', value: 0, value2: 2 },
      { field: 'roe', op: 'gte', value: 15 },
      { field: 'dy', op: 'gt', value: 0 },
    ],
    sort: { field: 'pl', dir: 'asc' },
    limit: 100,
  },
  'magic-formula': { conditions: [], sort: { field: 'magic_formula_rank', dir: 'asc' }, limit: 30 },
};

function passes(v: number | undefined, c: Screen['conditions'][number]): boolean {
  if (v === undefined) return false;
  switch (c.op) {
    case 'gt':
      return v > c.value;
    case 'gte':
      return v >= c.value;
    case 'lt':
      return v < c.value;
    case 'lte':
      return v <= c.value;
    case 'eq':
      return v === c.value;
    case 'between':
      return c.value2 !== undefined && v >= Math.min(c.value, c.value2) && v <= Math.max(c.value, c.value2);
  }
}

export interface ScreenResult {
  fields: string[];
  total: number;
  rows: {
    ticker: string;
    values: Record<string, number | null>;
    current: CurrentValues;
    sector: string | null;
  }[];
}

/** A row's value of a field the user named: own keys only (`constructor`, `toString` are not fields). */
function valueAt<T>(values: Record<string, T>, field: string): T | undefined {
  return Object.hasOwn(values, field) ? values[field] : undefined;
}

/**
 * Run a screen over the universe (values already joined with any technical fields asked for). A row
 * without a field a condition names does not pass (missing is not zero).
 */
export function runScreen(universe: readonly UniverseRow[], screen: Screen, magic = false): ScreenResult {
  let rows = universe.map((u) => ({
    ticker: u.ticker,
    values: { ...u.values },
    current: u.current,
    sector: u.sector,
  }));
  if (magic) {
    const ranked = magicFormulaRank(
      universe.map((u) => ({
        ticker: u.ticker,
        ev_ebit: u.values['ev_ebit'] ?? null,
        roic: u.values['roic'] ?? null,
        sector: u.sector,
        liquidity: u.values['liquidity_2m'] ?? u.values['liquidity_30d'] ?? u.values['avg_volume_2m'] ?? null,
      })),
    );
    const rank = new Map(ranked.ranked.map((r) => [r.ticker, r.rank]));
    rows = rows
      .filter((r) => rank.has(r.ticker))
      .map((r) => ({ ...r, values: { ...r.values, magic_formula_rank: rank.get(r.ticker)! } }));
  }
  for (const c of screen.conditions) {
    if (c.op === 'between' && c.value2 === undefined) {
      throw new AppError('INVALID_INPUT', `conditions: "${c.field} between" needs value2`, {
        fields: ['conditions'],
      });
    }
    rows = rows.filter((r) => passes(valueAt(r.values, c.field), c));
  }
  const sort = screen.sort;
  if (sort) {
    const dir = sort.dir === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = valueAt(a.values, sort.field);
      const y = valueAt(b.values, sort.field);
      if (x === undefined && y === undefined) return a.ticker.localeCompare(b.ticker);
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x - y) * dir || a.ticker.localeCompare(b.ticker);
    });
  }
  const fields = [
    ...new Set([
      ...(sort ? [sort.field] : []),
      ...screen.conditions.map((c) => c.field),
      'price',
      'pl',
      'pvp',
      'dy',
      'roe',
      'roic',
      'ev_ebit',
    ]),
  ];
  return {
    fields,
    total: rows.length,
    rows: rows.slice(0, screen.limit).map((r) => ({
      ticker: r.ticker,
      values: Object.fromEntries(fields.map((f) => [f, valueAt(r.values, f) ?? null])),
      current: Object.fromEntries(
        fields.filter((f) => Object.hasOwn(r.current, f)).map((f) => [f, r.current[f]!]),
      ),
      sector: r.sector,
    })),
  };
}

/** The rows as CSV: `;`-separated, decimal point, a header line. */
export function toCsv(result: ScreenResult): string {
  const lines = [['ticker', ...result.fields].join(';')];
  for (const r of result.rows)
    lines.push([r.ticker, ...result.fields.map((f) => (valueAt(r.values, f) ?? '') + '')].join(';'));
  return lines.join('\n') + '\n';
}

/** Where one ticker stands in the Magic Formula ranking of the local universe (or why it is out). */
export function magicFormulaOf(
  ticker: string,
  universe: readonly UniverseRow[],
): Record<string, unknown> | null {
  return magicFormulaTable(universe).of(ticker);
}

/** The universe with its Magic Formula ranking computed once, for many `of(ticker)` look-ups. */
export interface MagicFormulaTable {
  universe: readonly UniverseRow[];
  of(ticker: string): Record<string, unknown> | null;
}

export function magicFormulaTable(universe: readonly UniverseRow[]): MagicFormulaTable {
  const r = magicFormulaRank(
    universe.map((u) => ({
      ticker: u.ticker,
      ev_ebit: u.values['ev_ebit'] ?? null,
      roic: u.values['roic'] ?? null,
      sector: u.sector,
      liquidity: u.values['liquidity_2m'] ?? u.values['liquidity_30d'] ?? u.values['avg_volume_2m'] ?? null,
    })),
  );
  // The first entry per ticker, as a search from the start would find.
  const ranked = new Map<string, (typeof r.ranked)[number]>();
  for (const x of r.ranked) if (!ranked.has(x.ticker)) ranked.set(x.ticker, x);
  const excluded = new Map<string, string>();
  for (const x of r.excluded) if (!excluded.has(x.ticker)) excluded.set(x.ticker, x.reason);
  return {
    universe,
    of(ticker) {
      const mine = ranked.get(ticker);
      if (mine) return { ...mine, of: r.ranked.length, liquidity_floor: r.liquidity_floor };
      const out = excluded.get(ticker);
      return out !== undefined ? { rank: null, of: r.ranked.length, excluded: out } : null;
    },
  };
}
