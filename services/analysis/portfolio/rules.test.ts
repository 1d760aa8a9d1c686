import { describe, expect, it } from 'vitest';
import { TransactionInput, type Transaction } from '../../contract/portfolio';
import { darfDueDate, easter, isBusinessDay } from './calendar';
import { classify } from './classify';
import { runLedger } from './ledger';
import { rulesFor, TAX_RULES, type TaxRules } from './rules';
import { taxMonth, initialTaxState } from './tax';

const T = (t: Record<string, unknown>): Transaction => TransactionInput.parse(t);

describe('calendar', () => {
  it('Easter and the bank holidays around it', () => {
    expect(easter(2024)).toBe('2024-03-31');
    expect(easter(2025)).toBe('2025-04-20');
    expect(isBusinessDay('2024-03-29')).toBe(false); // Good Friday
    expect(isBusinessDay('2024-02-13')).toBe(false); // Carnival Tuesday
    expect(isBusinessDay('2024-05-30')).toBe(false); // Corpus Christi
    expect(isBusinessDay('2024-11-20')).toBe(false); // national since 2024
    expect(isBusinessDay('2023-11-20')).toBe(true);
  });
  it("February 2024's DARF is due on Thursday 28 March (31st a Sunday, 30th Saturday, 29th Good Friday)", () => {
    expect(darfDueDate('2024-02')).toBe('2024-03-28');
    // December's DARF: last business day of January (31/01/2025 is a Friday).
    expect(darfDueDate('2024-12')).toBe('2025-01-31');
    // August 2025's: 30 and 31 August fall on a weekend → Friday 29.
    expect(darfDueDate('2025-07')).toBe('2025-08-29');
  });
});

describe('rules table', () => {
  it('picks the row in force on a date, so a change of law is a new row', () => {
    const later: TaxRules = {
      ...TAX_RULES[0]!,
      version: 'hypothetical-2030',
      from: '2030-01-01',
      rateCommon: 0.175,
    };
    const table = [...TAX_RULES, later];
    expect(rulesFor('2029-12-31', table).version).toBe('br-2005-01');
    expect(rulesFor('2030-01-01', table).rateCommon).toBe(0.175);
    expect(() => rulesFor('2000-01-01')).toThrow(/no tax rules/);
    // A month after the change is computed at the new rate: 1 000 taxable × 17.5% = 175.
    const sale = {
      date: '2030-03-10',
      ticker: 'ABEV3',
      broker: '',
      asset_class: 'stock' as const,
      daytrade: false,
      quantity: 1,
      gross: 30000,
      fees: 0,
      cost: 29000,
      gain: 1000,
      withheld: 0,
    };
    expect(taxMonth('2030-03', [sale], initialTaxState(), table).month).toMatchObject({
      rules_version: 'hypothetical-2030',
      tax_due: 175,
    });
  });
});

describe('ledger', () => {
  it('a reverse split 10:1 keeps the total cost: 1 000 sh at 2.00 → 100 sh at 20.00', () => {
    const h = runLedger([
      T({ date: '2024-01-02', kind: 'buy', ticker: 'MGLU3', quantity: 1000, price: 2 }),
      T({ date: '2024-02-01', kind: 'split', ticker: 'MGLU3', ratio: 0.1 }),
    ]).holdings.get('MGLU3')!;
    expect(h.quantity).toBeCloseTo(100, 9);
    expect(h.total_cost / h.quantity).toBeCloseTo(20, 9);
  });
  it('a partial day trade: 300 bought and 100 sold the same day: 100 are day trade, 200 join the position', () => {
    const r = runLedger([
      T({ date: '2024-01-02', kind: 'buy', ticker: 'PETR4', quantity: 100, price: 30 }),
      T({ date: '2024-01-03', kind: 'buy', ticker: 'PETR4', quantity: 300, price: 32, fees: 3 }),
      T({ date: '2024-01-03', kind: 'sell', ticker: 'PETR4', quantity: 100, price: 33 }),
    ]);
    // Day trade: 100×33 − (100×32 + 1) = 99; position 100×30 + (200×32 + 2) = 9 402 for 300 sh.
    expect(r.sales).toEqual([expect.objectContaining({ daytrade: true, quantity: 100, gain: 99 })]);
    expect(r.holdings.get('PETR4')).toMatchObject({ quantity: 300, total_cost: 9402 });
  });
  it('selling more than held is an error naming the date and ticker', () => {
    expect(() =>
      runLedger([T({ date: '2024-01-02', kind: 'sell', ticker: 'PETR4', quantity: 1, price: 1 })]),
    ).toThrow(/2024-01-02 PETR4/);
  });
  it('a settlement row explained by a trade is not counted twice; an unexplained one counts as the trade', () => {
    const r = runLedger([
      T({ date: '2024-01-02', kind: 'buy', ticker: 'WEGE3', quantity: 10, price: 40 }),
      T({ date: '2024-01-04', kind: 'settlement_in', ticker: 'WEGE3', quantity: 10, price: 40 }),
      T({ date: '2024-01-10', kind: 'settlement_in', ticker: 'WEGE3', quantity: 5, price: 42 }),
    ]);
    expect(r.settlementsMatched).toBe(1);
    expect(r.holdings.get('WEGE3')).toMatchObject({ quantity: 15, total_cost: 610 });
  });
});

describe('classify', () => {
  it('by given class, then name, then ticker form (flagged)', () => {
    expect(classify('TAEE11', 'stock')).toEqual({ asset_class: 'stock', class_from: 'given' });
    expect(classify('IVVB11', undefined, 'ISHARES S&P 500 FDO INV COTAS FDO INDICE')).toMatchObject({
      asset_class: 'etf',
      class_from: 'name',
    });
    expect(classify('MXRF11', undefined, 'MAXI RENDA FDO INV IMOB - FII')).toMatchObject({
      asset_class: 'fii',
      class_from: 'name',
    });
    expect(classify('AAPL34')).toEqual({ asset_class: 'bdr', class_from: 'ticker' });
    expect(classify('PETR4')).toEqual({ asset_class: 'stock', class_from: 'ticker' });
  });
});
