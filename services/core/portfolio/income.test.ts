import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { TransactionInput } from '../../contract/portfolio';
import type { Pg } from '../storage/pg';
import { incomeCheck } from './income';
import { positionsOf } from './service';
import { addManual, createPortfolio } from './store';

let pg: Pg;
beforeAll(async () => {
  pg = await freshPg();
}, 120_000);
afterAll(async () => {
  await pg.close();
});

describe('income expected from positions on the record date vs received', () => {
  it('matches, shows the difference, and lists what matches nothing', async () => {
    const p = await createPortfolio(pg, 'Proventos');
    const add = (t: Record<string, unknown>) => addManual(pg, p.id, TransactionInput.parse(t));
    await add({ date: '2024-03-01', kind: 'buy', ticker: 'ITSA4', quantity: 1000, price: 10 });
    // Bought on the ex-date: not entitled to the March dividend.
    await add({ date: '2024-03-20', kind: 'buy', ticker: 'ITSA4', quantity: 500, price: 10 });
    await add({ date: '2024-04-01', kind: 'dividend', ticker: 'ITSA4', amount: 20 });
    await add({ date: '2024-06-03', kind: 'jcp', ticker: 'ITSA4', amount: 150, withheld: 22.5 });
    await add({ date: '2024-08-01', kind: 'fii_income', ticker: 'HGLG11', amount: 5 });
    const ins = (type: string, ex: string, pay: string, value: number) =>
      pg.query(
        `INSERT INTO dividends (source, ticker, type, source_type, ex_date, payment_date, value, per_shares, snapshot_id) VALUES ('status-invest','ITSA4',$1,$1,$2,$3,$4,1,1)`,
        [type, ex, pay, value],
      );
    await ins('DIVIDENDO', '2024-03-20', '2024-04-01', 0.02); // 1 000 held the day before × 0.02 = 20
    await ins('JCP', '2024-05-20', '2024-06-03', 0.1); // 1 500 × 0.10 = 150
    await ins('DIVIDENDO', '2024-09-20', '2024-10-01', 0.03); // 1 500 × 0.03 = 45, not received
    const items = await incomeCheck(pg, p.id, 2024);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'dividend',
        ex_date: '2024-03-20',
        shares: 1000,
        expected: 20,
        received: 20,
        difference: 0,
      }),
      expect.objectContaining({ kind: 'jcp', shares: 1500, expected: 150, received: 150, difference: 0 }),
      expect.objectContaining({
        kind: 'dividend',
        ex_date: '2024-09-20',
        shares: 1500,
        expected: 45,
        received: null,
      }),
      expect.objectContaining({
        ticker: 'HGLG11',
        kind: 'fii_income',
        expected: null,
        received: 5,
        source: 'imported file',
      }),
    ]);
  });
});

describe('corporate actions already in the local data', () => {
  it('a split in corporate_actions is applied to the position; one the portfolio records is not applied twice', async () => {
    const p = await createPortfolio(pg, 'Desdobros');
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: '2024-01-02', kind: 'buy', ticker: 'WEGE3', quantity: 100, price: 40 }),
    );
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: '2024-01-02', kind: 'buy', ticker: 'BBAS3', quantity: 100, price: 50 }),
    );
    await addManual(
      pg,
      p.id,
      TransactionInput.parse({ date: '2024-04-16', kind: 'split', ticker: 'BBAS3', ratio: 2 }),
    );
    for (const [ticker, date] of [
      ['WEGE3', '2024-03-01'],
      ['BBAS3', '2024-04-15'],
    ] as const)
      await pg.query(
        `INSERT INTO corporate_actions (source, ticker, date, date_basis, kind, from_shares, to_shares, snapshot_id) VALUES ('b3',$1,$2,'ex_date','split',1,2,1)`,
        [ticker, date],
      );
    const pos = await positionsOf(pg, p.id, '2024-12-31');
    // WEGE3 100 → 200 at the same 4 000 (avg 20); BBAS3 split once: 200 at 5 000 (avg 25).
    expect(pos.positions.map((x) => [x.ticker, x.quantity, x.average_cost])).toEqual([
      ['BBAS3', 200, 25],
      ['WEGE3', 200, 20],
    ]);
  });
});
