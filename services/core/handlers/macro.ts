import { listMacroSeries, macroHistory, realReturns } from '../macro/macro-service';
import { tesouroBonds, tesouroHistory } from '../macro/tesouro-service';
import type { Handler } from './types';

export const macroSeriesHandler: Handler<'macro.series'> = (_i, ctx) => listMacroSeries(ctx.pg);
export const macroHistoryHandler: Handler<'macro.history'> = (input, ctx) => macroHistory(ctx.pg, input);
export const macroRealReturnsHandler: Handler<'macro.realReturns'> = (input, ctx) =>
  realReturns(ctx.pg, input);
export const tesouroBondsHandler: Handler<'tesouro.bonds'> = (_i, ctx) => tesouroBonds(ctx.pg);
export const tesouroHistoryHandler: Handler<'tesouro.history'> = (input, ctx) =>
  tesouroHistory(ctx.pg, input);
