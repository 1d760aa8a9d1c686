import { describe, expect, it } from 'vitest';
import { resolveValue, tradingDaysBetween, type Observation } from './current-value';

const o = (
  source: string,
  value: number,
  as_of: string | null,
  basis: Observation['as_of_basis'] = 'source',
  rank = 1,
): Observation => ({
  source,
  value,
  as_of,
  as_of_basis: basis,
  rank,
});

describe('resolveValue', () => {
  it('the latest own date wins across sources, whatever the order given', () => {
    const r = resolveValue(
      'price',
      [o('b3-cotahist', 33.56, '2021-06-25', 'source', 0), o('fundamentus', 46.48, '2026-07-03')],
      '2026-07-06',
    );
    expect([r?.value, r?.source, r?.as_of]).toEqual([46.48, 'fundamentus', '2026-07-03']);
    // 03/07/2026 (Friday) → 06/07 (Monday): one trading day, fresh.
    expect([r?.age_trading_days, r?.stale]).toEqual([1, false]);
    // The 2021 close differs by far more than 5%, but it is not of the same moment: no spread.
    expect(r?.spread).toBeNull();
  });

  it('a price is stale after 3 B3 trading days (holidays not counted); a fundamental after 120 days', () => {
    // 2026-04-02 (Thursday) → 04-08: Good Friday 04-03 is a holiday; 6, 7, 8 are 3 trading days.
    expect(tradingDaysBetween('2026-04-02', '2026-04-08')).toBe(3);
    expect(resolveValue('price', [o('x', 10, '2026-04-02')], '2026-04-08')?.stale).toBe(false);
    expect(resolveValue('price', [o('x', 10, '2026-04-02')], '2026-04-09')?.stale).toBe(true);
    expect(resolveValue('pl', [o('x', 10, '2026-01-01')], '2026-05-01')).toMatchObject({
      age_days: 120,
      stale: false,
    });
    expect(resolveValue('pl', [o('x', 10, '2026-01-01')], '2026-05-02')).toMatchObject({
      age_days: 121,
      stale: true,
    });
  });

  it('an undated value (a loaded file) ranks below any dated one, is stale, and counts in the spread', () => {
    const r = resolveValue(
      'pl',
      [o('status-invest', 39.5, '2026-12-07', 'unknown', 2), o('fundamentus', 31.03, '2026-07-03')],
      '2026-12-07',
    );
    expect([r?.value, r?.source, r?.stale]).toEqual([31.03, 'fundamentus', true]);
    expect(r?.spread?.observations.map((x) => x.source)).toEqual(['fundamentus', 'status-invest']);
    const only = resolveValue('pl', [o('status-invest', 39.5, '2026-12-07', 'unknown', 2)], '2026-12-07');
    expect([only?.stale, only?.age_days]).toEqual([true, null]);
  });

  it('same date: B3 first (rank), then the source name; agreeing values within 5% have no spread', () => {
    const r = resolveValue(
      'price',
      [o('yahoo', 29.2, '2021-06-25'), o('b3-cotahist', 29.1, '2021-06-25', 'source', 0)],
      '2021-06-25',
    );
    expect(r?.source).toBe('b3-cotahist');
    expect(r?.spread).toBeNull();
    expect(resolveValue('price', [], '2021-06-25')).toBeNull();
  });
});
