import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from './compound';
import { addDays } from './dates';
import { periodReturns } from './returns';

/** Every weekday in [from, to] with the same value. */
function weekdays(from: string, to: string, value: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push({ date: d, value });
  }
  return out;
}
const months = (from: string, to: string, value: number): SeriesPoint[] => {
  const out: SeriesPoint[] = [];
  for (let d = `${from}-01`; d <= `${to}-01`;) {
    out.push({ date: d, value });
    const [y, m] = d.split('-').map(Number);
    d = m === 12 ? `${(y ?? 0) + 1}-01-01` : `${y}-${String((m ?? 0) + 1).padStart(2, '0')}-01`;
  }
  return out;
};

const CLOSES = [
  { date: '2016-12-30', close: 10 },
  { date: '2020-12-31', close: 20 },
  { date: '2021-11-15', close: 23.5 },
  { date: '2021-11-30', close: 24 },
  { date: '2021-12-15', close: 24.2 },
  { date: '2021-12-31', close: 25 },
];
const CDI_DAILY = weekdays('2016-01-01', '2021-12-31', 0.02);
const IPCA = months('2016-01', '2021-12', 0.5);

describe('periodReturns', () => {
  const out = periodReturns({ closes: CLOSES, cdiDaily: CDI_DAILY, ipcaMonthly: IPCA }, '2021-12-31');

  it('gives nominal, CDI, excess and real returns for each window (hand computed)', () => {
    const y = out.windows['12m'];
    expect(y).toMatchObject({ start: '2020-12-31', end: '2021-12-31', from: '2020-12-31', to: '2021-12-31' });
    expect(y).toMatchObject({
      close_from: 20,
      close_to: 25,
      nominal_pct: 25,
      month_rule: 'full_months',
      notes: [],
    });
    // Weekday rates dated 2020-12-31 .. 2021-12-30: 261 days at 0.02%.
    expect(y?.cdi).toMatchObject({ basis: 'daily', days: 261, first: '2020-12-31', last: '2021-12-30' });
    expect(y?.cdi_pct).toBeCloseTo((1.0002 ** 261 - 1) * 100, 10);
    expect(y?.excess_vs_cdi_pct).toBeCloseTo((1.25 / 1.0002 ** 261 - 1) * 100, 10);
    expect(y?.ipca_months.map((m) => m.month)).toEqual(IPCA.slice(-12).map((p) => p.date.slice(0, 7)));
    expect(y?.ipca_pct).toBeCloseTo((1.005 ** 12 - 1) * 100, 10);
    expect(y?.real_pct).toBeCloseTo((1.25 / 1.005 ** 12 - 1) * 100, 10);

    const m = out.windows['1m'];
    expect(m).toMatchObject({
      from: '2021-11-30',
      to: '2021-12-31',
      ipca_months: [{ month: '2021-12', weight: 1 }],
    });
    expect(m?.nominal_pct).toBeCloseTo((25 / 24 - 1) * 100, 12);
    expect(m?.real_pct).toBeCloseTo((25 / 24 / 1.005 - 1) * 100, 12);

    const five = out.windows['5y'];
    expect(five).toMatchObject({ start: '2016-12-31', from: '2016-12-30', nominal_pct: 150 });
    expect(five?.ipca_months).toHaveLength(60);
    expect(five?.ipca_pct).toBeCloseTo((1.005 ** 60 - 1) * 100, 9);
  });

  it('is null for a window the closes do not reach, or when the last close is stale', () => {
    const short = periodReturns({ closes: CLOSES.slice(1), ipcaMonthly: IPCA }, '2021-12-31');
    expect(short.windows['5y']).toBeNull();
    expect(short.windows['12m']).not.toBeNull();
    const stale = periodReturns({ closes: CLOSES, ipcaMonthly: IPCA }, '2022-02-15');
    expect(stale.windows).toEqual({ '1m': null, '12m': null, '5y': null });
  });

  it('falls back to the monthly CDI when the daily one is absent or short, and says so', () => {
    const cdiMonthly = months('2016-01', '2021-12', 1);
    const monthly = periodReturns({ closes: CLOSES, cdiMonthly, ipcaMonthly: IPCA }, '2021-12-31').windows[
      '12m'
    ];
    expect(monthly?.cdi?.basis).toBe('monthly');
    expect(monthly?.cdi_pct).toBeCloseTo((1.01 ** 12 - 1) * 100, 10);
    const cdiDaily = weekdays('2021-06-01', '2021-12-31', 0.02);
    const short = periodReturns({ closes: CLOSES, cdiDaily, cdiMonthly, ipcaMonthly: IPCA }, '2021-12-31');
    expect(short.windows['12m']?.cdi?.basis).toBe('monthly');
    expect(short.windows['12m']?.notes).toEqual(['the daily CDI does not cover 2020-12-31..2021-12-31']);
    expect(short.windows['1m']?.cdi?.basis).toBe('daily');
  });

  it('leaves no month under full_months in a mid-month 1 m window; pro_rata weighs the days', () => {
    const input = { closes: CLOSES, cdiDaily: CDI_DAILY, ipcaMonthly: IPCA };
    const full = periodReturns(input, '2021-12-15').windows['1m'];
    expect(full).toMatchObject({
      from: '2021-11-15',
      to: '2021-12-15',
      ipca_months: [],
      ipca_pct: null,
      real_pct: null,
    });
    expect(full?.notes).toEqual(['IPCA: no whole calendar month in 2021-11-15..2021-12-15 (full_months)']);
    expect(full?.nominal_pct).toBeCloseTo((24.2 / 23.5 - 1) * 100, 12);
    const pro = periodReturns(input, '2021-12-15', { monthRule: 'pro_rata' }).windows['1m'];
    expect(pro?.ipca_months).toEqual([
      { month: '2021-11', weight: 15 / 30 },
      { month: '2021-12', weight: 15 / 31 },
    ]);
    expect(pro?.ipca_pct).toBeCloseTo((1.005 ** (15 / 30 + 15 / 31) - 1) * 100, 12);
    expect(pro?.real_pct).toBeCloseTo((24.2 / 23.5 / 1.005 ** (15 / 30 + 15 / 31) - 1) * 100, 12);
  });

  it('leaves out an IPCA month not yet published and notes it', () => {
    const closes = [...CLOSES, { date: '2022-01-31', close: 26 }];
    closes.splice(2, 0, { date: '2021-01-29', close: 20.5 });
    const r = periodReturns({ closes, ipcaMonthly: IPCA }, '2022-01-31').windows['12m'];
    expect(r?.ipca_months.map((m) => m.month)).toEqual(IPCA.slice(-11).map((p) => p.date.slice(0, 7)));
    expect(r?.ipca_pct).toBeCloseTo((1.005 ** 11 - 1) * 100, 10);
    expect(r?.notes).toEqual(['no CDI series given', 'IPCA not yet published for 2022-01: left out']);
  });

  it('rejects unsorted or bad input', () => {
    expect(() => periodReturns({ closes: [...CLOSES].reverse(), ipcaMonthly: IPCA }, '2021-12-31')).toThrow(
      /ascending/,
    );
    expect(() => periodReturns({ closes: CLOSES, ipcaMonthly: IPCA }, '2021-13-01')).toThrow(
      /not a YYYY-MM-DD/,
    );
    expect(() =>
      periodReturns({ closes: [{ date: '2021-01-04', close: 0 }], ipcaMonthly: IPCA }, '2021-12-31'),
    ).toThrow();
  });
});
