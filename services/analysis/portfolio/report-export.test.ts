import { describe, expect, it } from 'vitest';
import { TransactionInput } from '../../contract/portfolio';
import { yearlyReport } from './report';
import { yearlyReportCsv as reportCsv, yearlyReportHtml } from './report-export';

describe('the yearly report as files', () => {
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

  it('as HTML for the PDF: both languages, money as each writes it, every text escaped', () => {
    const txs = [
      TransactionInput.parse({
        date: '2024-01-02',
        kind: 'buy',
        ticker: 'ITSA4',
        quantity: 1000,
        price: 10.5,
      }),
      TransactionInput.parse({ date: '2024-05-20', kind: 'jcp', ticker: 'ITSA4', amount: 100, withheld: 15 }),
    ];
    const r = yearlyReport(txs, 2024);
    const pt = yearlyReportHtml(r, 'pt-BR');
    expect(pt).toContain('Bens e Direitos em 31/12/2024');
    expect(pt).toContain('<td>03-01</td><td>ITSA4</td>');
    expect(pt).toContain('<td class="num">10.500,00</td>'); // cost, pt-BR
    expect(pt).toContain('Juros sobre capital próprio, líquidos (código 10)</td><td class="num">85,00</td>');
    const en = yearlyReportHtml(r, 'en');
    expect(en).toContain('<td class="num">10,500.00</td>');
    expect(en).toContain('Interest on equity (JCP), net (code 10)</td><td class="num">85.00</td>');
    expect(en).not.toContain('Rendimentos isentos e não');
    // Nothing from the data is written unescaped, and nothing is fetched.
    const hostile = { ...r, assets: [{ ...r.assets[0]!, description: '<script>x</script>' }] };
    const h = yearlyReportHtml(hostile, 'pt-BR');
    expect(h).not.toContain('<script>');
    expect(h).toContain('&lt;script&gt;');
    expect(h).not.toMatch(/src=|href=|@import|url\(/);
  });
});
