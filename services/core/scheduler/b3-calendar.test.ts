import { describe, expect, it } from 'vitest';
import { b3Holidays, b3NonTradingReason, easterSunday, isB3TradingDay, saoPauloDate } from './b3-calendar';

const datesOf = (year: number, name: RegExp): string[] =>
  b3Holidays(year)
    .filter((h) => name.test(h.name))
    .map((h) => h.date);

describe('easterSunday', () => {
  it('follows the Gregorian computus', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
});

describe('b3Holidays', () => {
  it.each([
    [2024, ['2024-02-12', '2024-02-13'], '2024-03-29', '2024-05-30'],
    [2025, ['2025-03-03', '2025-03-04'], '2025-04-18', '2025-06-19'],
    [2026, ['2026-02-16', '2026-02-17'], '2026-04-03', '2026-06-04'],
  ])('%i: Carnival, Good Friday and Corpus Christi', (year, carnival, goodFriday, corpusChristi) => {
    expect(datesOf(year, /Carnaval/)).toEqual(carnival);
    expect(datesOf(year, /Sexta-feira Santa/)).toEqual([goodFriday]);
    expect(datesOf(year, /Corpus Christi/)).toEqual([corpusChristi]);
  });

  it('lists the fixed national holidays and the year-end no-session days, sorted', () => {
    const dates = b3Holidays(2025).map((h) => h.date);
    for (const d of [
      '01-01',
      '04-21',
      '05-01',
      '09-07',
      '10-12',
      '11-02',
      '11-15',
      '11-20',
      '12-24',
      '12-25',
      '12-31',
    ]) {
      expect(dates).toContain(`2025-${d}`);
    }
    expect(dates).toEqual([...dates].sort());
    expect(dates).toHaveLength(15);
  });

  it('has Consciência Negra only from 2024 on', () => {
    expect(datesOf(2023, /Consciência Negra/)).toEqual([]);
    expect(datesOf(2024, /Consciência Negra/)).toEqual(['2024-11-20']);
  });

  it('returns copies (callers cannot corrupt the cache)', () => {
    const first = b3Holidays(2025);
    first.length = 0;
    expect(b3Holidays(2025)).toHaveLength(15);
  });
});

describe('isB3TradingDay', () => {
  it('is false on holidays and weekends, true on an ordinary weekday', () => {
    expect(isB3TradingDay('2025-03-03')).toBe(false); // Carnival Monday
    expect(isB3TradingDay('2025-04-18')).toBe(false); // Good Friday
    expect(isB3TradingDay('2025-06-19')).toBe(false); // Corpus Christi
    expect(isB3TradingDay('2025-03-05')).toBe(true); // Ash Wednesday: late open, still a session
    expect(isB3TradingDay('2025-03-08')).toBe(false); // Saturday
    expect(isB3TradingDay('2025-03-09')).toBe(false); // Sunday
    expect(isB3TradingDay('2025-03-10')).toBe(true);
    expect(isB3TradingDay('2025-01-25')).toBe(false); // a Saturday anyway
    expect(isB3TradingDay('2027-01-25')).toBe(true); // São Paulo's anniversary: B3 trades since 2022
  });

  it('names the reason', () => {
    expect(b3NonTradingReason('2025-03-04')).toBe('Carnaval (terça-feira)');
    expect(b3NonTradingReason('2025-03-08')).toBe('fim de semana');
    expect(b3NonTradingReason('2025-03-10')).toBeNull();
  });

  it('reads a Date in São Paulo: late Friday night there is already Saturday in UTC', () => {
    const friNight = new Date('2025-03-08T02:30:00Z'); // Fri 2025-03-07 23:30 in São Paulo
    expect(saoPauloDate(friNight)).toBe('2025-03-07');
    expect(isB3TradingDay(friNight)).toBe(true);
    expect(isB3TradingDay('2025-03-08')).toBe(false);
    // And just after midnight in São Paulo it is Saturday.
    expect(isB3TradingDay(new Date('2025-03-08T03:00:00Z'))).toBe(false);
  });

  it('rejects malformed dates', () => {
    expect(() => isB3TradingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isB3TradingDay('25-3-3')).toThrow(RangeError);
  });
});
