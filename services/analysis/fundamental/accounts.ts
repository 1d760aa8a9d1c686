/**
 * The CVM standard accounts the computation reads, and how each filing's lines become named items.
 *
 * Codes are CVM's fixed layout for commercial and industrial companies. Every account's name is
 * checked too: banks and insurers file another layout under the same codes (their 3.05 is the
 * result before taxes, their 1.01 is cash), so a line whose name does not fit is not used and the
 * metrics that need it come out null instead of wrong.
 *
 * - Flows (DRE): 3.01 revenue, 3.03 gross profit, 3.05 EBIT (resultado antes do resultado
 *   financeiro e dos tributos), 3.11 consolidated net income; `net_income_parent` is 3.11.01
 *   (attributable to the controlling shareholders) where the filing has it, else 3.11 (individual
 *   statements: the parent's income).
 * - D&A (DFC_MI, else DFC_MD): the sum of the direct children of 6.01.01 whose name says
 *   "Deprecia…", "Amortiza…" or "Exaust…" (their sub-codes vary by company), leaving out lines about
 *   interest, loans, debentures and transaction costs.
 * - Capex (DFC): minus the sum of the direct children of 6.02 that acquire/add fixed or intangible
 *   assets ("Aquisição de imobilizado", "Adições ao intangível"…), leaving out sales and disposals.
 * - Balance (BPA/BPP): 1 total assets, 1.01 current assets, 1.01.01 cash and equivalents, 1.01.02
 *   short-term financial investments, 2.01 current liabilities, 2.01.04 / 2.02.01 loans and
 *   financing (short / long term, debentures and leases included as CVM files them), 2.03 equity
 *   (consolidated, with minorities), and the 2.03.xx line of non-controlling interests.
 */
import type { Filing } from './filings';
import type { StatementLine } from './statement-types';

export type FlowItem =
  'revenue' | 'gross_profit' | 'ebit' | 'net_income' | 'net_income_parent' | 'da' | 'capex';
export type BalanceItem =
  | 'total_assets'
  | 'current_assets'
  | 'cash'
  | 'financial_investments'
  | 'current_liabilities'
  | 'debt_short'
  | 'debt_long'
  | 'equity'
  | 'minority_interest';

export interface ItemRow<I extends string> {
  item: I;
  start: string | null;
  end: string;
  value: number;
}

/** Lower case without accents, for name tests. */
export function plain(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Account<I extends string> {
  item: I;
  statements: readonly string[];
  code: string | RegExp;
  name: RegExp;
  not?: RegExp;
}

const NOT_BANK = /intermediacao financeira/;
const NOT_NONCURRENT = /nao circulante/;
const DEBT = /emprestimo|financiamento/;

const FLOW_ACCOUNTS: readonly Account<FlowItem>[] = [
  { item: 'revenue', statements: ['DRE'], code: '3.01', name: /receita/, not: NOT_BANK },
  { item: 'gross_profit', statements: ['DRE'], code: '3.03', name: /resultado bruto/, not: NOT_BANK },
  { item: 'ebit', statements: ['DRE'], code: '3.05', name: /antes do resultado financeiro/ },
  { item: 'net_income', statements: ['DRE'], code: '3.11', name: /lucro|prejuizo|resultado liquido/ },
];

const BALANCE_ACCOUNTS: readonly Account<BalanceItem>[] = [
  { item: 'total_assets', statements: ['BPA'], code: '1', name: /ativo total/ },
  { item: 'current_assets', statements: ['BPA'], code: '1.01', name: /circulante/, not: NOT_NONCURRENT },
  { item: 'cash', statements: ['BPA'], code: '1.01.01', name: /caixa/ },
  { item: 'financial_investments', statements: ['BPA'], code: '1.01.02', name: /aplicac/ },
  { item: 'current_liabilities', statements: ['BPP'], code: '2.01', name: /circulante/, not: NOT_NONCURRENT },
  { item: 'debt_short', statements: ['BPP'], code: '2.01.04', name: DEBT },
  { item: 'debt_long', statements: ['BPP'], code: '2.02.01', name: DEBT },
  { item: 'equity', statements: ['BPP'], code: '2.03', name: /patrimonio liquido/ },
  { item: 'minority_interest', statements: ['BPP'], code: /^2\.03\.\d+$/, name: /nao controlador/ },
];

const DFC = ['DFC_MI', 'DFC_MD'];
/** Summed accounts: every matching line of a period adds up. */
const SUMMED: readonly Account<FlowItem>[] = [
  {
    item: 'da',
    statements: DFC,
    code: /^6\.01\.01\.\d+$/,
    name: /deprecia|amortiza|exaust/,
    not: /juros|emprest|financiament|debenture|captac|transac/,
  },
  {
    item: 'capex',
    statements: DFC,
    code: /^6\.02\.\d+$/,
    name: /(aquisi|adic|compra|investimento|aplicac).*(imobilizad|intangive)/,
    not: /venda|alienac|baixa|recebimento/,
  },
];

function matches<I extends string>(a: Account<I>, l: StatementLine): boolean {
  if (!a.statements.includes(l.statement)) return false;
  if (typeof a.code === 'string' ? l.account_code !== a.code : !a.code.test(l.account_code)) return false;
  const name = plain(l.account_name);
  return a.name.test(name) && !(a.not?.test(name) ?? false);
}

const periodKey = (l: StatementLine): string => `${l.fiscal_order}|${l.period_start ?? ''}|${l.period_end}`;

/** The flow items of one filing, one row per item and period (ÚLTIMO and PENÚLTIMO alike). */
export function flowRows(filing: Filing): ItemRow<FlowItem>[] {
  const rows: ItemRow<FlowItem>[] = [];
  const parentByPeriod = new Map<string, number>();
  const sums = new Map<string, ItemRow<FlowItem>>();
  const dfcUsed = DFC.find((s) => filing.lines.some((l) => l.statement === s));
  for (const l of filing.lines) {
    if (l.period_start === null) continue;
    for (const a of FLOW_ACCOUNTS) {
      if (matches(a, l))
        rows.push({ item: a.item, start: l.period_start, end: l.period_end, value: l.value });
    }
    if (l.statement === 'DRE' && l.account_code === '3.11.01') {
      const name = plain(l.account_name);
      if (/controlador/.test(name) && !/nao controlador/.test(name))
        parentByPeriod.set(periodKey(l), l.value);
    }
    for (const a of SUMMED) {
      if (l.statement !== dfcUsed || !matches(a, l)) continue;
      const k = `${a.item}|${periodKey(l)}`;
      const sign = a.item === 'capex' ? -1 : 1;
      const seen = sums.get(k);
      if (seen) seen.value += sign * l.value;
      else sums.set(k, { item: a.item, start: l.period_start, end: l.period_end, value: sign * l.value });
    }
  }
  for (const l of filing.lines) {
    if (l.period_start === null || l.statement !== 'DRE' || l.account_code !== '3.11') continue;
    const parent = parentByPeriod.get(periodKey(l));
    rows.push({
      item: 'net_income_parent',
      start: l.period_start,
      end: l.period_end,
      value: parent ?? l.value,
    });
  }
  return [...rows, ...sums.values()];
}

/** The balance-sheet items of one filing, one row per item and date. */
export function balanceRows(filing: Filing): ItemRow<BalanceItem>[] {
  const rows: ItemRow<BalanceItem>[] = [];
  for (const l of filing.lines) {
    for (const a of BALANCE_ACCOUNTS) {
      if (matches(a, l)) rows.push({ item: a.item, start: null, end: l.period_end, value: l.value });
    }
  }
  return rows;
}
