/**
 * Where a cold `analysis.stock` answer spends its time, in-process on a copy of the database. The
 * tickers alternate: on one the real `AnalysisService.stock` runs first (a fresh answer, the
 * server's code path without HTTP); on the next its steps run first, called one by one with the
 * same loaders and blocks (services/core/analysis), each timed, plus the contract's output check
 * and JSON.stringify that the dispatcher and the HTTP adapter add. Either way each side's sample is
 * the first read of its ticker (cold PGlite pages). The steps are a copy of the service's
 * composition: when their sum drifts from the service's own time, the service has changed (the
 * table shows both).
 */
import { PGlite } from '@electric-sql/pglite';
import { pgStartParams } from '../../services/core/storage/pg';
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
  historyOf,
  loadBarColumns,
  loadDividends,
  loadFundamentalTexts,
  loadFundamentalValues,
  loadMacroSeries,
  loadSplits,
  loadStatements,
} from '../../services/core/analysis/loaders';
import { magicFormulaTable, type MagicFormulaTable } from '../../services/core/analysis/screener';
import { loadUniverse } from '../../services/core/analysis/universe';

const MACRO_SERIES = [432, 4189, 4391, 13522, 433, 10813, 1, 11] as const;

export const PART_NAMES = [
  'loadBarColumns (daily_bars → columns)',
  'other per-ticker loaders (dividends, fundamentals, splits…)',
  'bars as rows + ledgerOf',
  'loadUniverse + Magic Formula ranking (once, cached)',
  'Magic Formula look-up',
  'adjustBars (total_return, once per answer)',
  'technicalBlock (computeTechnicals)',
  'fundamental, macro, valuation blocks',
  'contract output check (zod)',
  'JSON.stringify',
] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface PartsResult {
  /** `AnalysisService.stock`, cold, per ticker. */
  service: number[];
  parts: Record<PartName, number[]>;
  /** Sum of the parts per ticker. */
  total: number[];
  bars: number;
  bytes: number;
  /** The service's caches after the run: entries and estimated bytes. */
  caches: ReturnType<AnalysisService['cacheStats']>;
}

export async function timeParts(pgDir: string, tickers: string[], warmup: number): Promise<PartsResult> {
  const pg = await PGlite.create({ dataDir: pgDir, startParams: pgStartParams() });
  const parts = Object.fromEntries(PART_NAMES.map((n) => [n, [] as number[]])) as Record<PartName, number[]>;
  const service: number[] = [];
  const total: number[] = [];
  let bars = 0;
  let bytes = 0;
  let steps = 0;
  let universe: MagicFormulaTable | undefined;
  try {
    const svc = new AnalysisService(pg);
    const macro = Object.fromEntries(
      await Promise.all(MACRO_SERIES.map(async (s) => [s, await loadMacroSeries(pg, s)] as const)),
    );
    const output = methods['analysis.stock'].output;
    for (const [i, ticker] of tickers.entries()) {
      const serviceFirst = i % 2 === 0;
      if (serviceFirst || i < warmup) {
        const at = performance.now();
        await svc.stock(ticker, { series: false });
        if (i >= warmup) service.push(performance.now() - at);
        if (i >= warmup) continue;
      }

      const t: Partial<Record<PartName, number>> = {};
      let at = performance.now();
      const start = at;
      const lap = (name: PartName): void => {
        const now = performance.now();
        t[name] = now - at;
        at = now;
      };
      const columns = await loadBarColumns(pg, ticker);
      lap('loadBarColumns (daily_bars → columns)');
      const dividends = await loadDividends(pg, ticker);
      const fundamentals = await loadFundamentalValues(pg, ticker);
      const texts = await loadFundamentalTexts(pg, ticker);
      const cvmCode = await cvmCodeOf(pg, ticker);
      const splits = await loadSplits(pg, ticker);
      const statements = cvmCode ? await loadStatements(pg, cvmCode) : [];
      lap('other per-ticker loaders (dividends, fundamentals, splits…)');
      const prices = historyOf(columns);
      const ledger = ledgerOf(dividends, prices.bars, splits);
      lap('bars as rows + ledgerOf');
      // As the service does: loaded and ranked once, kept until the next store (the first ticker pays).
      universe ??= magicFormulaTable(await loadUniverse(pg));
      lap('loadUniverse + Magic Formula ranking (once, cached)');
      const magic = universe.of(ticker);
      lap('Magic Formula look-up');
      const adjusted = adjustBars(prices.bars, ledger, 'total_return');
      lap('adjustBars (total_return, once per answer)');
      const technical = technicalBlock(prices, ledger, 'total_return', false, adjusted);
      lap('technicalBlock (computeTechnicals)');
      const sites = fundamentalBlock(fundamentals, texts);
      const last = prices.bars.at(-1);
      const computed = computedBlock(
        statements,
        { asOf: last?.date ?? '', price: last?.close ?? null, shares: null, dividends },
        sites,
      );
      const closes = adjusted.bars.map((b) => ({ date: b.date, close: b.close }));
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
      total.push(performance.now() - start);
      for (const n of PART_NAMES) parts[n].push(t[n]!);
      bars += prices.bars.length;
      bytes += body.length;
      steps++;
    }
    return { service, parts, total, bars: bars / steps, bytes: bytes / steps, caches: svc.cacheStats() };
  } finally {
    await pg.close();
  }
}
