/**
 * Test support: a small hand-built company (CVM 99999, fiscal year = calendar year) in the shape of
 * CVM's DFP/ITR lines. Two DFPs (2021, 2022) and three 2023 ITRs; the Q3 ITR has a restatement
 * (version 2) delivered later with different Q3 results. Every ITR carries the quarter and the
 * year-to-date DRE columns and their PENÚLTIMO comparisons, as CVM files them.
 */
import type { DocumentKind, FilingDelivery, StatementLine } from './statement-types';

export interface Results {
  rev: number;
  gross: number;
  ebit: number;
  ni: number;
  parent: number;
}
export interface CashFlow {
  dep: number;
  rou: number;
  capex: number;
}
export interface Balance {
  assets: number;
  ca: number;
  cash: number;
  fi: number;
  cl: number;
  ds: number;
  dl: number;
  eq: number;
  mi: number;
}

interface Head {
  document: DocumentKind;
  ref_date: string;
  version: number;
  consolidated?: boolean;
}

type Order = 'ULTIMO' | 'PENULTIMO';

function line(
  h: Head,
  statement: string,
  order: Order,
  start: string | null,
  end: string,
  code: string,
  name: string,
  value: number,
): StatementLine {
  return {
    cvm_code: '99999',
    document: h.document,
    statement,
    consolidated: h.consolidated ?? true,
    ref_date: h.ref_date,
    version: h.version,
    fiscal_order: order,
    period_start: start,
    period_end: end,
    account_code: code,
    account_name: name,
    value,
  };
}

export function dre(h: Head, order: Order, start: string, end: string, r: Results): StatementLine[] {
  const l = (code: string, name: string, v: number): StatementLine =>
    line(h, 'DRE', order, start, end, code, name, v);
  return [
    l('3.01', 'Receita de Venda de Bens e/ou Serviços', r.rev),
    l('3.02', 'Custo dos Bens e/ou Serviços Vendidos', r.gross - r.rev),
    l('3.03', 'Resultado Bruto', r.gross),
    l('3.05', 'Resultado Antes do Resultado Financeiro e dos Tributos', r.ebit),
    l('3.11', 'Lucro/Prejuízo Consolidado do Período', r.ni),
    l('3.11.01', 'Atribuído a Sócios da Empresa Controladora', r.parent),
    l('3.11.02', 'Atribuído a Sócios Não Controladores', r.ni - r.parent),
  ];
}

export function dfc(h: Head, order: Order, start: string, end: string, c: CashFlow): StatementLine[] {
  const l = (code: string, name: string, v: number): StatementLine =>
    line(h, 'DFC_MI', order, start, end, code, name, v);
  return [
    l('6.01.01.01', 'Lucro líquido do período', 1),
    l('6.01.01.02', 'Depreciação e amortização', c.dep),
    l('6.01.01.03', 'Amortização de direito de uso', c.rou),
    // Not D&A: interest and transaction costs.
    l('6.01.01.04', 'Juros e variações monetárias', 70),
    l('6.01.01.05', 'Amortização de custos de transação', 100),
    l('6.02.01', 'Aquisição de ativo imobilizado', c.capex),
    l('6.02.02', 'Venda de imobilizado', 3),
  ];
}

export function balance(h: Head, order: Order, end: string, b: Balance): StatementLine[] {
  const a = (code: string, name: string, v: number): StatementLine =>
    line(h, 'BPA', order, null, end, code, name, v);
  const p = (code: string, name: string, v: number): StatementLine =>
    line(h, 'BPP', order, null, end, code, name, v);
  return [
    a('1', 'Ativo Total', b.assets),
    a('1.01', 'Ativo Circulante', b.ca),
    a('1.01.01', 'Caixa e Equivalentes de Caixa', b.cash),
    a('1.01.02', 'Aplicações Financeiras', b.fi),
    a('1.02', 'Ativo Não Circulante', b.assets - b.ca),
    p('2', 'Passivo Total', b.assets),
    p('2.01', 'Passivo Circulante', b.cl),
    p('2.01.04', 'Empréstimos e Financiamentos', b.ds),
    p('2.02', 'Passivo Não Circulante', b.dl),
    p('2.02.01', 'Empréstimos e Financiamentos', b.dl),
    p('2.03', 'Patrimônio Líquido Consolidado', b.eq),
    p('2.03.09', 'Participação dos Acionistas Não Controladores', b.mi),
  ];
}

const R = (rev: number, gross: number, ebit: number, ni: number, parent: number): Results => ({
  rev,
  gross,
  ebit,
  ni,
  parent,
});
const add = (...rs: Results[]): Results =>
  rs.reduce((s, r) => R(s.rev + r.rev, s.gross + r.gross, s.ebit + r.ebit, s.ni + r.ni, s.parent + r.parent));

export const Q = {
  q1_22: R(100, 40, 20, 10, 9),
  q2_22: R(110, 44, 22, 11, 10),
  q3_22: R(120, 48, 24, 12, 11),
  q4_22: R(130, 52, 26, 13, 12),
  q1_23: R(140, 56, 28, 14, 13),
  q2_23: R(150, 60, 30, 15, 14),
  q3_23: R(160, 64, 32, 16, 15),
  /** The restated third quarter (version 2). */
  q3_23_v2: R(170, 66, 30, 12, 11),
};
export const FY = {
  fy20: R(350, 140, 70, 35, 31),
  fy21: R(400, 160, 80, 40, 36),
  fy22: add(Q.q1_22, Q.q2_22, Q.q3_22, Q.q4_22),
};

export const B = {
  b20: { assets: 700, ca: 280, cash: 35, fi: 15, cl: 140, ds: 45, dl: 200, eq: 400, mi: 10 },
  b21: { assets: 800, ca: 300, cash: 40, fi: 20, cl: 150, ds: 50, dl: 220, eq: 420, mi: 15 },
  b22: { assets: 900, ca: 350, cash: 45, fi: 25, cl: 180, ds: 55, dl: 230, eq: 460, mi: 18 },
  q1_23: { assets: 950, ca: 370, cash: 48, fi: 26, cl: 190, ds: 58, dl: 235, eq: 470, mi: 19 },
  q2_23: { assets: 980, ca: 390, cash: 49, fi: 28, cl: 195, ds: 59, dl: 238, eq: 490, mi: 19 },
  q3_23: { assets: 1000, ca: 400, cash: 50, fi: 30, cl: 200, ds: 60, dl: 240, eq: 500, mi: 20 },
} satisfies Record<string, Balance>;

const cf = (quarters: number, dep: number, rou: number, capex: number): CashFlow => ({
  dep: dep * quarters,
  rou: rou * quarters,
  capex: capex * quarters,
});
/** D&A 4 + 1 and capex −8 a quarter in 2022; 5 + 1 and −9 in 2023 (DFCs are year-to-date). */
const cf22 = (n: number): CashFlow => cf(n, 4, 1, -8);
const cf23 = (n: number): CashFlow => cf(n, 5, 1, -9);

function itr(
  refDate: string,
  version: number,
  quarterStartDay: string,
  own: Results,
  ytd: Results,
  prior: Results,
  priorYtd: Results,
  n: number,
  b: Balance,
): StatementLine[] {
  const h: Head = { document: 'ITR', ref_date: refDate, version };
  const priorEnd = `2022${refDate.slice(4)}`;
  const priorQuarterStart = `2022${quarterStartDay.slice(4)}`;
  return [
    ...dre(h, 'ULTIMO', quarterStartDay, refDate, own),
    ...(n > 1 ? dre(h, 'ULTIMO', '2023-01-01', refDate, ytd) : []),
    ...dre(h, 'PENULTIMO', priorQuarterStart, priorEnd, prior),
    ...(n > 1 ? dre(h, 'PENULTIMO', '2022-01-01', priorEnd, priorYtd) : []),
    ...dfc(h, 'ULTIMO', '2023-01-01', refDate, cf23(n)),
    ...dfc(h, 'PENULTIMO', '2022-01-01', priorEnd, cf22(n)),
    ...balance(h, 'ULTIMO', refDate, b),
    ...balance(h, 'PENULTIMO', '2022-12-31', B.b22),
  ];
}

function dfp(
  year: number,
  fy: Results,
  priorFy: Results,
  c: CashFlow,
  priorC: CashFlow,
  b: Balance,
  priorB: Balance,
): StatementLine[] {
  const h: Head = { document: 'DFP', ref_date: `${year}-12-31`, version: 1 };
  return [
    ...dre(h, 'ULTIMO', `${year}-01-01`, `${year}-12-31`, fy),
    ...dre(h, 'PENULTIMO', `${year - 1}-01-01`, `${year - 1}-12-31`, priorFy),
    ...dfc(h, 'ULTIMO', `${year}-01-01`, `${year}-12-31`, c),
    ...dfc(h, 'PENULTIMO', `${year - 1}-01-01`, `${year - 1}-12-31`, priorC),
    ...balance(h, 'ULTIMO', `${year}-12-31`, b),
    ...balance(h, 'PENULTIMO', `${year - 1}-12-31`, priorB),
  ];
}

export const LINES: StatementLine[] = [
  ...dfp(2021, FY.fy21, FY.fy20, cf(4, 4, 1, -7.5), cf(4, 3, 1, -7), B.b21, B.b20),
  ...dfp(2022, FY.fy22, FY.fy21, cf22(4), cf(4, 4, 1, -7.5), B.b22, B.b21),
  // The individual DRE of 2022 must be ignored: the filing has consolidated lines.
  ...dre(
    { document: 'DFP', ref_date: '2022-12-31', version: 1, consolidated: false },
    'ULTIMO',
    '2022-01-01',
    '2022-12-31',
    R(999, 999, 999, 999, 999),
  ),
  ...itr('2023-03-31', 1, '2023-01-01', Q.q1_23, Q.q1_23, Q.q1_22, Q.q1_22, 1, B.q1_23),
  ...itr(
    '2023-06-30',
    1,
    '2023-04-01',
    Q.q2_23,
    add(Q.q1_23, Q.q2_23),
    Q.q2_22,
    add(Q.q1_22, Q.q2_22),
    2,
    B.q2_23,
  ),
  ...itr(
    '2023-09-30',
    1,
    '2023-07-01',
    Q.q3_23,
    add(Q.q1_23, Q.q2_23, Q.q3_23),
    Q.q3_22,
    add(Q.q1_22, Q.q2_22, Q.q3_22),
    3,
    B.q3_23,
  ),
  ...itr(
    '2023-09-30',
    2,
    '2023-07-01',
    Q.q3_23_v2,
    add(Q.q1_23, Q.q2_23, Q.q3_23_v2),
    Q.q3_22,
    add(Q.q1_22, Q.q2_22, Q.q3_22),
    3,
    B.q3_23,
  ),
];

export const DELIVERIES: FilingDelivery[] = [
  { document: 'DFP', ref_date: '2021-12-31', version: 1, delivered_at: '2022-03-20T18:00:00-03:00' },
  { document: 'DFP', ref_date: '2022-12-31', version: 1, delivered_at: '2023-03-15' },
  { document: 'ITR', ref_date: '2023-03-31', version: 1, delivered_at: '2023-05-10' },
  { document: 'ITR', ref_date: '2023-06-30', version: 1, delivered_at: '2023-08-10' },
  { document: 'ITR', ref_date: '2023-09-30', version: 1, delivered_at: '2023-11-10' },
  { document: 'ITR', ref_date: '2023-09-30', version: 2, delivered_at: '2024-01-20' },
];

/** A 2018 DFP (with 2017 as PENÚLTIMO) for the five-year growth rates. */
export const DFP_2018: StatementLine[] = [
  ...dre(
    { document: 'DFP', ref_date: '2018-12-31', version: 1 },
    'ULTIMO',
    '2018-01-01',
    '2018-12-31',
    R(300, 120, 60, 26, 24),
  ),
  ...dre(
    { document: 'DFP', ref_date: '2018-12-31', version: 1 },
    'PENULTIMO',
    '2017-01-01',
    '2017-12-31',
    R(250, 100, 50, 22, 20),
  ),
];
