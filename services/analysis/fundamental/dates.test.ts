import { describe, expect, it } from 'vitest';
import { addMonths, dayOf, endOfMonth, previousQuarterEnd, quarterStart } from './dates';
import { twelveMonthStart } from './periods';

describe('dates', () => {
  it('steps quarter ends back by three month-ends, for any fiscal calendar', () => {
    expect(previousQuarterEnd('2022-02-28')).toBe('2021-11-30');
    expect(previousQuarterEnd('2024-05-31')).toBe('2024-02-29');
    expect(quarterStart('2022-06-30')).toBe('2022-04-01');
    expect(quarterStart('2021-05-31')).toBe('2021-03-01');
    expect(twelveMonthStart('2022-02-28')).toBe('2021-03-01');
    expect(twelveMonthStart('2023-09-30')).toBe('2022-10-01');
  });

  it('clamps month arithmetic to the month end', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-03-31', -1)).toBe('2023-02-28');
    expect(endOfMonth('2025-02-28', -12)).toBe('2024-02-29');
    expect(dayOf('2023-05-02T23:30:00-03:00')).toBe('2023-05-02');
    expect(() => dayOf('02/05/2023')).toThrow(/not an ISO date/);
  });
});
