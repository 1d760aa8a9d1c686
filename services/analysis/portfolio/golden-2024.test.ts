import { describe, expect, it } from 'vitest';
import { TransactionInput, type Transaction } from '../../contract/portfolio';
import { runLedger } from './ledger';
import { taxMonths } from './tax';
import { yearlyReport } from './report';

/**
 * A hand-checked year (2024, broker "XP"). Every figure below was worked out by hand in the comments;
 * the code must reach the same numbers. DARF due = last bank business day of the following month.
 */
const T = (t: Record<string, unknown>): Transaction => TransactionInput.parse({ broker: 'XP', ...t });
export const YEAR_2024: Transaction[] = [
  // Jan — exemption ON. Buys: 1000×10 + 10 fees = 10 010; 1000×12 + 10 = 12 010 → 2000 sh, 22 020, avg 11.01.
  T({ date: '2024-01-02', kind: 'buy', ticker: 'ITSA4', quantity: 1000, price: 10, fees: 10 }),
  T({ date: '2024-01-03', kind: 'buy', ticker: 'ITSA4', quantity: 1000, price: 12, fees: 10 }),
  // Sell 500×13 = 6 500 gross (≤ 20 000: exempt); cost 500×11.01 = 5 505; gain 6 500 − 5 − 5 505 = 990 (exempt).
  T({ date: '2024-01-15', kind: 'sell', ticker: 'ITSA4', quantity: 500, price: 13, fees: 5 }),
  // Feb — exemption OFF with a loss. Buy 1000×40 + 20 = 40 020. Sell 1000×35 = 35 000 > 20 000:
  // 35 000 − 20 − 40 020 = −5 040 (common loss carried). IRRF 0.005% × 35 000 = 1.75 (> R$ 1: withheld).
  T({ date: '2024-02-01', kind: 'buy', ticker: 'PETR4', quantity: 1000, price: 40, fees: 20 }),
  T({ date: '2024-02-20', kind: 'sell', ticker: 'PETR4', quantity: 1000, price: 35, fees: 20 }),
  // Mar — exempt gain (does not eat the loss): 500×12 = 6 000; 6 000 − 5 − 5 505 = 490 exempt. Loss stays 5 040.
  T({ date: '2024-03-05', kind: 'sell', ticker: 'ITSA4', quantity: 500, price: 12, fees: 5 }),
  // Day trade VALE3: (200×62 − 6) − (200×60 + 6) = 12 394 − 12 006 = 388; tax 20% = 77.60;
  // IRRF 1% × 388 = 3.88; plus February's 1.75 = 5.63 deducted → DARF 71.97, due 2024-04-30 (Tue).
  T({ date: '2024-03-12', kind: 'buy', ticker: 'VALE3', quantity: 200, price: 60, fees: 6 }),
  T({ date: '2024-03-12', kind: 'sell', ticker: 'VALE3', quantity: 200, price: 62, fees: 6 }),
  // Apr — FII: buy 100×160 = 16 000; income 100×1.10 = 110 (exempt); sell 50×170 = 8 500 − 1 − 8 000
  // = 499; 20% = 99.80; IRRF 0.005% × 8 500 = 0.425 (≤ R$ 1: none). DARF 99.80 due 2024-05-31 (Fri).
  T({ date: '2024-04-02', kind: 'buy', ticker: 'HGLG11', quantity: 100, price: 160, asset_class: 'fii' }),
  T({ date: '2024-04-10', kind: 'fii_income', ticker: 'HGLG11', quantity: 100, price: 1.1 }),
  T({ date: '2024-04-25', kind: 'sell', ticker: 'HGLG11', quantity: 50, price: 170, fees: 1 }),
  // May — bonus share: 10% (100 sh) of ITSA4 at the stated cost 5.40 → 11 010 + 540 = 11 550 for 1 100
  // sh, avg 10.50. JCP 1 100 × 0.10 = 110 gross, 15% withheld = 16.50, net 93.50 (exclusive taxation).
  T({ date: '2024-05-06', kind: 'bonus', ticker: 'ITSA4', quantity: 100, price: 5.4 }),
  T({ date: '2024-05-20', kind: 'jcp', ticker: 'ITSA4', amount: 110, withheld: 16.5 }),
  // The loss of 5 040 has now been carried through March, April and May.
  // Jun — split 2:1 of BBAS3: 400 sh at 20 020 (avg 50.05) → 800 sh, same 20 020 (avg 25.025).
  // Sell 800×28 = 22 400 > 20 000: 22 400 − 20 − 20 020 = 2 360, all absorbed by the loss (5 040 → 2 680).
  // Tax 0; IRRF 0.005% × 22 400 = 1.12 carried.
  T({ date: '2024-06-03', kind: 'buy', ticker: 'BBAS3', quantity: 400, price: 50, fees: 20 }),
  T({ date: '2024-06-10', kind: 'split', ticker: 'BBAS3', ratio: 2 }),
  T({ date: '2024-06-20', kind: 'sell', ticker: 'BBAS3', quantity: 800, price: 28, fees: 20 }),
  // Jul — ETF (never exempt): 100×150 − 100×120 = 3 000; minus the remaining loss 2 680 = 320;
  // 15% = 48.00; IRRF: 0.005% × 15 000 = 0.75 (none), June's 1.12 deducted → DARF 46.88 due 2024-08-30 (Fri).
  T({ date: '2024-07-01', kind: 'buy', ticker: 'BOVA11', quantity: 100, price: 120, asset_class: 'etf' }),
  T({ date: '2024-07-15', kind: 'sell', ticker: 'BOVA11', quantity: 100, price: 150 }),
  // Aug — BDR: 10×55 − 10×50 = 50; 15% = 7.50 < R$ 10: no DARF, rolled into September. Dividend 1 100 × 0.05 = 55.
  T({ date: '2024-08-05', kind: 'buy', ticker: 'AAPL34', quantity: 10, price: 50 }),
  T({ date: '2024-08-06', kind: 'sell', ticker: 'AAPL34', quantity: 10, price: 55 }),
  T({ date: '2024-08-15', kind: 'dividend', ticker: 'ITSA4', quantity: 1100, price: 0.05 }),
  // Sep — FII: 50×161 − 50×160 = 50; 20% = 10.00, plus August's 7.50 → DARF 17.50 due 2024-10-31 (Thu).
  T({ date: '2024-09-10', kind: 'sell', ticker: 'HGLG11', quantity: 50, price: 161 }),
  // Oct — exemption OFF with a gain: 1000×12 + 1000×13 = 25 000 (avg 12.50); sell 2000×13.5 = 27 000:
  // gain 2 000; 15% = 300.00; IRRF 0.005% × 27 000 = 1.35 → DARF 298.65 due 2024-11-29 (Fri).
  T({ date: '2024-10-01', kind: 'buy', ticker: 'ABEV3', quantity: 1000, price: 12 }),
  T({ date: '2024-10-02', kind: 'buy', ticker: 'ABEV3', quantity: 1000, price: 13 }),
  T({ date: '2024-10-21', kind: 'sell', ticker: 'ABEV3', quantity: 2000, price: 13.5 }),
];

const months = taxMonths(runLedger(YEAR_2024).sales, '2024-12');
const m = (month: string) => {
  const found = months.find((x) => x.month === month);
  if (!found) throw new Error(`no ${month}`);
  return found;
};
const cat = (month: string, c: 'common' | 'daytrade' | 'fii') =>
  m(month).categories.find((x) => x.category === c)!;

describe('golden year 2024', () => {
  it('January: sales of R$ 6 500 are exempt; the R$ 990 gain is exempt, no DARF', () => {
    expect(m('2024-01')).toMatchObject({ stock_sales: 6500, exempt: true, tax_due: 0 });
    expect(cat('2024-01', 'common')).toMatchObject({
      net_result: 990,
      exempt_gain: 990,
      taxable: 0,
      tax: 0,
      irrf: 0,
    });
    expect(m('2024-01').darf).toEqual({
      code: '6015',
      due_date: '2024-02-29',
      amount: 0,
      rolled_over: false,
    });
  });

  it('February: sales above R$ 20 000 with a loss of R$ 5 040 carried; IRRF 1.75 carried', () => {
    expect(m('2024-02')).toMatchObject({ stock_sales: 35000, exempt: false, tax_due: 0, irrf_carried: 1.75 });
    expect(cat('2024-02', 'common')).toMatchObject({
      net_result: -5040,
      loss_after: 5040,
      tax: 0,
      irrf: 1.75,
    });
  });

  it('March: an exempt gain keeps the loss; day trade 388 at 20% less IRRF 5.63 → DARF 71.97', () => {
    expect(cat('2024-03', 'common')).toMatchObject({
      exempt_gain: 490,
      loss_before: 5040,
      loss_used: 0,
      loss_after: 5040,
    });
    expect(cat('2024-03', 'daytrade')).toMatchObject({
      sales: 12400,
      net_result: 388,
      taxable: 388,
      rate: 0.2,
      tax: 77.6,
      irrf: 3.88,
    });
    expect(m('2024-03')).toMatchObject({ stock_sales: 6000, exempt: true, irrf_used: 5.63, tax_due: 71.97 });
    expect(m('2024-03').darf).toEqual({
      code: '6015',
      due_date: '2024-04-30',
      amount: 71.97,
      rolled_over: false,
    });
  });

  it('April: FII gain 499 at 20% with no exemption → DARF 99.80', () => {
    expect(cat('2024-04', 'fii')).toMatchObject({ net_result: 499, rate: 0.2, tax: 99.8, irrf: 0 });
    expect(m('2024-04').darf).toMatchObject({ due_date: '2024-05-31', amount: 99.8 });
  });

  it('the February loss is carried through March, April and May, then used in June and July', () => {
    expect(['2024-03', '2024-04', '2024-05'].map((x) => cat(x, 'common').loss_after)).toEqual([
      5040, 5040, 5040,
    ]);
    expect(cat('2024-06', 'common')).toMatchObject({
      net_result: 2360,
      loss_before: 5040,
      loss_used: 2360,
      loss_after: 2680,
      tax: 0,
    });
    expect(cat('2024-07', 'common')).toMatchObject({
      gains_by_class: { etf: 3000 },
      loss_used: 2680,
      loss_after: 0,
      taxable: 320,
      tax: 48,
    });
    expect(m('2024-07')).toMatchObject({ irrf_used: 1.12, tax_due: 46.88 });
    expect(m('2024-07').darf).toMatchObject({ due_date: '2024-08-30', amount: 46.88 });
  });

  it("August: BDR tax of 7.50 is below R$ 10, rolled into September's DARF of 17.50", () => {
    expect(m('2024-08')).toMatchObject({ tax_due: 7.5, darf: { amount: 7.5, rolled_over: true } });
    expect(m('2024-09')).toMatchObject({
      tax_due: 10,
      rolled_in: 7.5,
      darf: { amount: 17.5, rolled_over: false, due_date: '2024-10-31' },
    });
  });

  it('October: R$ 27 000 of stock sales, gain 2 000 taxed at 15% less IRRF 1.35 → DARF 298.65', () => {
    expect(m('2024-10')).toMatchObject({ stock_sales: 27000, exempt: false, tax_due: 298.65 });
    expect(m('2024-10').darf).toMatchObject({ due_date: '2024-11-29', amount: 298.65 });
  });

  it('positions: the bonus share at its stated cost and the split leave the hand-computed averages', () => {
    const may = runLedger(YEAR_2024, { until: '2024-05-31' }).holdings.get('ITSA4')!;
    expect(may.quantity).toBe(1100);
    expect(may.total_cost).toBeCloseTo(11550, 6);
    const afterSplit = runLedger(YEAR_2024, { until: '2024-06-10' }).holdings.get('BBAS3')!;
    expect(afterSplit.quantity).toBe(800);
    expect(afterSplit.total_cost / afterSplit.quantity).toBeCloseTo(25.025, 9);
  });

  it('the yearly report: Bens e Direitos on 31/12, exempt and exclusive-taxation lines', () => {
    const rep = yearlyReport(YEAR_2024, 2024);
    expect(rep.assets).toEqual([
      expect.objectContaining({ ticker: 'ITSA4', quantity: 1100, cost: 11550, group: '03', code: '01' }),
    ]);
    // Exempt: stock gains ≤ 20k 990 + 490 = 1 480; dividends 55; FII income 110. Exclusive: JCP net 93.50.
    expect(rep.exempt).toEqual({ stock_gains_under_limit: 1480, dividends: 55, fii_income: 110 });
    expect(rep.exclusive).toEqual({ jcp_net: 93.5, jcp_withheld: 16.5 });
    // DARFs paid: 71.97 + 99.80 + 46.88 + 17.50 + 298.65 = 534.80.
    expect(rep.darf_total).toBe(534.8);
  });
});
