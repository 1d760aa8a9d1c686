import { describe, expect, it } from 'vitest';
import { TransactionInput } from '../../contract/portfolio';
import { yearlyReport } from '../../analysis/portfolio/report';
import { reportCsv } from './portfolio';

describe('b3ai portfolio report --csv', () => {
  it('writes Bens e Direitos, income lines and the DARFs, quoting what needs it', () => {
    const txs = [
      TransactionInput.parse({ date: '2024-01-02', kind: 'buy', ticker: 'ITSA4', quantity: 100, price: 10 }),
      TransactionInput.parse({ date: '2024-05-20', kind: 'jcp', ticker: 'ITSA4', amount: 10, withheld: 1.5 }),
    ];
    const lines = reportCsv(yearlyReport(txs, 2024)).trim().split(/\r?\n/);
    expect(lines[0]).toBe('section,code,item,quantity,value');
    expect(lines).toContain('bens_e_direitos,03-01,ITSA4,100,1000');
    expect(lines).toContain('tributacao_exclusiva,10,JCP líquido,,8.5');
  });
});
