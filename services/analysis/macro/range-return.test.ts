import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import type { SeriesPoint } from './compound';
import { addDays, MacroInputError } from './dates';
import { rangeReturn } from './returns';

const CLOSES = [
  { date: '2023-12-29', close: 20 },
  { date: '2024-03-28', close: 23 },
  { date: '2024-06-28', close: 25 },
];
/** IPCA (SGS 433) and CDI in the month (SGS 4391) of Jan–Jun 2024 as the Banco Central published them. */
const IPCA_2024H1 = [0.42, 0.83, 0.16, 0.38, 0.46, 0.21].map((value, i) => ({
  date: `2024-0${i + 1}-01`,
  value,
}));
const CDI_2024H1 = [0.97, 0.8, 0.83, 0.89, 0.83, 0.79].map((value, i) => ({
  date: `2024-0${i + 1}-01`,
  value,
}));

function weekdays(from: string, to: string, value: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push({ date: d, value });
  }
  return out;
}

describe('rangeReturn over a chosen span (hand computed)', () => {
  it('first half of 2024: nominal 25%, IPCA 2.4839%, real 21.9704%, CDI 5.2199%, excess 18.7988%', () => {
    const r = rangeReturn(
      { closes: CLOSES, cdiMonthly: CDI_2024H1, ipcaMonthly: IPCA_2024H1 },
      '2023-12-31',
      '2024-06-30',
    );
    expect(r).not.toBeNull();
    // The last closes on or before each end of the span.
    expect([r?.from, r?.to, r?.close_from, r?.close_to]).toEqual(['2023-12-29', '2024-06-28', 20, 25]);
    expect(r?.nominal_pct).toBeCloseTo(25, 12); // 25 / 20 − 1
    // 1.0042 × 1.0083 = 1.01253486; × 1.0016 = 1.01415491578; × 1.0038 = 1.01800870446;
    // × 1.0046 = 1.02269154450; × 1.0021 = 1.02483919674 → IPCA 2.483919674%.
    expect(r?.ipca_pct).toBeCloseTo(2.483919674, 8);
    expect(r?.ipca_months.map((m) => m.month)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    // 1.25 / 1.02483919674 − 1 = 0.2197035437
    expect(r?.real_pct).toBeCloseTo(21.97035437, 6);
    // 1.0097 × 1.008 × 1.0083 × 1.0089 × 1.0083 × 1.0079 = 1.05219925505
    expect(r?.cdi_pct).toBeCloseTo(5.219925505, 7);
    expect(r?.cdi?.basis).toBe('monthly');
    // 1.25 / 1.05219925505 − 1 = 0.1879879158
    expect(r?.excess_vs_cdi_pct).toBeCloseTo(18.79879158, 6);
    expect(r?.notes).toEqual([]);
  });

  it('a daily CDI of 0.05% compounds over the 130 weekdays from 2023-12-29 up to the day before 2024-06-28', () => {
    const r = rangeReturn(
      {
        closes: CLOSES,
        cdiDaily: weekdays('2023-12-01', '2024-07-31', 0.05),
        ipcaMonthly: IPCA_2024H1,
      },
      '2023-12-31',
      '2024-06-30',
    );
    expect(r?.cdi).toMatchObject({ basis: 'daily', days: 130, first: '2023-12-29', last: '2024-06-27' });
    // 1.0005^130 = 1.06714168897
    expect(r?.cdi_pct).toBeCloseTo(6.714168897, 7);
  });

  it('a span inside the first quarter uses the March close and no IPCA month is whole: says so', () => {
    const r = rangeReturn({ closes: CLOSES, ipcaMonthly: IPCA_2024H1 }, '2023-12-31', '2024-03-31');
    expect(r?.nominal_pct).toBeCloseTo(15, 12); // 23 / 20 − 1
    expect(r?.ipca_pct).toBeCloseTo((1.0042 * 1.0083 * 1.0016 - 1) * 100, 10);
    expect(r?.cdi_pct).toBeNull();
    expect(r?.notes).toContain('no CDI series given');
    const april = [...CLOSES.slice(0, 2), { date: '2024-04-19', close: 24 }];
    const short = rangeReturn({ closes: april, ipcaMonthly: IPCA_2024H1 }, '2024-03-28', '2024-04-20');
    expect(short?.nominal_pct).toBeCloseTo((24 / 23 - 1) * 100, 12);
    expect(short?.ipca_pct).toBeNull();
    expect(short?.notes.some((n) => n.startsWith('IPCA: no whole calendar month'))).toBe(true);
  });

  it('null when the closes do not cover the span; a span that does not go forward is refused', () => {
    expect(rangeReturn({ closes: CLOSES, ipcaMonthly: IPCA_2024H1 }, '2022-01-01', '2024-06-30')).toBeNull();
    expect(() => rangeReturn({ closes: CLOSES, ipcaMonthly: [] }, '2024-06-30', '2024-01-01')).toThrow(
      MacroInputError,
    );
    expect(() => rangeReturn({ closes: CLOSES, ipcaMonthly: [] }, '2024-02-30', '2024-06-30')).toThrow(
      MacroInputError,
    );
  });

  it('the real IPCA capture (SGS 433) compounds to the official yearly IPCA: 10.06% (2021), 5.79% (2022), 4.62% (2023)', () => {
    const rows = JSON.parse(
      readFileSync(fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'), 'utf-8'),
    ) as { data: string; valor: string }[];
    const ipca = rows.map(({ data, valor }) => {
      const [d, m, y] = data.split('/');
      return { date: `${y}-${m}-${d}`, value: Number(valor) };
    });
    const closes = [
      { date: '2020-12-30', close: 10 },
      { date: '2021-12-30', close: 11 },
      { date: '2022-12-29', close: 12 },
      { date: '2023-12-28', close: 13 },
    ];
    const official: [string, string, number][] = [
      ['2020-12-31', '2021-12-31', 10.06],
      ['2021-12-31', '2022-12-31', 5.79],
      ['2022-12-31', '2023-12-31', 4.62],
    ];
    for (const [start, end, want] of official) {
      const r = rangeReturn({ closes, ipcaMonthly: ipca }, start, end);
      // The IBGE publishes the year from its index; the product of the rounded months differs by < 0.01.
      expect(Math.abs((r?.ipca_pct ?? Number.NaN) - want)).toBeLessThan(0.01);
      expect(r?.ipca_months).toHaveLength(12);
    }
  });
});
