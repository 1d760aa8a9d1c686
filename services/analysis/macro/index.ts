export { compoundDaily, compoundMonths, windowMonths } from './compound';
export type { DailyAccrual, MonthlyAccrual, MonthRule, MonthWeight, SeriesPoint } from './compound';
export { macroContext } from './context';
export type { MacroCode, MacroContext, MacroSeriesInput, MacroValue } from './context';
export { MacroInputError } from './dates';
export { periodReturns, WINDOW_MONTHS } from './returns';
export type {
  CdiAccrual,
  PeriodReturn,
  PeriodReturns,
  PeriodReturnsInput,
  PeriodReturnsOptions,
  WindowId,
} from './returns';
