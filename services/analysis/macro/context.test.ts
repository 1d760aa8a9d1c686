import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './compound';
import { macroContext } from './context';

const pts = (pairs: [string, number][]): SeriesPoint[] => pairs.map(([date, value]) => ({ date, value }));
const twelve = (year: number, value: number): SeriesPoint[] =>
  Array.from({ length: 12 }, (_, i) => ({ date: `${year}-${String(i + 1).padStart(2, '0')}-01`, value }));

describe('macroContext', () => {
  it('takes the latest value of each series with its date and code, whatever the input order', () => {
    const ctx = macroContext({
      432: pts([
        ['2025-06-19', 15],
        ['2025-05-08', 14.75],
      ]),
      4189: pts([['2025-05-01', 14.65]]),
      10813: pts([
        ['2025-06-26', 5.52],
        ['2025-06-27', 5.48],
      ]),
    });
    expect(ctx.selic_target).toEqual({
      value: 15,
      date: '2025-06-19',
      series: '432',
      unit: '% a.a.',
      method: 'latest',
    });
    expect(ctx.selic_effective).toMatchObject({ value: 14.65, series: '4189' });
    expect(ctx.usd_brl).toMatchObject({ value: 5.48, date: '2025-06-27', series: '10813', unit: 'R$/US$' });
    expect(ctx.cdi_12m).toBeNull();
    expect(ctx.ipca_12m).toBeNull();
  });

  it('compounds the last 12 monthly CDI values (4391/12, hand computed)', () => {
    const cdi = [...twelve(2023, 2), ...twelve(2024, 1)];
    const ctx = macroContext({ 4391: cdi });
    expect(ctx.cdi_12m).toMatchObject({
      series: '4391/12',
      date: '2024-12-01',
      method: 'compound_last_12_months',
    });
    // 1.01^12 − 1 = 12.68250301319697%
    expect(ctx.cdi_12m?.value).toBeCloseTo(12.68250301319697, 12);
  });

  it('refuses a 12-month figure from fewer than 12 consecutive months', () => {
    expect(macroContext({ 4391: twelve(2024, 1).slice(1) }).cdi_12m).toBeNull();
    const holed = [...twelve(2023, 1).slice(0, 6), ...twelve(2024, 1).slice(0, 6)];
    expect(macroContext({ 4391: holed }).cdi_12m).toBeNull();
  });

  it('prefers 13522 for the 12-month IPCA unless 433 reaches a later month', () => {
    const monthly = twelve(2024, 0.4);
    const tie = macroContext({ 13522: pts([['2024-12-01', 4.83]]), 433: monthly });
    expect(tie.ipca_12m).toMatchObject({ value: 4.83, series: '13522' });
    const later = macroContext({ 13522: pts([['2024-11-01', 4.87]]), 433: monthly });
    expect(later.ipca_12m?.series).toBe('433/12');
    expect(later.ipca_12m?.value).toBeCloseTo((1.004 ** 12 - 1) * 100, 12);
  });

  it('uses the PTAX (1) for the dollar only when it is more recent than 10813', () => {
    const ctx = macroContext({ 10813: pts([['2025-06-26', 5.52]]), 1: pts([['2025-06-27', 5.5]]) });
    expect(ctx.usd_brl).toMatchObject({ series: '1', value: 5.5 });
    expect(
      macroContext({ 10813: pts([['2025-06-27', 5.52]]), 1: pts([['2025-06-27', 5.5]]) }).usd_brl?.series,
    ).toBe('10813');
  });
});
