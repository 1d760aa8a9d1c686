import { describe, expect, it } from 'vitest';
import { buildLedger } from './ledger';
import { CorporateActionError, type DividendInput, type SplitInput } from './types';

const cash = (over: Partial<DividendInput>): DividendInput => ({
  source: 'fundamentus',
  type: 'JCP',
  ex_date: '2024-06-14',
  date_basis: 'data_com',
  payment_date: null,
  value: 0.5,
  per_shares: 1,
  ...over,
});
const split = (over: Partial<SplitInput>): SplitInput => ({
  source: 'b3',
  date: '2024-03-04',
  date_basis: 'ex_date',
  from: 1,
  to: 2,
  ...over,
});

describe('buildLedger', () => {
  it('turns a data com into the next trading day and keeps an ex-date as given', () => {
    const ledger = buildLedger({
      dividends: [
        cash({ ex_date: '2024-06-14' }), // Friday data com -> Monday ex
        cash({ ex_date: '2024-06-19', date_basis: 'ex_date', type: 'DIVIDENDO' }),
      ],
      splits: [],
    });
    expect(ledger.map((e) => [e.date, e.kind])).toEqual([
      ['2024-06-17', 'jcp'],
      ['2024-06-19', 'dividend'],
    ]);
    expect(ledger[0]?.reports[0]).toMatchObject({ reported_date: '2024-06-14', date_basis: 'data_com' });
  });

  it('uses the trading days, when given, to step over a holiday', () => {
    // Data com Friday 2024-02-09; Carnival: B3 reopens on Wednesday 2024-02-14.
    const tradingDays = ['2024-02-08', '2024-02-09', '2024-02-14', '2024-02-15'];
    const [withDays] = buildLedger(
      { dividends: [cash({ ex_date: '2024-02-09' })], splits: [] },
      { tradingDays },
    );
    const [without] = buildLedger({ dividends: [cash({ ex_date: '2024-02-09' })], splits: [] });
    expect(withDays?.date).toBe('2024-02-14');
    expect(without?.date).toBe('2024-02-12');
  });

  it('merges one event reported by two sources and keeps both', () => {
    const ledger = buildLedger({
      dividends: [
        cash({ value: 0.5 }),
        cash({ source: 'status-invest', ex_date: '2024-06-17', date_basis: 'ex_date', value: 0.5000004 }),
        cash({ source: 'status-invest', ex_date: '2024-06-17', date_basis: 'ex_date', value: 0.51 }),
        cash({ source: 'status-invest', ex_date: '2024-06-17', date_basis: 'ex_date', type: 'DIVIDENDO' }),
      ],
      splits: [],
    });
    expect(ledger.map((e) => [e.kind, e.cash_per_share, e.sources])).toEqual([
      ['dividend', 0.5, ['status-invest']],
      ['jcp', 0.5, ['fundamentus', 'status-invest']],
      ['jcp', 0.51, ['status-invest']],
    ]);
    expect(ledger[1]?.reports.map((r) => r.value)).toEqual([0.5, 0.5000004]);
  });

  it('keeps a declaration paid in instalments as separate events and pairs them across sources', () => {
    // WEGE3 2025-12-19 in the real Fundamentus page: three rows differing only by payment date.
    const pays = ['2026-08-12', '2027-08-11', '2028-08-16'];
    const fund = pays.map((p) =>
      cash({ type: 'DIVIDENDO', ex_date: '2025-12-19', value: 0.4128, payment_date: p }),
    );
    const other = [...pays].reverse().map((p) => ({
      ...fund[0]!,
      source: 'other',
      ex_date: '2025-12-22',
      date_basis: 'ex_date' as const,
      payment_date: p,
    }));
    const ledger = buildLedger({ dividends: [...fund, ...other], splits: [] });
    expect(ledger).toHaveLength(3);
    for (const e of ledger) {
      expect(e.sources).toEqual(['fundamentus', 'other']);
      expect(new Set(e.reports.map((r) => r.payment_date))).toEqual(new Set([e.payment_date]));
    }
  });

  it('divides the value by the shares it is quoted for', () => {
    const [e] = buildLedger({ dividends: [cash({ value: 10, per_shares: 1000 })], splits: [] });
    expect(e?.cash_per_share).toBeCloseTo(0.01, 15);
    expect(e?.factor).toBe(1);
  });

  it('gives share factors as to/from, infers the kind and sorts share events first on a date', () => {
    const ledger = buildLedger({
      dividends: [cash({ ex_date: '2024-03-04', date_basis: 'ex_date' })],
      splits: [
        split({ date: '2024-03-04', from: 1, to: 4 }),
        split({ date: '2022-01-10', from: 10, to: 1 }),
        split({ date: '2023-05-02', from: 10, to: 11, kind: 'bonus' }),
      ],
    });
    expect(ledger.map((e) => [e.date, e.kind, e.factor, e.cash_per_share])).toEqual([
      ['2022-01-10', 'reverse_split', 0.1, 0],
      ['2023-05-02', 'bonus', 1.1, 0],
      ['2024-03-04', 'split', 4, 0],
      ['2024-03-04', 'jcp', 1, 0.5],
    ]);
  });

  it('merges a split reported by two sources', () => {
    const ledger = buildLedger({
      dividends: [],
      splits: [
        split({}),
        split({ source: 'yahoo', date: '2024-03-01', date_basis: 'data_com', from: 2, to: 4 }),
      ],
    });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ date: '2024-03-04', factor: 2, sources: ['b3', 'yahoo'] });
  });

  it('does not mutate its inputs', () => {
    const inputs = { dividends: [cash({}), cash({ source: 'x', value: 0.5 })], splits: [split({})] };
    const before = structuredClone(inputs);
    buildLedger(inputs);
    expect(inputs).toEqual(before);
  });

  it.each([
    ['a bad date', { dividends: [cash({ ex_date: '2024-02-30' })], splits: [] }],
    ['a zero per_shares', { dividends: [cash({ per_shares: 0 })], splits: [] }],
    ['a negative value', { dividends: [cash({ value: -1 })], splits: [] }],
    ['a 1:1 split', { dividends: [], splits: [split({ to: 1 })] }],
    ['a reverse split that adds shares', { dividends: [], splits: [split({ kind: 'reverse_split' })] }],
    ['a bonus that removes shares', { dividends: [], splits: [split({ kind: 'bonus', from: 2, to: 1 })] }],
  ])('rejects %s', (_, inputs) => {
    expect(() => buildLedger(inputs)).toThrow(CorporateActionError);
  });
});
