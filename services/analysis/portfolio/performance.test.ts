import { describe, expect, it } from 'vitest';
import { TransactionInput, type Transaction } from '../../contract/portfolio';
import { compoundPercent, performance, xirr } from './performance';

const T = (t: Record<string, unknown>): Transaction => TransactionInput.parse(t);

describe('performance', () => {
  // Jan: buy 100 at 10 (flow 1 000), month-end close 11 → value 1 100: (1 100 − 0 − 1 000)/(0 + 500) = 20%.
  // Feb: no flow, close 12.1 → 1 210: 10%. Mar: dividend 10 received, close 12.1: (1 210 + 10 − 1 210)/1 210 = 0.826%.
  // TWR = 1.2 × 1.1 × (1 + 10/1210) − 1 = 0.330909…
  const txs = [
    T({ date: '2024-01-02', kind: 'buy', ticker: 'WEGE3', quantity: 100, price: 10 }),
    T({ date: '2024-03-15', kind: 'dividend', ticker: 'WEGE3', amount: 10 }),
  ];
  const closes: Record<string, number> = { '2024-01-31': 11, '2024-02-29': 12.1, '2024-03-31': 12.1 };
  const price = (_t: string, d: string) => closes[d] ?? null;

  it('monthly values, Modified Dietz returns and the chain-linked TWR (hand-computed)', () => {
    const p = performance(txs, price, '2024-01', '2024-03');
    expect(p.months.map((m) => m.value)).toEqual([1100, 1210, 1210]);
    expect(p.months[0]!.return).toBeCloseTo(0.2, 12);
    expect(p.months[1]!.return).toBeCloseTo(0.1, 12);
    expect(p.months[2]).toMatchObject({ income: 10 });
    expect(p.twr).toBeCloseTo(1.2 * 1.1 * (1 + 10 / 1210) - 1, 12);
    expect(p.mwr_annual).not.toBeNull();
  });

  it('XIRR: 1 000 in, 1 100 out one year (365 days) later is 10% a year', () => {
    expect(
      xirr([
        { date: '2023-01-01', amount: -1000 },
        { date: '2024-01-01', amount: 1100 },
      ]),
    ).toBeCloseTo(0.1, 6);
    expect(xirr([{ date: '2023-01-01', amount: -1000 }])).toBeNull();
  });

  it('a month without a price gives no value and no TWR', () => {
    const p = performance(txs, () => null, '2024-01', '2024-02');
    expect(p.months[0]!.value).toBeNull();
    expect(p.twr).toBeNull();
  });

  it('benchmarks compound their periodic rates: 1% and 2% → 3.02%', () => {
    expect(compoundPercent([1, 2])).toBeCloseTo(0.0302, 12);
  });
});
