import type { Transaction } from '../../contract/portfolio';
import { runLedger } from './ledger';
import { round2, taxMonths } from './tax';

/**
 * DIRPF codes (the 2024 program's tables). Stocks: Bens e Direitos group 03, code 01; FII units:
 * group 07, code 03. ETFs and BDRs are left without a code here: check the year's program.
 */
const BENS_CODES: Record<string, { group: string; code: string } | undefined> = {
  stock: { group: '03', code: '01' },
  fii: { group: '07', code: '03' },
};

export interface YearlyReport {
  year: number;
  assets: {
    ticker: string;
    asset_class: string;
    quantity: number;
    cost: number;
    group: string | null;
    code: string | null;
    description: string;
  }[];
  /** Rendimentos isentos: gains on stock sales in exempt months (code 20), dividends (09), FII income (99/26). */
  exempt: { stock_gains_under_limit: number; dividends: number; fii_income: number };
  /** Rendimentos sujeitos à tributação exclusiva: JCP (code 10), net of the 15% withheld. */
  exclusive: { jcp_net: number; jcp_withheld: number };
  darf_total: number;
  months: ReturnType<typeof taxMonths>;
}

export function yearlyReport(
  txs: readonly Transaction[],
  year: number,
  onProblem?: (message: string) => void,
): YearlyReport {
  const end = `${year}-12-31`;
  const ledger = runLedger(txs, { until: end, ...(onProblem ? { onProblem } : {}) });
  const months = taxMonths(ledger.sales, `${year}-12`).filter((m) => m.month.startsWith(`${year}-`));
  const assets = [...ledger.holdings.values()]
    .filter((h) => h.quantity > 0)
    .sort((a, b) => a.ticker.localeCompare(b.ticker))
    .map((h) => {
      const c = BENS_CODES[h.asset_class];
      const cost = round2(h.total_cost);
      return {
        ticker: h.ticker,
        asset_class: h.asset_class,
        quantity: h.quantity,
        cost,
        group: c?.group ?? null,
        code: c?.code ?? null,
        description: `${h.quantity} ${h.ticker}, custo médio R$ ${(h.total_cost / h.quantity).toFixed(2).replace('.', ',')}`,
      };
    });
  const inYear = ledger.income.filter((i) => i.date.startsWith(`${year}-`));
  const sum = (xs: number[]) => round2(xs.reduce((a, x) => a + x, 0));
  return {
    year,
    assets,
    exempt: {
      stock_gains_under_limit: sum(
        months.map((m) => m.categories.find((c) => c.category === 'common')?.exempt_gain ?? 0),
      ),
      dividends: sum(inYear.filter((i) => i.kind === 'dividend').map((i) => i.net)),
      fii_income: sum(inYear.filter((i) => i.kind === 'fii_income').map((i) => i.net)),
    },
    exclusive: {
      jcp_net: sum(inYear.filter((i) => i.kind === 'jcp').map((i) => i.net)),
      jcp_withheld: sum(inYear.filter((i) => i.kind === 'jcp').map((i) => i.withheld)),
    },
    darf_total: sum(months.filter((m) => !m.darf.rolled_over).map((m) => m.darf.amount)),
    months,
  };
}
