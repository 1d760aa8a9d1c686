/**
 * Where a cold `analysis.stock` answer spends its time, in-process on a copy of the database. Per
 * ticker: first the real `AnalysisService.stock` (a fresh answer, the server's code path without
 * HTTP), then its steps called one by one with the same loaders and blocks
 * (services/core/analysis), each timed, plus the contract's output check and JSON.stringify that
 * the dispatcher and the HTTP adapter add. The steps are a copy of the service's composition: when
 * their sum drifts from the service's own time, the service has changed (the table shows both).
 */
import { PGlite } from '@electric-sql/pglite';
import { adjustBars } from '../../services/analysis/corporate-actions';
import { methods } from '../../services/contract';
import { AnalysisService } from '../../services/core/analysis/analysis-service';
import {
  computedBlock,
  fundamentalBlock,
  ledgerOf,
  macroBlock,
  technicalBlock,
  valuationFrom,
} from '../../services/core/analysis/blocks';
import {
  cvmCodeOf,
  loadBars,
  loadDividends,
  loadFundamentalTexts,
  loadFundamentalValues,
  loadMacroSeries,
  loadSplits,
  loadStatements,
  tickerKnown,
} from '../../services/core/analysis/loaders';
import { magicFormulaOf } from '../../services/core/analysis/screener';
import { loadUniverse } from '../../services/core/analysis/universe';

const MACRO_SERIES = [432, 4189, 4391, 13522, 433, 10813, 1, 11] as const;

export const PART_NAMES = [
  'tickerKnown',
  'loadBars (daily_bars → rows)',
  'other per-ticker loaders (dividends, fundamentals, splits…)',
  'loadUniverse (all tickers’ fundamentals, cached)',
  'magicFormulaOf (rank over the universe)',
  'ledgerOf',
  'adjustBars (total_return)',
  'technicalBlock (adjustBars + computeTechnicals)',
  'fundamental, macro, valuation blocks',
  'contract output check (zod)',
  'JSON.stringify',
] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface PartsResult {
  /** `AnalysisService.stock`, cold, per ticker. */
  service: number[];
  parts: Record<PartName, number[]>;
  /** Sum of the parts per ticker, adjustBars counted once (technicalBlock runs it again). */
  total: number[];
  bars: number;
  bytes: number;
}

export async function timeParts(pgDir: string, tickers: string[], warmup: number): Promise<PartsResult> {
  const pg = await PGlite.create({ dataDir: pgDir });
  const parts = Object.fromEntries(PART_NAMES.map((n) => [n, [] as number[]])) as Record<PartName, number[]>;
  const service: number[] = [];
  const total: number[] = [];
  let bars = 0;
  let bytes = 0;
  let universe: Awaited<ReturnType<typeof loadUniverse>> | undefined;
  try {
    const svc = new AnalysisService(pg);
    const macro = Object.fromEntries(
      await Promise.all(MACRO_SERIES.map(async (s) => [s, await loadMacroSeries(pg, s)] as const)),
    );
    const output = methods['analysis.stock'].output;
    for (const [i, ticker] of tickers.entries()) {
      let at = performance.now();
      await svc.stock(ticker, { series: false });
      const serviceMs = performance.now() - at;

      const t: Partial<Record<PartName, number>> = {};
      at = performance.now();
      const start = at;
      const lap = (name: PartName): void => {
        const now = performance.now();
        t[name] = now - at;
        at = now;
      };
      await tickerKnown(pg, ticker);
      lap('tickerKnown');
      const prices = await loadBars(pg, ticker);
      lap('loadBars (daily_bars → rows)');
      const dividends = await loadDividends(pg, ticker);
      const fundamentals = await loadFundamentalValues(pg, ticker);
      const texts = await loadFundamentalTexts(pg, ticker);
      const cvmCode = await cvmCodeOf(pg, ticker);
      const splits = await loadSplits(pg, ticker);
      const statements = cvmCode ? await loadStatements(pg, cvmCode) : [];
      lap('other per-ticker loaders (dividends, fundamentals, splits…)');
      // As the service does: loaded once, kept until the next store (the first ticker pays for it).
      universe ??= await loadUniverse(pg);
      lap('loadUniverse (all tickers’ fundamentals, cached)');
      const magic = magicFormulaOf(ticker, universe);
      lap('magicFormulaOf (rank over the universe)');
      const ledger = ledgerOf(dividends, prices.bars, splits);
      lap('ledgerOf');
      adjustBars(prices.bars, ledger, 'total_return');
      lap('adjustBars (total_return)');
      const technical = technicalBlock(prices, ledger, 'total_return', false);
      lap('technicalBlock (adjustBars + computeTechnicals)');
      const sites = fundamentalBlock(fundamentals, texts);
      const last = prices.bars.at(-1);
      const computed = computedBlock(
        statements,
        { asOf: last?.date ?? '', price: last?.close ?? null, shares: null, dividends },
        sites,
      );
      const closes = prices.bars.map((b) => ({ date: b.date, close: b.close }));
      const macroOut = macroBlock(macro, closes, last?.date ?? null);
      const valuation = valuationFrom(
        sites,
        dividends,
        last?.close ?? null,
        macro[432]?.at(-1),
        last?.date ?? '',
      );
      lap('fundamental, macro, valuation blocks');
      const answer = {
        ticker,
        success: true,
        fundamental: sites ? { ...sites, cvm_code: cvmCode, computed } : null,
        technical,
        valuation: valuation ? { ...valuation, magic_formula: magic } : null,
        macro: macroOut,
        sources: { count: 0, names: [] },
        confidence: 0,
        timestamp: new Date().toISOString(),
        missing: [],
      };
      const checked = output.parse(answer);
      lap('contract output check (zod)');
      const body = JSON.stringify(checked);
      lap('JSON.stringify');
      if (i < warmup) continue;
      service.push(serviceMs);
      total.push(performance.now() - start - t['adjustBars (total_return)']!);
      for (const n of PART_NAMES) parts[n].push(t[n]!);
      bars += prices.bars.length;
      bytes += body.length;
    }
    const n = tickers.length - warmup;
    return { service, parts, total, bars: bars / n, bytes: bytes / n };
  } finally {
    await pg.close();
  }
}
