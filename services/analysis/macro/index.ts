export { compoundDaily, compoundMonths, windowMonths } from './compound';
export type { DailyAccrual, MonthlyAccrual, MonthRule, MonthWeight, SeriesPoint } from './compound';
export { macroContext } from './context';
export type { MacroCode, MacroContext, MacroSeriesInput, MacroValue } from './context';
export { addMonths, MacroInputError } from './dates';
export { periodReturns, rangeReturn, WINDOW_MONTHS } from './returns';
export type {
  CdiAccrual,
  PeriodReturn,
  PeriodReturns,
  PeriodReturnsInput,
  PeriodReturnsOptions,
  SpanReturn,
  WindowId,
} from './returns';
