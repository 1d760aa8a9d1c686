import type { DataPoint, DataPointUnit, NewsEntry, ReportInput } from '../../contract';
import { formatPct } from './format-number';

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

const TECH_NUMBERS: readonly [string, string][] = [
  ['sma_20', 'Média móvel 20'],
  ['sma_50', 'Média móvel 50'],
  ['sma_200', 'Média móvel 200'],
  ['rsi_14', 'IFR 14'],
  ['atr_14', 'ATR 14'],
];

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function point(
  p: Omit<DataPoint, 'as_of' | 'source' | 'snapshot_id' | 'detail'> & Partial<DataPoint>,
): DataPoint {
  return { as_of: null, source: null, snapshot_id: null, detail: null, ...p };
}

function fundamentalPoints(
  block: Rec | null,
  labels: Record<string, MetricLabel>,
  asOf: string | null,
): DataPoint[] {
  const metrics = isRec(block?.['metrics']) ? block['metrics'] : {};
  const out: DataPoint[] = [];
  for (const key of REPORT_FUNDAMENTALS) {
    const m = metrics[key];
    if (!isRec(m)) continue;
    const value = num(m['value']);
    if (value === null) continue;
    const sources = Array.isArray(m['sources']) ? m['sources'].filter(isRec) : [];
    const first = sources[0];
    const names = sources.map((s) => str(s['source'])).filter((s): s is string => s !== null);
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

function technicalPoints(block: Rec | null): DataPoint[] {
  if (!block) return [];
  const asOf = str(block['as_of']);
  const source = str(block['price_source']);
  const base = { group: 'technical' as const, as_of: asOf, source, detail: null };
  const ind = isRec(block['indicators']) ? block['indicators'] : {};
  const out: DataPoint[] = [];
  const trend = isRec(block['trend']) ? block['trend'] : null;
  const direction = trend ? str(trend['direction']) : null;
  if (direction)
    out.push(
      point({
        ...base,
        id: 'tech.trend',
        key: 'trend',
        label: 'Tendência',
        value: direction,
        unit: 'text',
        detail: trend ? str(trend['reason']) : null,
      }),
    );
  for (const [key, label] of TECH_NUMBERS) {
    const value = num(ind[key]);
    if (value !== null)
      out.push(
        point({ ...base, id: `tech.${key}`, key, label, value, unit: key === 'rsi_14' ? 'ratio' : 'BRL' }),
      );
  }
  const macd = isRec(ind['macd']) ? num(ind['macd']['histogram']) : null;
  if (macd !== null)
    out.push(
      point({
        ...base,
        id: 'tech.macd_histogram',
        key: 'macd_histogram',
        label: 'Histograma MACD',
        value: macd,
        unit: 'ratio',
      }),
    );
  const signals = isRec(block['signals']) ? block['signals'] : {};
  const overall = isRec(signals['overall']) ? signals['overall'] : null;
  const signal = overall ? str(overall['signal']) : null;
  if (signal)
    out.push(
      point({
        ...base,
        id: 'tech.signal',
        key: 'signal',
        label: 'Sinal técnico geral',
        value: signal,
        unit: 'text',
        detail: overall ? str(overall['reason']) : null,
      }),
    );
  const sr = isRec(block['support_resistance']) ? block['support_resistance'] : {};
  const support = Array.isArray(sr['support']) ? num(sr['support'][0]) : null;
  const resistance = Array.isArray(sr['resistance']) ? num(sr['resistance'][0]) : null;
  if (support !== null)
    out.push(
      point({
        ...base,
        id: 'tech.support',
        key: 'support',
        label: 'Suporte mais próximo',
        value: support,
        unit: 'BRL',
      }),
    );
  if (resistance !== null)
    out.push(
      point({
        ...base,
        id: 'tech.resistance',
        key: 'resistance',
        label: 'Resistência mais próxima',
        value: resistance,
        unit: 'BRL',
      }),
    );
  const close = num(block['last_close_raw']);
  if (close !== null)
    out.push(
      point({
        ...base,
        id: 'tech.close',
        key: 'close',
        label: 'Último fechamento',
        value: close,
        unit: 'BRL',
      }),
    );
  return out;
}

/** Subtract whole years from an ISO date (29 Feb → 28 Feb). */
function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

function dividendPoints(ledger: readonly LedgerLike[], asOf: string, price: number | null): DataPoint[] {
  const cash = ledger.filter((e) => e.cash_per_share > 0 && e.date <= asOf);
  if (cash.length === 0) return [];
  const from12 = yearsBefore(asOf, 1);
  const year = Number(asOf.slice(0, 4));
  const last12 = cash.filter((e) => e.date > from12);
  const dps12 = last12.reduce((s, e) => s + e.cash_per_share, 0);
  // Complete calendar years only: the five before the report's year.
  const years5 = new Set(
    cash.map((e) => Number(e.date.slice(0, 4))).filter((y) => y >= year - 5 && y <= year - 1),
  );
  const sources = [...new Set(cash.flatMap((e) => e.sources))].join(', ');
  const base = { group: 'dividends' as const, as_of: asOf, source: sources || null };
  const last = cash.at(-1);
  const out: DataPoint[] = [
    point({
      ...base,
      id: 'div.dps_12m',
      key: 'dps_12m',
      label: 'Proventos por ação (12 meses)',
      value: dps12,
      unit: 'BRL',
      detail: `${last12.length} pagamentos`,
    }),
    point({
      ...base,
      id: 'div.years_paid_5y',
      key: 'years_paid_5y',
      label: `Anos com proventos (${year - 5}–${year - 1})`,
      value: years5.size,
      unit: 'count',
    }),
  ];
  if (price !== null && price > 0)
    out.push(
      point({
        ...base,
        id: 'div.yield_12m',
        key: 'yield_12m',
        label: 'Dividend yield 12 meses (ledger)',
        value: (dps12 / price) * 100,
        unit: 'pct',
        detail: 'proventos 12m / preço',
      }),
    );
  if (last)
    out.push(
      point({
        ...base,
        id: 'div.last',
        key: 'last',
        label: `Último provento (${last.kind})`,
        value: last.cash_per_share,
        unit: 'BRL',
        as_of: last.date,
      }),
    );
  return out;
}

function macroPoints(block: Rec | null): DataPoint[] {
  const ctx = isRec(block?.['context']) ? block['context'] : {};
  const labels: [string, string][] = [
    ['selic_target', 'Selic meta'],
    ['selic_effective', 'Selic efetiva'],
    ['cdi_12m', 'CDI 12 meses'],
    ['ipca_12m', 'IPCA 12 meses'],
    ['usd_brl', 'Dólar (R$)'],
  ];
  return labels.flatMap(([key, label]) => {
    const v = ctx[key];
    if (!isRec(v) || num(v['value']) === null) return [];
    return [
      point({
        id: `macro.${key}`,
        group: 'macro',
        key,
        label,
        value: num(v['value']),
        unit: key === 'usd_brl' ? 'BRL' : 'pct',
        as_of: str(v['date']),
        source: 'bcb',
        detail: str(v['series']) ? `SGS ${String(v['series'])}` : null,
      }),
    ];
  });
}

function newsPoints(news: readonly NewsEntry[], max: number): DataPoint[] {
  const items = news.slice(0, max);
  const out = items.map((n, i) =>
    point({
      id: `news.${i + 1}`,
      group: 'news',
      key: n.id,
      label: n.title,
      value: n.sentiment.score,
      unit: 'ratio',
      as_of: n.published_at,
      source: n.publisher ?? n.sources[0] ?? null,
      snapshot_id: n.snapshot_id,
      detail: n.url,
    }),
  );
  if (items.length > 0) {
    const avg = items.reduce((s, n) => s + n.sentiment.score, 0) / items.length;
    out.push(
      point({
        id: 'news.average',
        group: 'news',
        key: 'average',
        label: `Sentimento médio de ${items.length} notícias`,
        value: avg,
        unit: 'ratio',
        as_of: items[0]?.published_at ?? null,
        source: 'computed',
      }),
    );
  }
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
