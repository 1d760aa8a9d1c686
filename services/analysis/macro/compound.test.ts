import { describe, expect, it } from 'vitest';
import { compoundDaily, compoundMonths, type SeriesPoint, windowMonths } from './compound';

const monthly = (pairs: [string, number][]): SeriesPoint[] =>
  pairs.map(([m, value]) => ({ date: `${m}-01`, value }));
const full = (months: string[]) => months.map((month) => ({ month, weight: 1 }));

describe('windowMonths', () => {
  it('full_months keeps only the months wholly inside (start, end]', () => {
    const year = windowMonths('2020-12-31', '2021-12-31', 'full_months');
    expect(year.map((m) => m.month)).toEqual([
      '2021-01', '2021-02', '2021-03', '2021-04', '2021-05', '2021-06',
      '2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12',
    ]); // prettier-ignore
    expect(year.every((m) => m.weight === 1)).toBe(true);
    // The start day itself is outside the window, so January is not whole.
    expect(windowMonths('2021-01-01', '2021-12-31', 'full_months')[0]?.month).toBe('2021-02');
    expect(windowMonths('2021-01-15', '2021-02-15', 'full_months')).toEqual([]);
    expect(windowMonths('2021-01-31', '2021-02-27', 'full_months')).toEqual([]);
    expect(windowMonths('2021-01-31', '2021-02-28', 'full_months')).toEqual(full(['2021-02']));
  });

  it('pro_rata weights each touched month by its calendar days inside', () => {
    expect(windowMonths('2021-01-15', '2021-02-15', 'pro_rata')).toEqual([
      { month: '2021-01', weight: 16 / 31 },
      { month: '2021-02', weight: 15 / 28 },
    ]);
    expect(windowMonths('2020-12-31', '2021-03-31', 'pro_rata')).toEqual(
      full(['2021-01', '2021-02', '2021-03']),
    );
  });
});

describe('compoundDaily', () => {
  const rates: SeriesPoint[] = [
    { date: '2024-01-02', value: 0.05 },
    { date: '2024-01-03', value: 0.04 },
    { date: '2024-01-04', value: 0.05 },
  ];

  it('compounds the rates dated in [from, to) (hand computed)', () => {
    // 1.0005 × 1.0004 − 1 = 0.00090020
    const r = compoundDaily(rates, '2024-01-02', '2024-01-04', 7);
    expect(r).toMatchObject({ days: 2, first: '2024-01-02', last: '2024-01-03' });
    expect(r?.pct).toBeCloseTo(0.09002, 12);
    expect(compoundDaily(rates, '2024-01-02', '2024-01-05', 7)?.pct).toBeCloseTo(0.14006501, 10);
  });

  it('is null when the series starts late, stops early or has a long hole', () => {
    expect(compoundDaily(rates, '2024-01-01', '2024-01-04', 7)).toBeNull();
    expect(compoundDaily(rates, '2024-01-02', '2024-01-20', 7)).toBeNull();
    const holed = [rates[0]!, { date: '2024-01-15', value: 0.05 }];
    expect(compoundDaily(holed, '2024-01-02', '2024-01-16', 7)).toBeNull();
  });
});

describe('compoundMonths', () => {
  const points = monthly([
    ['2024-01', 0.5],
    ['2024-02', 1],
    ['2024-03', -0.2],
    ['2024-05', 0.3],
  ]);

  it('compounds monthly factors, pro-rata by weight (hand computed)', () => {
    // 1.005 × 1.01 × 0.998 − 1 = 0.0130199
    expect(compoundMonths(points, full(['2024-01', '2024-02', '2024-03']), 0)?.pct).toBeCloseTo(1.30199, 12);
    const half = compoundMonths(points, [{ month: '2024-02', weight: 0.5 }], 0);
    expect(half?.pct).toBeCloseTo((Math.sqrt(1.01) - 1) * 100, 12);
  });

  it('leaves out trailing unpublished months up to the limit, and says which', () => {
    const r = compoundMonths(points, full(['2024-05', '2024-06', '2024-07']), 2);
    expect(r).toMatchObject({ months: full(['2024-05']), unpublished: ['2024-06', '2024-07'] });
    expect(r?.pct).toBeCloseTo(0.3, 12);
    expect(compoundMonths(points, full(['2024-05', '2024-06', '2024-07']), 1)).toBeNull();
  });

  it('is null for a missing month inside the series or no month at all', () => {
    expect(compoundMonths(points, full(['2024-03', '2024-04', '2024-05']), 2)).toBeNull();
    expect(compoundMonths(points, [], 2)).toBeNull();
  });
});
