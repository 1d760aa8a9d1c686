import type { DataPoint, DataPointUnit, NewsEntry, ReportInput } from '../../contract';
import { formatPct } from './format-number';
import { dividendPoints, macroPoints, newsPoints, technicalPoints } from './report-input-market';
import { isRec, num, point, str, type Rec } from './report-input-util';

/**
 * The data a report is written from, as a flat list of cited data points with provenance. Built
 * from the analysis blocks the core already computes (fundamentals consensus, CVM-computed values,
 * valuation, technicals, macro), the dividend ledger and the stored news. Deterministic: the same
 * blocks give the same list in the same order, so its hash identifies the input.
 */

export interface MetricLabel {
  label: string;
  unit: DataPointUnit;
}

export interface ReportSourcesInput {
  ticker: string;
  /** Blocks of `analysis.stock` (records as the API returns them). */
  fundamental: Record<string, unknown> | null;
  technical: Record<string, unknown> | null;
  valuation: Record<string, unknown> | null;
  macro: Record<string, unknown> | null;
  missing: readonly { what: string }[];
  /** The dividend ledger (`analysis.dividends` → `ledger`), oldest first. */
  ledger: readonly LedgerLike[];
  /** Stored news about the ticker, newest first. */
  news: readonly NewsEntry[];
  /** Labels and units of the standard fundamental keys. */
  labels: Record<string, MetricLabel>;
  /** The day the report stands on (YYYY-MM-DD): dividend windows end here. */
  asOf: string;
  /** At most this many news items (default 10). */
  maxNews?: number;
}

export interface LedgerLike {
  date: string;
  kind: string;
  cash_per_share: number;
  sources: readonly string[];
}

/** The fundamentals a report cites, in this order (those present). */
export const REPORT_FUNDAMENTALS = [
  'price',
  'pl',
  'pvp',
  'psr',
  'ev_ebit',
  'ev_ebitda',
  'dy',
  'payout',
  'roe',
  'roic',
  'gross_margin',
  'ebit_margin',
  'net_margin',
  'net_debt_to_equity',
  'net_debt_to_ebitda',
  'current_ratio',
  'revenue_cagr_5y',
  'earnings_cagr_5y',
  'lpa',
  'vpa',
  'market_cap',
  'net_debt',
  'net_income_12m',
  'revenue_12m',
  'change_12m',
  'min_52w',
  'max_52w',
  'avg_volume_2m',
] as const;

/** How the valuation models are named to readers. */
const VALUATION_NAMES: Record<string, string> = {
  graham_number: 'número de Graham',
  graham_revised: 'Graham revisado',
  bazin_5y: 'Bazin, proventos de 5 anos',
  bazin_3y: 'Bazin, proventos de 3 anos',
  bazin_12m: 'Bazin, proventos de 12 meses',
  barsi: 'Barsi',
  gordon: 'Gordon',
  dcf: 'fluxo de caixa descontado',
};

function fundamentalPoints(
  block: Rec | null,
  labels: Record<string, MetricLabel>,
  asOf: string | null,
): DataPoint[] {
  const metrics = isRec(block?.['metrics']) ? block['metrics'] : {};
  // The current value of each number (core's resolver: the latest observation across sources, with
  // its own source and date) when the block has it; the sites' consensus otherwise.
  const current = isRec(block?.['current']) ? block['current'] : {};
  const out: DataPoint[] = [];
  for (const key of REPORT_FUNDAMENTALS) {
    const m = metrics[key];
    const c = current[key];
    const sources = isRec(m) && Array.isArray(m['sources']) ? m['sources'].filter(isRec) : [];
    const names = sources.map((s) => str(s['source'])).filter((s): s is string => s !== null);
    if (isRec(c) && num(c['value']) !== null) {
      const source = str(c['source']);
      const snap = sources.find((s) => str(s['source']) === source);
      const date = str(c['as_of']);
      const basis = str(c['as_of_basis']);
      out.push(
        point({
          id: key === 'price' ? 'price.last' : `fund.${key}`,
          group: key === 'price' ? 'price' : 'fundamental',
          key,
          label: labels[key]?.label ?? key,
          value: num(c['value'])!,
          unit: labels[key]?.unit ?? null,
          as_of: basis === 'unknown' ? null : date,
          source,
          snapshot_id: snap ? str(snap['snapshot_id']) : null,
          // The date is the point's as_of; one not known is said (a report is the same on any day).
          detail: basis === 'unknown' ? 'data desconhecida (arquivo importado)' : null,
        }),
      );
      continue;
    }
    if (!isRec(m)) continue;
    const value = num(m['value']);
    if (value === null) continue;
    const first = sources[0];
    out.push(
      point({
        id: key === 'price' ? 'price.last' : `fund.${key}`,
        group: key === 'price' ? 'price' : 'fundamental',
        key,
        label: labels[key]?.label ?? key,
        value,
        unit: labels[key]?.unit ?? null,
        as_of: asOf,
        source: names.join(', ') || null,
        snapshot_id: first ? str(first['snapshot_id']) : null,
        detail: names.length > 1 ? `consenso de ${names.length} fontes` : null,
      }),
    );
  }
  return out;
}

function computedPoints(block: Rec | null, labels: Record<string, MetricLabel>): DataPoint[] {
  const computed = isRec(block?.['computed']) ? block['computed'] : null;
  const values = computed && isRec(computed['values']) ? computed['values'] : {};
  const asOf = computed ? (str(computed['ttm_end']) ?? str(computed['balance_date'])) : null;
  return Object.keys(values)
    .sort()
    .flatMap((key) => {
      const value = num(values[key]);
      if (value === null) return [];
      return [
        point({
          id: `comp.${key}`,
          group: 'computed',
          key,
          label: `${labels[key]?.label ?? key} (CVM)`,
          value,
          unit: labels[key]?.unit ?? null,
          as_of: asOf,
          source: 'computed',
          detail: 'calculado das demonstrações entregues à CVM',
        }),
      ];
    });
}

function valuationPoints(block: Rec | null, asOf: string | null): DataPoint[] {
  const models = Array.isArray(block?.['models']) ? block['models'].filter(isRec) : [];
  const out: DataPoint[] = [];
  for (const m of models) {
    const name = str(m['model']);
    const value = num(m['value']);
    if (!name || value === null) continue;
    const upside = num(m['upside_pct']);
    out.push(
      point({
        id: `val.${name}`,
        group: 'valuation',
        key: name,
        label: `Preço justo (${VALUATION_NAMES[name] ?? name})`,
        value,
        unit: 'BRL',
        as_of: asOf,
        source: 'computed',
        detail:
          upside === null ? null : `potencial ${formatPct(upside, 'pt-BR', { decimals: 1, signed: true })}`,
      }),
    );
  }
  const mf = isRec(block?.['magic_formula']) ? block['magic_formula'] : null;
  const rank = mf ? num(mf['rank']) : null;
  if (mf && rank !== null)
    out.push(
      point({
        id: 'val.magic_formula_rank',
        group: 'valuation',
        key: 'magic_formula_rank',
        label: 'Posição na Fórmula Mágica',
        value: rank,
        unit: 'count',
        as_of: asOf,
        source: 'computed',
        detail: `entre ${num(mf['of']) ?? '?'} ação(ões) ranqueadas`,
      }),
    );
  return out;
}

export function buildReportInput(s: ReportSourcesInput): ReportInput {
  const fund = isRec(s.fundamental) ? s.fundamental : null;
  const profile = fund && isRec(fund['profile']) ? fund['profile'] : {};
  const priceAsOf = str(profile['price_date']) ?? str(s.technical?.['as_of']);
  const fundamentals = fundamentalPoints(fund, s.labels, priceAsOf);
  const tech = technicalPoints(s.technical);
  const pricePoint =
    fundamentals.find((p) => p.id === 'price.last') ?? tech.find((p) => p.id === 'tech.close');
  const price = typeof pricePoint?.value === 'number' ? pricePoint.value : null;
  return {
    ticker: s.ticker,
    company: str(profile['company_name']),
    sector: str(profile['sector']),
    price,
    price_as_of: pricePoint?.as_of ?? priceAsOf,
    data_points: [
      ...fundamentals,
      ...computedPoints(fund, s.labels),
      ...valuationPoints(s.valuation, priceAsOf),
      ...tech,
      ...dividendPoints(s.ledger, s.asOf, price),
      ...macroPoints(s.macro),
      ...newsPoints(s.news, s.maxNews ?? 10),
    ],
    missing: [...new Set(s.missing.map((m) => m.what))],
  };
}
