import { AppError } from '../../contract';
import type { Ctx } from '../context';
import type { AnalysisService } from '../analysis/analysis-service';
import type { UniverseService } from '../analysis/universe-service';
import type { Handler } from './types';

function analysis(ctx: Ctx): AnalysisService {
  if (!ctx.analysis) throw new AppError('UNAVAILABLE', 'the analysis engine is not started');
  return ctx.analysis;
}

export const analysisStockHandler: Handler<'analysis.stock'> = (input, ctx) =>
  analysis(ctx).stock(input.ticker, { series: input.series, prices: input.prices });

export const analysisCurrentHandler: Handler<'analysis.current'> = (input, ctx) =>
  analysis(ctx).current(input.ticker);

export const analysisTechnicalHandler: Handler<'analysis.technical'> = (input, ctx) =>
  analysis(ctx).technical(input.ticker, { series: input.series, prices: input.prices });

export const analysisFundamentalHandler: Handler<'analysis.fundamental'> = (input, ctx) =>
  analysis(ctx).fundamental(input.ticker);

export const analysisDividendsHandler: Handler<'analysis.dividends'> = (input, ctx) =>
  analysis(ctx).dividends(input.ticker);

export const analysisValuationHandler: Handler<'analysis.valuation'> = (input, ctx) =>
  analysis(ctx).valuation(input.ticker);

function universe(ctx: Ctx): UniverseService {
  if (!ctx.universe) throw new AppError('UNAVAILABLE', 'the analysis engine is not started');
  return ctx.universe;
}

export const analysisCompareHandler: Handler<'analysis.compare'> = (input, ctx) =>
  universe(ctx).compare(input.tickers);
export const analysisSectorHandler: Handler<'analysis.sector'> = (input, ctx) =>
  universe(ctx).sector(input.sector);
export const analysisScreenerHandler: Handler<'analysis.screener'> = (input, ctx) =>
  universe(ctx).screener(input);
export const screensSaveHandler: Handler<'screens.save'> = (input, ctx) =>
  Promise.resolve().then(() => universe(ctx).saveScreen(input));
export const screensListHandler: Handler<'screens.list'> = (_input, ctx) =>
  Promise.resolve().then(() => universe(ctx).listScreens());
