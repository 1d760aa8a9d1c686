import { AppError, type AnalysisStock, type MissingData } from '../../contract';
import { adjustBars, type AdjustMode } from '../../analysis/corporate-actions';
import type { Pg } from '../storage/pg';
import { magicFormulaOf } from './screener';
import { loadUniverse, type UniverseRow } from './universe';
import {
  computedBlock,
  fundamentalBlock,
  ledgerOf,
  macroBlock,
  missingOf,
  technicalBlock,
  valuationFrom,
} from './blocks';
import {
  loadBars,
  loadDividends,
  loadFundamentalTexts,
  loadFundamentalValues,
  cvmCodeOf,
  loadMacroSeries,
  loadSplits,
  loadStatements,
  tickerKnown,
  type DividendRow,
  type FundamentalValueRow,
  type MacroPoint,
  type PriceHistory,
  type SplitRow,
  type StatementRow,
} from './loaders';

const MACRO_SERIES = [432, 4189, 4391, 13522, 433, 10813, 1, 11] as const;

interface TickerData {
  prices: PriceHistory;
  dividends: DividendRow[];
  fundamentals: FundamentalValueRow[];
  texts: Record<string, string>;
  cvmCode: string | null;
  statements: StatementRow[];
  splits: SplitRow[];
}

/**
 * The analysis of one ticker, computed from the local database by the pure functions of
 * services/analysis. Answers are cached per ticker and request shape; `invalidate` drops a ticker's
 * (or every) answer when new data lands.
 */
export class AnalysisService {
  private readonly cache = new Map<string, unknown>();
  private macro: Promise<Record<number, MacroPoint[]>> | undefined;
  /** Every ticker's consensus fundamentals (the Magic Formula ranks over it); dropped on any store. */
  private universe: Promise<UniverseRow[]> | undefined;

  constructor(private readonly pg: Pg) {}

  invalidate(tickers: readonly string[] | null): void {
    this.universe = undefined;
    if (tickers === null) {
      this.cache.clear();
      this.macro = undefined;
      return;
    }
    const set = new Set(tickers.map((t) => t.toUpperCase()));
    for (const key of this.cache.keys()) if (set.has(key.split('|')[0]!)) this.cache.delete(key);
  }

  /** Drop the macro series and every answer that used them (new Banco Central data). */
  invalidateMacro(): void {
    this.invalidate(null);
  }

  private async cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = await make();
    this.cache.set(key, value);
    return value;
  }

  private async load(ticker: string): Promise<TickerData> {
    if (!(await tickerKnown(this.pg, ticker))) {
      throw new AppError(
        'NOT_FOUND',
        `no data for ${ticker}: import its quotes or run a source for it first`,
        {
          ticker,
        },
      );
    }
    const [prices, dividends, fundamentals, texts, cvmCode, splits] = await Promise.all([
      loadBars(this.pg, ticker),
      loadDividends(this.pg, ticker),
      loadFundamentalValues(this.pg, ticker),
      loadFundamentalTexts(this.pg, ticker),
      cvmCodeOf(this.pg, ticker),
      loadSplits(this.pg, ticker),
    ]);
    const statements = cvmCode ? await loadStatements(this.pg, cvmCode) : [];
    return { prices, dividends, fundamentals, texts, cvmCode, statements, splits };
  }

  private macroSeries(): Promise<Record<number, MacroPoint[]>> {
    this.macro ??= Promise.all(MACRO_SERIES.map((s) => loadMacroSeries(this.pg, s))).then((all) =>
      Object.fromEntries(MACRO_SERIES.map((s, i) => [s, all[i] ?? []])),
    );
    return this.macro;
  }

  private missing(ticker: string, d: TickerData, macro: Record<number, MacroPoint[]>): MissingData[] {
    return missingOf(ticker, {
      statements: d.statements.length > 0,
      cvmCode: d.cvmCode,
      bars: d.prices.bars.length > 0,
      fundamentals: d.fundamentals.length > 0,
      dividends: d.dividends.length > 0,
      macroMissing: [432, 433, 11].filter((code) => !macro[code]?.length),
    });
  }

  /** The sites' consensus plus the metrics computed from CVM filings, side by side. */
  private fundamentalOf(d: TickerData): Record<string, unknown> | null {
    const sites = fundamentalBlock(d.fundamentals, d.texts);
    const last = d.prices.bars.at(-1);
    const price = last?.close ?? pick(sites, 'price');
    const computed = computedBlock(
      d.statements,
      {
        asOf: last?.date ?? today(),
        price,
        shares: pick(sites, 'shares_outstanding'),
        dividends: d.dividends,
      },
      sites,
    );
    if (!sites && !computed) return null;
    return {
      ...(sites ?? { metrics: {}, discrepancies: [], profile: {}, sources: [] }),
      cvm_code: d.cvmCode,
      computed,
    };
  }

  private technicalOf(d: TickerData, mode: AdjustMode, series: boolean): Record<string, unknown> | null {
    return technicalBlock(d.prices, ledgerOf(d.dividends, d.prices.bars, d.splits), mode, series);
  }

  private async valuationOf(
    ticker: string,
    d: TickerData,
    macro: Record<number, MacroPoint[]>,
    fundamental = fundamentalBlock(d.fundamentals, d.texts),
  ): Promise<Record<string, unknown> | null> {
    // The newer of the last bar and the sites' quote: a 2021 bar must not price 2026 earnings.
    const last = d.prices.bars.at(-1);
    const siteDate = d.fundamentals.reduce<string | null>(
      (m, f) => (f.as_of && (!m || f.as_of > m) ? f.as_of : m),
      null,
    );
    const useBar = last && (!siteDate || last.date >= siteDate);
    const asOf = useBar ? last.date : (siteDate ?? new Date().toISOString().slice(0, 10));
    const block = valuationFrom(
      fundamental,
      d.dividends,
      useBar ? last.close : null,
      macro[432]?.at(-1),
      asOf,
    );
    if (!block) return null;
    this.universe ??= loadUniverse(this.pg);
    return { ...block, magic_formula: magicFormulaOf(ticker, await this.universe) };
  }

  /** Total-return closes (splits and cash events adjusted): what a holder's return is made of. */
  private static totalReturnCloses(d: TickerData): { date: string; close: number }[] {
    if (d.prices.bars.length === 0) return [];
    const adjusted = adjustBars(
      d.prices.bars,
      ledgerOf(d.dividends, d.prices.bars, d.splits),
      'total_return',
    );
    return adjusted.bars.map((b) => ({ date: b.date, close: b.close }));
  }

  stock(ticker: string, opts: { series: boolean; prices?: AdjustMode | undefined }): Promise<AnalysisStock> {
    const mode = opts.prices ?? 'total_return';
    return this.cached(`${ticker}|stock|${mode}|${opts.series}`, async () => {
      const [d, macro] = await Promise.all([this.load(ticker), this.macroSeries()]);
      const technical = this.technicalOf(d, mode, opts.series);
      const fundamental = this.fundamentalOf(d);
      const lastDate = d.prices.bars.at(-1)?.date ?? null;
      const macroOut = macroBlock(macro, AnalysisService.totalReturnCloses(d), lastDate);
      const names = [
        ...new Set([
          ...d.fundamentals.map((f) => f.source),
          ...d.dividends.map((x) => x.source),
          ...(d.prices.bars.length ? [d.prices.source] : []),
        ]),
      ].sort();
      const metrics = (fundamental?.['metrics'] ?? {}) as Record<string, { confidence: number }>;
      const confs = Object.values(metrics).map((m) => m.confidence);
      return {
        ticker,
        success: Boolean(technical || fundamental),
        fundamental,
        technical,
        valuation: await this.valuationOf(ticker, d, macro, fundamental),
        macro: macroOut,
        sources: { count: names.length, names },
        confidence: confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0,
        timestamp: new Date().toISOString(),
        missing: this.missing(ticker, d, macro),
      };
    });
  }

  technical(ticker: string, opts: { series: boolean; prices?: AdjustMode | undefined }) {
    const mode = opts.prices ?? 'total_return';
    return this.cached(`${ticker}|technical|${mode}|${opts.series}`, async () => {
      const [d, macro] = await Promise.all([this.load(ticker), this.macroSeries()]);
      return {
        ticker,
        technical: this.technicalOf(d, mode, opts.series),
        missing: this.missing(ticker, d, macro).filter(
          (m) => m.what === 'daily_bars' || m.what === 'dividends',
        ),
        timestamp: new Date().toISOString(),
      };
    });
  }

  fundamental(ticker: string) {
    return this.cached(`${ticker}|fundamental`, async () => {
      const [d, macro] = await Promise.all([this.load(ticker), this.macroSeries()]);
      return {
        ticker,
        fundamental: this.fundamentalOf(d),
        missing: this.missing(ticker, d, macro).filter(
          (m) => m.what === 'fundamentals' || m.what === 'statements',
        ),
        timestamp: new Date().toISOString(),
      };
    });
  }

  dividends(ticker: string) {
    return this.cached(`${ticker}|dividends`, async () => {
      const [d, macro] = await Promise.all([this.load(ticker), this.macroSeries()]);
      const ledger = ledgerOf(d.dividends, d.prices.bars, d.splits);
      return {
        ticker,
        dividends: ledger.length ? { ledger, reports: d.dividends.length + d.splits.length } : null,
        missing: this.missing(ticker, d, macro).filter((m) => m.what === 'dividends'),
        timestamp: new Date().toISOString(),
      };
    });
  }

  valuation(ticker: string) {
    return this.cached(`${ticker}|valuation`, async () => {
      const [d, macro] = await Promise.all([this.load(ticker), this.macroSeries()]);
      return {
        ticker,
        valuation: await this.valuationOf(ticker, d, macro),
        missing: this.missing(ticker, d, macro).filter(
          (m) => m.what === 'fundamentals' || m.what === 'dividends',
        ),
        timestamp: new Date().toISOString(),
      };
    });
  }
}

function pick(block: Record<string, unknown> | null, key: string): number | null {
  const m = (block?.['metrics'] as Record<string, { value: number }> | undefined)?.[key];
  return m && Number.isFinite(m.value) ? m.value : null;
}

const today = (): string => new Date().toISOString().slice(0, 10);
