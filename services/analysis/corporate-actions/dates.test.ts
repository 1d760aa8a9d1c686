import { describe, expect, it } from 'vitest';
import { nextTradingDay } from './dates';

describe('nextTradingDay', () => {
  const days = ['2021-06-24', '2021-06-25', '2021-06-28'];
  it('takes the next day of the calendar inside it, and the next weekday outside it', () => {
    expect(nextTradingDay('2021-06-25', days)).toBe('2021-06-28');
    expect(nextTradingDay('2021-06-24', days)).toBe('2021-06-25');
    // Before the calendar: a data com of 2015 is not moved to the first bar of 2021.
    expect(nextTradingDay('2015-03-13', days)).toBe('2015-03-16');
    // After it: the next weekday.
    expect(nextTradingDay('2021-06-28', days)).toBe('2021-06-29');
    expect(nextTradingDay('2021-07-02', [])).toBe('2021-07-05');
  });
});
