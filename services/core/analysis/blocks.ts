import {
  adjustBars,
  buildLedger,
  type AdjustedBars,
  type AdjustMode,
  type LedgerEntry,
} from '../../analysis/corporate-actions';
import { compareComputed } from '../../analysis/fundamental/compare';
import { computeFundamentals } from '../../analysis/fundamental/computed';
import { consensusFundamentals, type ConsensusFundamentals } from '../../analysis/fundamental/consensus';
import type { FilingDelivery } from '../../analysis/fundamental/statement-types';
import { macroContext, periodReturns, type MacroSeriesInput } from '../../analysis/macro';
import { computeTechnicals } from '../../analysis/technical';
import { valuationModels } from '../../analysis/valuation';
import type { MissingData } from '../../contract';
import type {
  BarRow,
  DividendRow,
  FundamentalValueRow,
  MacroPoint,
  PriceHistory,
  SplitRow,
  StatementRow,
} from './loaders';

/** Fundamentus' proventos "Data" is the data com (last day with the right); other sources give ex-dates. */
const DATA_COM_SOURCES = new Set(['fundamentus']);

export function ledgerOf(
  dividends: readonly DividendRow[],
  bars: readonly BarRow[],
  splits: readonly SplitRow[] = [],
): LedgerEntry[] {
  return buildLedger(
    {
      dividends: dividends.map((d) => ({
        source: d.source,
        type: d.type,
        ex_date: d.ex_date,
        date_basis: DATA_COM_SOURCES.has(d.source) ? ('data_com' as const) : ('ex_date' as const),
        payment_date: d.payment_date,
        value: d.value,
        per_shares: d.per_shares,
      })),
      splits: splits.map((x) => ({
        source: x.source,
        date: x.date,
        date_basis: x.date_basis,
        from: x.from,
        to: x.to,
        kind: x.kind,
      })),
    },
    { tradingDays: bars.map((b) => b.date) },
  );
}

/** `adjusted`: the bars already adjusted under `mode` by the caller (the same `adjustBars` call). */
export function technicalBlock(
  prices: PriceHistory,
  ledger: readonly LedgerEntry[],
  mode: AdjustMode,
  series: boolean,
  adjusted: AdjustedBars<BarRow> = adjustBars(prices.bars, ledger, mode),
): Record<string, unknown> | null {
  if (prices.bars.length === 0) return null;
  const result = computeTechnicals(
    adjusted.bars.map((b) => ({ ...b, volume: b.volume ?? 0 })),
    { series },
  );
  return {
    price_source: prices.source,
    /** Which prices the indicators read (adjusted for splits and cash events unless asked otherwise). */
    prices: mode,
    adjustments: { applied: adjusted.applied.length, warnings: adjusted.warnings },
    last_close_raw: prices.bars.at(-1)?.close ?? null,
    ...result,
    // With the series: the bars the indicators read (raw, split- or total-return-adjusted), for charts.
    ...(series ? { price_bars: adjusted.bars } : {}),
    ...(result.series
      ? {
          series: {
            ...result.series,
            open: adjusted.bars.map((b) => b.open),
            high: adjusted.bars.map((b) => b.high),
            low: adjusted.bars.map((b) => b.low),
            close: adjusted.bars.map((b) => b.close),
            volume: adjusted.bars.map((b) => b.volume),
          },
        }
      : {}),
  };
}

export function fundamentalBlock(
  rows: readonly FundamentalValueRow[],
  texts: Record<string, string>,
): Record<string, unknown> | null {
  if (rows.length === 0) return null;
  const bySource = new Map<
    string,
    { source: string; fetched_at: string; snapshot_id: string; values: Record<string, number> }
  >();
  for (const r of rows) {
    const s = bySource.get(r.source) ?? {
      source: r.source,
      fetched_at: r.fetched_at,
      snapshot_id: String(r.snapshot_id),
      values: {},
    };
    s.values[r.metric] = r.value;
    bySource.set(r.source, s);
  }
  const c = consensusFundamentals([...bySource.values()]);
  return {
    metrics: c.metrics,
    discrepancies: c.discrepancies,
    profile: texts,
    sources: [...bySource.keys()],
  };
}

export function macroBlock(
  series: Record<number, MacroPoint[]>,
  closes: readonly { date: string; close: number }[],
  asOf: string | null,
): Record<string, unknown> | null {
  const input: MacroSeriesInput = {};
  for (const code of [432, 4189, 4391, 13522, 433, 10813, 1] as const) {
    const pts = series[code];
    if (pts?.length) input[code] = pts.map((p) => ({ date: p.date, value: p.value }));
  }
  const context = macroContext(input);
  const ipca = series[433] ?? [];
  const returns =
    asOf && closes.length > 1 && ipca.length > 0
      ? periodReturns(
          {
            closes,
            ...(series[11]?.length ? { cdiDaily: series[11] } : {}),
            ...(series[4391]?.length ? { cdiMonthly: series[4391] } : {}),
            ipcaMonthly: ipca,
          },
          asOf,
        )
      : null;
  if (!Object.values(context).some((v) => v !== null) && !returns) return null;
  return { context, returns };
}

/** What is missing for a full answer, and the job that would fetch it. */
export function missingOf(
  ticker: string,
  have: {
    bars: boolean;
    fundamentals: boolean;
    dividends: boolean;
    macroMissing: number[];
    statements: boolean;
    cvmCode: string | null;
  },
): MissingData[] {
  const out: MissingData[] = [];
  if (!have.cvmCode)
    out.push({
      what: 'statements',
      message: `which CVM company is ${ticker} is unknown: fetch its B3 company profile`,
      job: { scraper_name: 'b3', ticker, query: 'company-profile:' },
    });
  else if (!have.statements)
    out.push({
      what: 'statements',
      message: `no CVM filings stored for ${ticker} (CVM ${have.cvmCode})`,
      job: { scraper_name: 'cvm', query: `statements:year=${new Date().getUTCFullYear() - 1}` },
    });
  if (!have.bars)
    out.push({
      what: 'daily_bars',
      message: `no daily bars for ${ticker}: import a COTAHIST file or fetch from Yahoo`,
      job: { scraper_name: 'yahoo', ticker, query: 'daily-bars:' },
    });
  if (!have.fundamentals)
    out.push({
      what: 'fundamentals',
      message: `no fundamentals for ${ticker} from any source`,
      job: { scraper_name: 'fundamentus', ticker, query: 'fundamentals:' },
    });
  if (!have.dividends)
    out.push({
      what: 'dividends',
      message: `no dividend history for ${ticker}`,
      job: { scraper_name: 'fundamentus', ticker, query: 'dividends:' },
    });
  const [first] = have.macroMissing;
  if (first !== undefined)
    out.push({
      what: 'macro_series',
      message: `Banco Central series not stored: ${have.macroMissing.join(', ')} (432 Selic target, 433 IPCA, 11 Selic daily)`,
      job: { scraper_name: 'bcb', query: `macro-series:${first}` },
    });
  return out;
}

/** The consensus value of a standard key, or null. */
function consensusValue(fundamental: Record<string, unknown> | null, key: string): number | null {
  const m = (fundamental?.['metrics'] as Record<string, { value: number }> | undefined)?.[key];
  return m && Number.isFinite(m.value) ? m.value : null;
}

/**
 * The valuation models over the consensus fundamentals, the dividend history and the Selic target.
 * Inputs the filings would give (EBIT, D&A, capex, working capital for the DCF) come from the
 * sites' consensus until CVM statements are stored for the company; each model lists its inputs.
 */
export function valuationFrom(
  fundamental: Record<string, unknown> | null,
  dividends: readonly DividendRow[],
  lastClose: number | null,
  selic: MacroPoint | undefined,
  asOf: string,
): Record<string, unknown> | null {
  const price = lastClose ?? consensusValue(fundamental, 'price');
  if (price === null && !fundamental) return null;
  const shares = consensusValue(fundamental, 'shares_outstanding');
  const netIncome = consensusValue(fundamental, 'net_income_12m');
  const divs12 = dividends.filter((d) => d.ex_date > addYears(asOf, -1) && d.ex_date <= asOf);
  const paid12 = divs12.reduce((sum, d) => sum + d.value / d.per_shares, 0);
  const lpa = consensusValue(fundamental, 'lpa');
  const models = valuationModels({
    asOf,
    price,
    lpa,
    vpa: consensusValue(fundamental, 'vpa'),
    selic_pct: selic?.value ?? null,
    earnings_growth_pct:
      consensusValue(fundamental, 'earnings_cagr_5y') ?? consensusValue(fundamental, 'revenue_cagr_5y'),
    payout_pct: lpa && lpa > 0 && divs12.length ? (paid12 / lpa) * 100 : null,
    dividends: dividends.map((d) => ({
      ex_date: d.ex_date,
      value: d.value,
      per_shares: d.per_shares,
      type: d.type,
    })),
    dividend_history_start: dividends[0]?.ex_date ?? null,
    dcf: {
      ebit_12m: consensusValue(fundamental, 'ebit_12m'),
      da_12m: null,
      capex_12m: null,
      delta_nwc_12m: null,
      net_debt: consensusValue(fundamental, 'net_debt'),
      gross_debt: consensusValue(fundamental, 'gross_debt'),
      market_cap: consensusValue(fundamental, 'market_cap'),
      shares,
    },
  });
  return {
    price,
    as_of: asOf,
    selic: selic ? { value: selic.value, date: selic.date, series: 432 } : null,
    net_income_12m: netIncome,
    models,
  };
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/**
 * Metrics computed from the company's CVM filings as of `asOf` (point in time: a filing counts from
 * its delivery day), next to each site's value with the difference.
 */
export function computedBlock(
  statements: readonly StatementRow[],
  c: { asOf: string; price: number | null; shares: number | null; dividends: readonly DividendRow[] },
  fundamental: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (statements.length === 0) return null;
  const deliveries = new Map<string, FilingDelivery>();
  for (const s of statements) {
    if (!s.delivered_at) continue;
    deliveries.set(`${s.document}|${s.ref_date}|${s.version}`, {
      document: s.document,
      ref_date: s.ref_date,
      version: s.version,
      delivered_at: s.delivered_at,
    });
  }
  const computed = computeFundamentals({
    statements,
    deliveries: [...deliveries.values()],
    asOf: c.asOf,
    price: c.price,
    shares: c.shares,
    dividends: c.dividends.map((d) => ({
      ex_date: d.ex_date,
      value: d.value,
      per_shares: d.per_shares,
      type: d.type,
    })),
  });
  const consensus = {
    metrics: (fundamental?.['metrics'] ?? {}) as ConsensusFundamentals['metrics'],
    discrepancies: [],
  };
  return { ...computed, comparison: compareComputed(computed.metrics, consensus) };
}
