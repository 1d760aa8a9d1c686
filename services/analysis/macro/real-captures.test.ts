import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { compoundDaily, compoundMonths, type SeriesPoint, windowMonths } from './compound';
import { macroContext } from './context';
import { periodReturns } from './returns';

/** A real SGS capture ([{data: 'dd/mm/aaaa', valor: '0.065041'}]) as ascending ISO points. */
function sgs(name: string): SeriesPoint[] {
  const rows = JSON.parse(readFileSync(fixture('bcb', name), 'utf-8')) as { data: string; valor: string }[];
  return rows.map(({ data, valor }) => {
    const [d, m, y] = data.split('/');
    return { date: `${y}-${m}-${d}`, value: Number(valor) };
  });
}
const SELIC_DAILY = (): SeriesPoint[] => sgs('sgs11_selic_diaria_1986-2018.json');
const IPCA_MONTHLY = (): SeriesPoint[] => sgs('sgs433_ipca_mensal_2020-2024.pretty.json');

describe('Selic daily (SGS 11, real capture 1986-2018)', () => {
  it('compounds the real SGS 11 capture: its first three days and the year 2017', () => {
    const selic = SELIC_DAILY();
    expect(selic).toHaveLength(8142);
    // 1.00065041 × 1.00067397 × 1.0006674 − 1, by hand (exact decimal): 0.19931025405990468%
    expect(compoundDaily(selic, '1986-06-04', '1986-06-07', 7)?.pct).toBeCloseTo(0.1993102540599047, 12);
    const y2017 = compoundDaily(selic, '2017-01-01', '2018-01-01', 7);
    // 249 business days; the product computed separately in exact decimal arithmetic.
    expect(y2017?.days).toBe(249);
    expect(y2017?.pct).toBeCloseTo(9.93932617615746, 9);
  });

  it('matches the monthly Selic of 2017 as published (2 decimals) by the Receita Federal', () => {
    const selic = SELIC_DAILY();
    const published = [1.09, 0.87, 1.05, 0.79, 0.93, 0.81, 0.8, 0.8, 0.64, 0.64, 0.57, 0.54];
    published.forEach((want, i) => {
      const m = String(i + 1).padStart(2, '0');
      const next = i === 11 ? '2018-01-01' : `2017-${String(i + 2).padStart(2, '0')}-01`;
      const got = compoundDaily(selic, `2017-${m}-01`, next, 7)?.pct ?? Number.NaN;
      expect(Math.abs(got - want)).toBeLessThanOrEqual(0.005);
    });
  });
  it('uses it as the daily CDI of a 12-month return: rates of 2016-12-30 up to 2017-12-28', () => {
    const closes = [
      { date: '2016-12-30', close: 10 },
      { date: '2017-12-29', close: 11 },
    ];
    const r = periodReturns({ closes, cdiDaily: SELIC_DAILY(), ipcaMonthly: [] }, '2017-12-31').windows[
      '12m'
    ];
    // 2017's product × (1 + 0.050788%) for 2016-12-30 ÷ (1 + 0.026481%) for 2017-12-29, in exact decimal.
    expect(r?.cdi).toMatchObject({ basis: 'daily', days: 249, first: '2016-12-30', last: '2017-12-28' });
    expect(r?.cdi_pct).toBeCloseTo(9.96604205353961, 9);
    expect(r?.excess_vs_cdi_pct).toBeCloseTo(0.0308803934616977, 9);
    expect(r?.real_pct).toBeNull();
    expect(r?.notes).toEqual(['IPCA does not cover the full_months months of 2016-12-31..2017-12-31']);
  });
});

describe('IPCA monthly (SGS 433, real capture 2020-2024)', () => {
  it('accumulates the real IPCA (SGS 433) capture to the official yearly values within 0.01 pp', () => {
    const ipca = IPCA_MONTHLY();
    expect(ipca).toHaveLength(60);
    // IBGE: 2020 4.52%, 2021 10.06%, 2022 5.79%, 2023 4.62%, 2024 4.83%.
    const official: [string, number][] = [
      ['2020', 4.52],
      ['2021', 10.06],
      ['2022', 5.79],
      ['2023', 4.62],
      ['2024', 4.83],
    ];
    for (const [year, want] of official) {
      const months = windowMonths(`${Number(year) - 1}-12-31`, `${year}-12-31`, 'full_months');
      const got = compoundMonths(ipca, months, 0);
      expect(got?.months).toHaveLength(12);
      expect(Math.abs((got?.pct ?? Number.NaN) - want)).toBeLessThanOrEqual(0.01);
    }
  });

  it('deflates a 12-month return ending 2021-12-31 by the 2021 IPCA', () => {
    const closes = [
      { date: '2020-12-30', close: 20 },
      { date: '2021-12-30', close: 25 },
    ];
    const r = periodReturns({ closes, ipcaMonthly: IPCA_MONTHLY() }, '2021-12-31').windows['12m'];
    expect(r).toMatchObject({ from: '2020-12-30', to: '2021-12-30', nominal_pct: 25 });
    expect(r?.ipca_months).toHaveLength(12);
    expect(r?.ipca_pct).toBeCloseTo(10.06105489325787, 10);
    // 1.25 / 1.1006105489… − 1, in exact decimal arithmetic: 13.5733253885587%
    expect(r?.real_pct).toBeCloseTo(13.5733253885587, 10);
  });

  it('gives the 12-month IPCA of the macro context from the last 12 months (2024: 4.83%)', () => {
    const ctx = macroContext({ 433: IPCA_MONTHLY() });
    expect(ctx.ipca_12m).toMatchObject({
      series: '433/12',
      date: '2024-12-01',
      method: 'compound_last_12_months',
    });
    expect(Math.abs((ctx.ipca_12m?.value ?? Number.NaN) - 4.83)).toBeLessThanOrEqual(0.01);
  });
});
