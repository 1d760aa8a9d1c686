import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/helpers/fixtures';
import { freshPg } from '../../../test/helpers/pg-template';
import { runLedger } from '../../analysis/portfolio/ledger';
import { taxMonths } from '../../analysis/portfolio/tax';
import type { Pg } from '../storage/pg';
import { mapTable, pickTable } from './mappers';
import { importPortfolioFile, positionsOf, taxOf } from './service';
import { createPortfolio, loadTransactions } from './store';
import { parseNumber, readCsv, readXlsx } from './table-reader';

// Real exports (shared fixtures, read in place).
const MOV_XLSX = () => fixture('b3-investidor', 'movimentacao-2022-06-14-14-22-17.xlsx');
const MOV_CSV = () => fixture('b3-investidor', 'movimentacao-2022-06-16-14-40-36.spreadsheet-export.csv');
// OURS: no real "negociação" export is available; this one is built from the public structure
// (sheet "Negociação" and its exact header row) by fixtures/make-negociacao.mjs.
const NEG_XLSX = fileURLToPath(new URL('./fixtures/negociacao-ours.xlsx', import.meta.url));
// OURS: the documented generic template (docs/B3_EXPORTS.md).
const GENERIC = fileURLToPath(new URL('./fixtures/generic-template.csv', import.meta.url));

describe('cells', () => {
  it('money as B3 and spreadsheets write it', () => {
    expect(parseNumber(' RR$\t5,99 ')).toBe(5.99);
    expect(parseNumber('R$ 1.234,56')).toBe(1234.56);
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('-')).toBeNull();
    expect(parseNumber('abc')).toBeNaN();
  });
});

describe('mapping by header', () => {
  it('the real movimentação XLSX (dimension A1): 14 rows, settlements, FII income', async () => {
    const t = pickTable(await readXlsx(readFileSync(MOV_XLSX()), 'mov.xlsx'), 'mov.xlsx');
    expect(t.sheet).toBe('Movimentação');
    const m = mapTable(t, 'mov.xlsx');
    expect(m).toMatchObject({ format: 'b3-movimentacao', rows: 14, ignored: [] });
    const l = runLedger(m.transactions);
    // BCFF11: 4 settlements of 1 at 100.29, 99.99, 99.96, 104.60 → cost 404.84, avg 101.21.
    expect(l.holdings.get('BCFF11')).toMatchObject({ quantity: 4, asset_class: 'fii', class_from: 'name' });
    expect(l.holdings.get('BCFF11')!.total_cost).toBeCloseTo(404.84, 9);
    // VIVR3: 4 + 11 in, 15 out → 0. FLMA11 8 + 2. ITUB3 1.
    expect(l.holdings.get('VIVR3')!.quantity).toBe(0);
    expect(l.holdings.get('FLMA11')!.quantity).toBe(10);
    expect(l.income.map((i) => [i.ticker, i.gross])).toEqual([
      ['FLMA11', 0.03],
      ['BCFF11', 0.53],
      ['FLMA11', 0.15],
    ]);
  });

  it("the real spreadsheet CSV (' RR$<TAB>5,99 '): JCP made gross at 15%, rights rows listed as ignored", () => {
    const text = readFileSync(MOV_CSV(), 'utf8');
    const m = mapTable(readCsv(text, 'mov.csv'), 'mov.csv');
    expect(m.rows).toBe(text.trim().split(/\r?\n/).length - 1);
    const jcp = m.transactions.find(
      (t) => t.kind === 'jcp' && t.ticker === 'HGTX3' && t.date === '2020-12-30',
    )!;
    // Net 5.59 → gross 5.59 / 0.85 = 6.576… → 6.58; withheld 0.99.
    expect(jcp).toMatchObject({ amount: 6.58, withheld: 0.99 });
    const div = m.transactions.find((t) => t.kind === 'dividend' && t.ticker === 'HGTX3')!;
    expect(div.amount).toBe(5.99);
    expect(m.ignored.some((i) => /subscription rights and receipts/.test(i.reason))).toBe(true);
    expect(m.transactions.length + m.ignored.filter((i) => !/imported at cost 0/.test(i.reason)).length).toBe(
      m.rows,
    );
  });

  it('our negociação XLSX: trades, the fractional market, options left out; March day trade taxed', async () => {
    const m = mapTable(pickTable(await readXlsx(readFileSync(NEG_XLSX), 'neg.xlsx'), 'neg.xlsx'), 'neg.xlsx');
    expect(m.format).toBe('b3-negociacao');
    expect(m.ignored).toEqual([{ line: 5, reason: 'market not handled: Opção de Compra' }]);
    expect(m.transactions.find((t) => t.date === '2024-03-12' && t.ticker === 'PETR4')).toMatchObject({
      kind: 'buy',
      quantity: 5,
    });
    const months = taxMonths(runLedger(m.transactions).sales, '2024-03');
    // Feb: 35 000 − 40 000 = −5 000 carried; IRRF 1.75. March: day trade 200 × (62 − 60) = 400,
    // 20% = 80, IRRF 1% × 400 = 4 + 1.75 → DARF 74.25.
    expect(months[1]!.categories[0]).toMatchObject({ net_result: -5000, loss_after: 5000 });
    expect(months[2]).toMatchObject({ tax_due: 74.25, darf: { amount: 74.25, due_date: '2024-04-30' } });
  });

  it('the generic template: bonus, JCP, split and FII rows', () => {
    const m = mapTable(readCsv(readFileSync(GENERIC, 'utf8'), 'g.csv'), 'g.csv');
    expect(m.format).toBe('generic-csv');
    expect(m.transactions.map((t) => t.kind)).toEqual(['buy', 'fii_income', 'sell', 'bonus', 'jcp', 'split']);
    expect(m.transactions[5]).toMatchObject({ ratio: 2, ticker: 'BBAS3' });
  });

  it('an unknown header is a typed error naming it', () => {
    const csv =
      'Entrada/Saída;Data;Movimentação;Produto;Instituição;Quantidade;Preço unitário;Valor da Operação;Corretagem\n';
    let caught: unknown;
    try {
      mapTable(readCsv(csv, 'x.csv'), 'x.csv');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'UNSUPPORTED_FILE', details: { header: 'Corretagem' } });
    expect((caught as Error).message).toContain("unknown column 'Corretagem'");
    expect(() => mapTable(readCsv('a;b\n1;2\n', 'y.csv'), 'y.csv')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FILE' }),
    );
  });

  it('a malformed date names the file, line and column', () => {
    const csv = 'date;kind;ticker;quantity;price\n2024-13-01;buy;PETR4;1;1\n';
    expect(() => mapTable(readCsv(csv, 'z.csv'), 'z.csv')).toThrow(/z\.csv: line 2: column 'date'/);
  });
});

describe('storage', () => {
  let pg: Pg;
  beforeEach(async () => {
    pg = await freshPg();
  }, 120_000);
  afterEach(async () => {
    await pg.close();
  });

  it('re-importing the same file, and an overlapping one, adds nothing twice', async () => {
    const p = await createPortfolio(pg, 'Teste');
    const first = await importPortfolioFile(pg, p.id, MOV_CSV());
    expect(first.added).toBeGreaterThan(200);
    const again = await importPortfolioFile(pg, p.id, MOV_CSV());
    expect(again).toMatchObject({ added: 0, duplicates: first.added });
    const n = (await loadTransactions(pg, p.id)).length;
    expect(n).toBe(first.added);
    // An export of an overlapping period (the first 50 rows of the same history): nothing new.
    const lines = readFileSync(MOV_CSV(), 'utf8').split('\r\n');
    const part = join(mkdtempSync(join(tmpdir(), 'b3ai-pf-')), 'part.csv');
    writeFileSync(part, lines.slice(0, 51).join('\r\n'));
    expect(await importPortfolioFile(pg, p.id, part)).toMatchObject({ rows: 50, added: 0, duplicates: 44 }); // 6 rights/receipt rows are not transactions;
    expect((await loadTransactions(pg, p.id)).length).toBe(n);
    // The negociação file in a portfolio of its own: positions and a month's DARF.
    const q = await createPortfolio(pg, 'Trades');
    expect((await importPortfolioFile(pg, q.id, NEG_XLSX)).added).toBe(8);
    expect((await importPortfolioFile(pg, q.id, NEG_XLSX)).added).toBe(0);
    const pos = await positionsOf(pg, q.id, '2024-12-31');
    expect(pos.positions.find((x) => x.ticker === 'ITSA4')).toMatchObject({
      quantity: 1500,
      average_cost: 11,
    });
    expect((await taxOf(pg, q.id, '2024-03')).darf.amount).toBe(74.25);
    expect((await taxOf(pg, q.id, '2023-06')).darf.amount).toBe(0);
  });
});
