import { describe, expect, it } from 'vitest';
import { cronErrors } from './cron-expr';
import { nextRuns, previousRun } from './next-runs';

const SP = 'America/Sao_Paulo';
const iso = (ds: Date[]): string[] => ds.map((d) => d.toISOString());

describe('nextRuns in São Paulo (no DST since 2019)', () => {
  it('10:30 in São Paulo is 13:30Z in January and in July alike', () => {
    expect(iso(nextRuns('30 10 * * *', SP, new Date('2025-01-15T00:00:00Z'), 2))).toEqual([
      '2025-01-15T13:30:00.000Z',
      '2025-01-16T13:30:00.000Z',
    ]);
    expect(iso(nextRuns('30 10 * * *', SP, new Date('2025-07-15T00:00:00Z'), 1))).toEqual([
      '2025-07-15T13:30:00.000Z',
    ]);
  });

  it('still knows the old DST: 10:30 in January 2018 was 12:30Z (UTC−2)', () => {
    expect(iso(nextRuns('30 10 * * *', SP, new Date('2018-01-15T00:00:00Z'), 1))).toEqual([
      '2018-01-15T12:30:00.000Z',
    ]);
  });

  it('is strictly after `from`', () => {
    expect(iso(nextRuns('30 10 * * *', SP, new Date('2025-01-15T13:30:00Z'), 1))).toEqual([
      '2025-01-16T13:30:00.000Z',
    ]);
  });

  it('hourly 9–17 Mon–Fri: nine runs per trading day, none at the weekend', () => {
    // Fri 2025-03-07 00:00 São Paulo → the next 10 runs: nine on Friday, then Monday 09:00.
    const runs = nextRuns('0 9-17 * * 1-5', SP, new Date('2025-03-07T03:00:00Z'), 10, {
      tradingDaysOnly: true,
    });
    expect(runs.slice(0, 9).map((d) => d.getUTCHours())).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(runs[9]?.toISOString()).toBe('2025-03-10T12:00:00.000Z');
  });

  it('with tradingDaysOnly, skips Carnival (Mon 3 and Tue 4 Mar 2025)', () => {
    const from = new Date('2025-02-28T21:00:00Z'); // Fri 18:00 São Paulo, after the last run
    const [first] = nextRuns('0 9-17 * * 1-5', SP, from, 1, { tradingDaysOnly: true });
    expect(first?.toISOString()).toBe('2025-03-05T12:00:00.000Z'); // Ash Wednesday 09:00
    const plain = nextRuns('0 9-17 * * 1-5', SP, from, 1);
    expect(plain[0]?.toISOString()).toBe('2025-03-03T12:00:00.000Z'); // without the filter: Carnival Monday
    const onCarnival = nextRuns('0 9-17 * * 1-5', SP, from, 9, { tradingDaysOnly: true });
    expect(onCarnival.every((d) => d.toISOString().startsWith('2025-03-05'))).toBe(true);
  });

  it('every 15 minutes', () => {
    const runs = nextRuns('*/15 * * * *', SP, new Date('2025-05-01T12:07:00Z'), 3);
    expect(iso(runs)).toEqual([
      '2025-05-01T12:15:00.000Z',
      '2025-05-01T12:30:00.000Z',
      '2025-05-01T12:45:00.000Z',
    ]);
  });

  it('Sunday 02:00 weekly', () => {
    const runs = nextRuns('0 2 * * 0', SP, new Date('2025-03-05T12:00:00Z'), 2);
    expect(iso(runs)).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-16T05:00:00.000Z']);
  });

  it('honours another zone', () => {
    expect(iso(nextRuns('30 10 * * *', 'UTC', new Date('2025-07-15T00:00:00Z'), 1))).toEqual([
      '2025-07-15T10:30:00.000Z',
    ]);
    // New York still has DST: 10:30 is 14:30Z in July, 15:30Z in January.
    expect(iso(nextRuns('30 10 * * *', 'America/New_York', new Date('2025-07-15T00:00:00Z'), 1))).toEqual([
      '2025-07-15T14:30:00.000Z',
    ]);
    expect(iso(nextRuns('30 10 * * *', 'America/New_York', new Date('2025-01-15T00:00:00Z'), 1))).toEqual([
      '2025-01-15T15:30:00.000Z',
    ]);
  });

  it('returns nothing for an impossible trading-day schedule (Sundays only)', () => {
    expect(nextRuns('0 2 * * 0', SP, new Date('2025-01-01T00:00:00Z'), 1, { tradingDaysOnly: true })).toEqual(
      [],
    );
  });
});

describe('previousRun', () => {
  it('finds the latest due time strictly before the instant', () => {
    expect(previousRun('30 10 * * *', SP, new Date('2025-07-15T13:29:00Z'))?.toISOString()).toBe(
      '2025-07-14T13:30:00.000Z',
    );
    expect(previousRun('30 10 * * *', SP, new Date('2025-07-15T13:31:00Z'))?.toISOString()).toBe(
      '2025-07-15T13:30:00.000Z',
    );
  });

  it('with tradingDaysOnly, looks past the weekend and Carnival', () => {
    const carnivalTuesdayNoon = new Date('2025-03-04T15:00:00Z');
    expect(previousRun('0 9-17 * * 1-5', SP, carnivalTuesdayNoon)?.toISOString()).toBe(
      '2025-03-04T14:00:00.000Z',
    );
    expect(
      previousRun('0 9-17 * * 1-5', SP, carnivalTuesdayNoon, { tradingDaysOnly: true })?.toISOString(),
    ).toBe('2025-02-28T20:00:00.000Z');
  });

  it('returns null when nothing matches', () => {
    expect(
      previousRun('0 2 * * 0', SP, new Date('2025-01-01T00:00:00Z'), { tradingDaysOnly: true }),
    ).toBeNull();
  });
});

describe('cron validation (bree’s validator and parser)', () => {
  it('accepts the five-field forms the defaults use', () => {
    for (const c of [
      '0 9-17 * * 1-5',
      '*/15 * * * *',
      '0 */2 * * *',
      '30 10 * * *',
      '0 2 * * 0',
      '0 1 * * 6',
    ]) {
      expect(cronErrors(c)).toEqual([]);
    }
  });

  it('rejects six fields, names, aliases, out-of-range values and day-of-week 7', () => {
    for (const c of [
      '* * * * * *',
      '0 0 * * MON',
      '@daily',
      '60 * * * *',
      'bogus',
      '0 0 * * 7',
      '0 0 * * 5-7',
    ]) {
      expect(cronErrors(c).length, c).toBeGreaterThan(0);
    }
    expect(() => nextRuns('0 0 * * 7', SP, new Date(), 1)).toThrow(/day-of-week 7/);
  });
});
