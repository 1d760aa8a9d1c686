import { AppError, type AnalysisStock, type CurrentValues, type MissingData } from '../../contract';
import {
  adjustBars,
  type AdjustMode,
  type AdjustedBars,
  type LedgerEntry,
} from '../../analysis/corporate-actions';
import type { Pg } from '../storage/pg';
import { columnBytes, type BarRow } from './bar-columns';
import { LruCache } from './caches';
import { magicFormulaTable, type MagicFormulaTable } from './screener';
import { loadUniverse } from './universe';
import { currentAsMetrics, loadCurrent, NO_FILES, withCurrent, type FileSnapshots } from './current-loader';
import { todayInSaoPaulo } from './current-value';
import { loadScreenerValues } from './current-screener';
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
  cvmCodeOf,
  historyOf,
  loadBarColumns,
  loadDividends,
  loadFundamentalTexts,
  loadFundamentalValues,
  loadMacroSeries,
  loadSplits,
  loadStatements,
  tickerKnown,
  type DividendRow,
  type FundamentalValueRow,
  type MacroPoint,
  type PriceColumns,
  type PriceHistory,
  type SplitRow,
  type StatementRow,
} from './loaders';

const MACRO_SERIES = [432, 4189, 4391, 13522, 433, 10813, 1, 11] as const;

/** What the data cache keeps per ticker: the bars as columns, the other rows as read. */
interface StoredTickerData {
  bars: PriceColumns;
  dividends: DividendRow[];
  fundamentals: FundamentalValueRow[];
  texts: Record<string, string>;
  cvmCode: string | null;
  statements: StatementRow[];
  splits: SplitRow[];
  /** Each number's current value (the resolver's pick across sources, with source and date). */
  current: CurrentValues;
}

/** One request's view of a ticker: the bars as rows and the ledger, built once per request. */
interface TickerData extends StoredTickerData {
  prices: PriceHistory;
  ledger: LedgerEntry[];
  adjusted: Partial<Record<AdjustMode, AdjustedBars<BarRow>>>;
}

export interface AnalysisCacheLimits {
  /** Answers (per ticker and request shape), by estimated heap bytes. */
  answers: { maxEntries: number; maxBytes: number };
  /** Loaded ticker data (bars as columns, dividends, fundamentals…), by estimated heap bytes. */
  tickers: { maxEntries: number; maxBytes: number };
}

export const DEFAULT_CACHE_LIMITS: AnalysisCacheLimits = {
  answers: { maxEntries: 2000, maxBytes: 64 * 2 ** 20 },
  tickers: { maxEntries: 32, maxBytes: 16 * 2 ** 20 },
};

/**
 * Estimated heap of an answer: 64 KiB for the blocks (a 20-year `analysis.stock` holds ~51 KiB),
 * plus the series when asked, 1 KiB a bar (~0.85 KiB measured).
 */
function answerBytes(answer: unknown): number {
  const t = (answer as { technical?: { bars?: unknown; series?: unknown } | null }).technical;
  const bars = t?.series && typeof t.bars === 'number' ? t.bars : 0;
  return 64 * 1024 + bars * 1024;
}

/** Estimated heap of a ticker's loaded data (rows ~250 bytes, statement lines ~400): ~0.3 MiB for 20 years. */
const tickerBytes = (d: StoredTickerData): number =>
  columnBytes(d.bars.columns) +
  (d.dividends.length + d.fundamentals.length + d.splits.length) * 250 +
  d.statements.length * 400 +
  Object.keys(d.texts).length * 100;

/**
 * The analysis of one ticker, computed from the local database by the pure functions of
 * services/analysis. Answers are cached per ticker and request shape, and each ticker's loaded data
 * (bars as columns) for the other shapes, both bounded (least recently used out); `invalidate`
 * drops a ticker's (or every) entry when new data lands, and a load that was running meanwhile is
 * not stored.
 */
export class AnalysisService {
  private readonly answers: LruCache<unknown>;
  private readonly data: LruCache<StoredTickerData>;
  /** Requests being computed, so concurrent askers share one computation. */
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Bumped by every invalidation: work started before it is not cached. */
  private generation = 0;
  private macro: Promise<Record<number, MacroPoint[]>> | undefined;
  /** Every ticker's consensus fundamentals and its Magic Formula ranking; dropped on any store. */
  private universe: Promise<MagicFormulaTable> | undefined;

  constructor(
    private readonly pg: Pg,
    limits: AnalysisCacheLimits = DEFAULT_CACHE_LIMITS,
    private readonly files: FileSnapshots = NO_FILES,
  ) {
    this.answers = new LruCache(limits.answers, answerBytes);
    this.data = new LruCache(limits.tickers, tickerBytes);
  }

  invalidate(tickers: readonly string[] | null): void {
    this.generation++;
    this.universe = undefined;
    this.inflight.clear();
    if (tickers === null) {
      this.answers.clear();
      this.data.clear();
      this.macro = undefined;
      return;
    }
    const set = new Set(tickers.map((t) => t.toUpperCase()));
    this.answers.deleteWhere((key) => set.has(key.split('|')[0]!));
    this.data.deleteWhere((key) => set.has(key));
  }

  /** Drop the macro series and every answer that used them (new Banco Central data). */
  invalidateMacro(): void {
    this.invalidate(null);
  }

  /** What the caches hold: entries and estimated bytes. */
  cacheStats(): { answers: { entries: number; bytes: number }; tickers: { entries: number; bytes: number } } {
    return {
      answers: { entries: this.answers.size, bytes: this.answers.bytes },
      tickers: { entries: this.data.size, bytes: this.data.bytes },
    };
  }

  /**
   * `make`'s value, from `cache` when there; concurrent askers share one run (`flight` names it); its
   * value is stored unless an invalidation came meanwhile (it may have read the older data).
   */
  private through<T>(cache: LruCache<T>, flight: string, key: string, make: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const running = this.inflight.get(flight) as Promise<T> | undefined;
    if (running) return running;
    const generation = this.generation;
    const promise = make().then((value) => {
      if (this.generation === generation) cache.set(key, value);
      return value;
    });
    this.inflight.set(flight, promise);
    const forget = (): void => {
      if (this.inflight.get(flight) === promise) this.inflight.delete(flight);
    };
    promise.then(forget, forget);
    return promise;
  }

  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.through(this.answers as LruCache<T>, `answer:${key}`, key, make);
  }

  private async load(ticker: string): Promise<TickerData> {
    const stored = await this.through(this.data, `data:${ticker}`, ticker, () => this.read(ticker));
    const prices = historyOf(stored.bars);
    return {
      ...stored,
      prices,
      ledger: ledgerOf(stored.dividends, prices.bars, stored.splits),
      adjusted: {},
    };
  }

  private async read(ticker: string): Promise<StoredTickerData> {
    const [bars, dividends, pages, exports, texts, cvmCode, splits, current] = await Promise.all([
      loadBarColumns(this.pg, ticker),
      loadDividends(this.pg, ticker),
      loadFundamentalValues(this.pg, ticker),
      loadScreenerValues(this.pg, ticker),
      loadFundamentalTexts(this.pg, ticker),
      cvmCodeOf(this.pg, ticker),
      loadSplits(this.pg, ticker),
      loadCurrent(this.pg, [ticker], this.files).then((m) => m.get(ticker) ?? {}),
    ]);
    // A site's screener export (Status Invest's CSV) counts for the keys its detail page lacks.
    const fundamentals = [
      ...pages,
      ...exports.filter((x) => !pages.some((p) => p.source === x.source && p.metric === x.metric)),
    ];
    // Bars, fundamentals or dividends say the ticker is known; else ask every table.
    const some = bars.columns.dates.length > 0 || fundamentals.length > 0 || dividends.length > 0;
    if (!some && !(await tickerKnown(this.pg, ticker))) {
      throw new AppError(
        'NOT_FOUND',
        `no data for ${ticker}: import its quotes or run a source for it first`,
        {
          ticker,
        },
      );
    }
    const statements = cvmCode ? await loadStatements(this.pg, cvmCode) : [];
    return { bars, dividends, fundamentals, texts, cvmCode, statements, splits, current };
  }

  /** The bars adjusted under `mode`, once per request. */
  private static adjusted(d: TickerData, mode: AdjustMode): AdjustedBars<BarRow> {
    return (d.adjusted[mode] ??= adjustBars(d.prices.bars, d.ledger, mode));
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
    const price = d.current['price'];
    const computed = computedBlock(
      d.statements,
      {
        asOf: price?.as_of_basis === 'source' && price.as_of ? price.as_of : todayInSaoPaulo(),
        price: price?.value ?? null,
        shares: d.current['shares_outstanding']?.value ?? null,
        dividends: d.dividends,
      },
      sites,
    );
    if (!sites && !computed) return null;
    const metrics = withCurrent(sites?.['metrics'], d.current);
    return {
      ...(sites ?? { discrepancies: [], profile: {}, sources: [] }),
      metrics,
      cvm_code: d.cvmCode,
      computed,
      current: d.current,
    };
  }

  private technicalOf(d: TickerData, mode: AdjustMode, series: boolean): Record<string, unknown> | null {
    if (d.prices.bars.length === 0) return null;
    return technicalBlock(d.prices, d.ledger, mode, series, AnalysisService.adjusted(d, mode));
  }

  private async valuationOf(
    ticker: string,
    d: TickerData,
    macro: Record<number, MacroPoint[]>,
  ): Promise<Record<string, unknown> | null> {
    // Every input is its current value (current-value.ts): the price and the per-share figures carry
    // their own dates, so a 2021 bar never prices 2026 earnings.
    const current = d.current;
    const price = current['price'];
    const asOf = price?.as_of ?? todayInSaoPaulo();
    const base = valuationFrom(
      Object.keys(current).length ? { metrics: currentAsMetrics(current) } : null,
      d.dividends,
      price?.value ?? null,
      macro[432]?.at(-1),
      asOf,
    );
    const used = ['price', 'lpa', 'vpa', 'dy', 'pl', 'shares_outstanding'];
    const block = base && {
      ...base,
      current: Object.fromEntries(used.filter((k) => current[k]).map((k) => [k, current[k]])),
    };
    if (!block) return null;
    this.universe ??= loadUniverse(this.pg, this.files).then(magicFormulaTable);
    return { ...block, magic_formula: (await this.universe).of(ticker) };
  }

  /** Total-return closes (splits and cash events adjusted): what a holder's return is made of. */
  private static totalReturnCloses(d: TickerData): { date: string; close: number }[] {
    if (d.prices.bars.length === 0) return [];
    return AnalysisService.adjusted(d, 'total_return').bars.map((b) => ({ date: b.date, close: b.close }));
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
        valuation: await this.valuationOf(ticker, d, macro),
        macro: macroOut,
        sources: { count: names.length, names },
        confidence: confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 0,
        timestamp: new Date().toISOString(),
        missing: this.missing(ticker, d, macro),
      };
    });
  }

  /** Every number's current value for the ticker (the one resolver every view reads). */
  current(ticker: string) {
    return this.cached(`${ticker}|current`, async () => {
      const d = await this.load(ticker);
      return { ticker, today: todayInSaoPaulo(), values: d.current, timestamp: new Date().toISOString() };
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
      const ledger = d.ledger;
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
