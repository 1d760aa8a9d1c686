import { tableCsv } from '../../contract/csv';
import { escapeHtml as e } from '../ai/render-html';
import type { YearlyReport } from './report';

/**
 * The yearly report as files the user asks for (portfolio data leaves the app only this way):
 * CSV lines, and one self-contained HTML page (inline CSS, no scripts, no external resource) that
 * the core prints to PDF with the same renderer as the AI reports. Every text is HTML-escaped.
 */
export type ReportLang = 'pt-BR' | 'en';

export function yearlyReportCsv(r: YearlyReport): string {
  const rows: unknown[][] = [
    ...r.assets.map((a) => [
      'bens_e_direitos',
      a.group && a.code ? `${a.group}-${a.code}` : '',
      a.ticker,
      a.quantity,
      a.cost,
    ]),
    ['isentos', '20', 'ganhos em ações até R$ 20 mil/mês', '', r.exempt.stock_gains_under_limit],
    ['isentos', '09', 'dividendos', '', r.exempt.dividends],
    ['isentos', '', 'rendimentos de FII', '', r.exempt.fii_income],
    ['tributacao_exclusiva', '10', 'JCP líquido', '', r.exclusive.jcp_net],
    ...r.months.map((m) => ['darf', m.darf.code, m.month, '', m.darf.rolled_over ? 0 : m.darf.amount]),
  ];
  return tableCsv(['section', 'code', 'item', 'quantity', 'value'], rows);
}

const L = {
  'pt-BR': {
    title: (y: number) => `Relatório anual ${y} — Imposto de Renda`,
    sub: 'Gerado no seu computador a partir das suas transações; confira com os informes da corretora.',
    bens: (y: number) => `Bens e Direitos em 31/12/${y}`,
    code: 'Grupo-código',
    asset: 'Ativo',
    qty: 'Quantidade',
    cost: 'Custo (R$)',
    desc: 'Discriminação',
    none: 'Nenhuma posição.',
    exempt: 'Rendimentos isentos e não tributáveis',
    excl: 'Rendimentos sujeitos à tributação exclusiva',
    stockGains: 'Ganhos líquidos em ações, vendas até R$ 20 mil no mês (código 20)',
    dividends: 'Dividendos (código 09)',
    fii: 'Rendimentos de FII',
    jcp: 'Juros sobre capital próprio, líquidos (código 10)',
    jcpWithheld: 'IRRF retido sobre JCP',
    darfs: 'DARFs do ano (renda variável)',
    month: 'Mês',
    due: 'Vencimento',
    amount: 'Valor (R$)',
    rolled: 'abaixo de R$ 10,00: somado ao mês seguinte',
    noDarf: 'Nenhum DARF no ano.',
    total: 'Total pago em DARFs',
    unknownCode: 'confira no programa do ano',
  },
  en: {
    title: (y: number) => `Yearly report ${y} — income tax return`,
    sub: "Made on your computer from your transactions; check it against your broker's statements.",
    bens: (y: number) => `Assets and rights (Bens e Direitos) on 31/12/${y}`,
    code: 'Group-code',
    asset: 'Asset',
    qty: 'Quantity',
    cost: 'Cost (R$)',
    desc: 'Description',
    none: 'No positions.',
    exempt: 'Exempt income (rendimentos isentos)',
    excl: 'Income taxed exclusively at source (tributação exclusiva)',
    stockGains: 'Net gains on stocks, sales up to R$ 20,000 in the month (code 20)',
    dividends: 'Dividends (code 09)',
    fii: 'Real estate fund (FII) income',
    jcp: 'Interest on equity (JCP), net (code 10)',
    jcpWithheld: 'Tax withheld on JCP',
    darfs: "The year's DARFs (variable income)",
    month: 'Month',
    due: 'Due',
    amount: 'Amount (R$)',
    rolled: 'below R$ 10.00: added to the next month',
    noDarf: 'No DARF in the year.',
    total: 'Total paid in DARFs',
    unknownCode: "check the year's program",
  },
} as const;

/** Money as the language writes it, two decimals: 1.234,56 (pt-BR) or 1,234.56 (en). */
function money(v: number, lang: ReportLang): string {
  return v.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933; font-size: 12px; line-height: 1.4; margin: 0; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 14px; margin: 18px 0 6px; border-bottom: 1px solid #d9e2ec; }
.sub { color: #52606d; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d9e2ec; padding: 3px 6px; text-align: left; }
th { background: #f0f4f8; } td.num { text-align: right; white-space: nowrap; } tr { page-break-inside: avoid; }
`;

export function yearlyReportHtml(r: YearlyReport, lang: ReportLang): string {
  const t = L[lang];
  const m = (v: number) => money(v, lang);
  const assets = r.assets.length
    ? `<table><thead><tr><th>${t.code}</th><th>${t.asset}</th><th>${t.qty}</th><th>${t.cost}</th><th>${t.desc}</th></tr></thead><tbody>${r.assets
        .map(
          (a) =>
            `<tr><td>${a.group && a.code ? e(`${a.group}-${a.code}`) : e(t.unknownCode)}</td><td>${e(a.ticker)}</td><td class="num">${e(a.quantity.toLocaleString(lang))}</td><td class="num">${m(a.cost)}</td><td>${e(a.description)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${t.none}</p>`;
  const line = (label: string, v: number) => `<tr><td>${e(label)}</td><td class="num">${m(v)}</td></tr>`;
  const darfs = r.months.filter((x) => x.darf.amount > 0);
  const darfTable = darfs.length
    ? `<table><thead><tr><th>${t.month}</th><th>DARF</th><th>${t.due}</th><th>${t.amount}</th></tr></thead><tbody>${darfs
        .map(
          (x) =>
            `<tr><td>${e(x.month)}</td><td>${e(x.darf.code)}</td><td>${e(x.darf.due_date)}</td><td class="num">${m(x.darf.amount)}${x.darf.rolled_over ? ` (${e(t.rolled)})` : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${t.noDarf}</p>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(t.title(r.year))}</title><style>${CSS}</style></head><body>
<h1>${e(t.title(r.year))}</h1><p class="sub">${e(t.sub)}</p>
<h2>${e(t.bens(r.year))}</h2>${assets}
<h2>${e(t.exempt)}</h2><table><tbody>${line(t.stockGains, r.exempt.stock_gains_under_limit)}${line(t.dividends, r.exempt.dividends)}${line(t.fii, r.exempt.fii_income)}</tbody></table>
<h2>${e(t.excl)}</h2><table><tbody>${line(t.jcp, r.exclusive.jcp_net)}${line(t.jcpWithheld, r.exclusive.jcp_withheld)}</tbody></table>
<h2>${e(t.darfs)}</h2>${darfTable}<p>${e(t.total)}: R$ ${m(r.darf_total)}</p>
</body></html>`;
}
