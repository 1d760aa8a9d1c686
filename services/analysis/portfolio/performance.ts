import type { Transaction } from '../../contract/portfolio';
import { runLedger } from './ledger';

export type PriceAt = (ticker: string, date: string) => number | null;

export interface MonthPerformance {
  month: string;
  /** Positions at the month's last close on record; null when a held ticker has no price. */
  value: number | null;
  /** Money put in (buys, fees) minus money taken out (sales) in the month. */
  net_flow: number;
  income: number;
  /** Modified Dietz: (V1 + income − V0 − F) / (V0 + F/2); null without values. */
  return: number | null;
}

export interface Performance {
  months: MonthPerformance[];
  /** Chain-linked monthly returns; null when a month could not be valued. */
  twr: number | null;
  /** Money-weighted: the yearly rate that zeroes the flows and the final value (XIRR). */
  mwr_annual: number | null;
}

const monthEnd = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};
const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** The cash a transaction moves into (+) or out of (−) the portfolio, and the income it pays. */
function flowOf(t: Transaction): { flow: number; income: number } {
  if (t.kind === 'buy' || t.kind === 'subscription' || t.kind === 'settlement_in')
    return { flow: t.quantity * t.price + t.fees, income: 0 };
  if (t.kind === 'bonus') return { flow: t.quantity * t.price, income: 0 };
  if (t.kind === 'sell' || t.kind === 'settlement_out')
    return { flow: -(t.quantity * t.price - t.fees), income: 0 };
  if (t.kind === 'dividend' || t.kind === 'jcp' || t.kind === 'fii_income') {
    const gross = t.amount !== 0 ? t.amount : t.quantity * t.price;
    return { flow: 0, income: gross - t.withheld };
  }
  return { flow: 0, income: 0 };
}

/** Yearly rate r with Σ cf·(1+r)^(−days/365) = 0, by bisection on (−99%, 1000%); null if none. */
export function xirr(flows: readonly { date: string; amount: number }[]): number | null {
  if (!flows.some((f) => f.amount > 0) || !flows.some((f) => f.amount < 0)) return null;
  const t0 = Date.parse(flows[0]!.date);
  const npv = (r: number) =>
    flows.reduce((a, f) => a + f.amount / Math.pow(1 + r, (Date.parse(f.date) - t0) / (365 * 86_400_000)), 0);
  let lo = -0.99;
  let hi = 10;
  if (npv(lo) * npv(hi) > 0) return null;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (npv(lo) * npv(mid) <= 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Monthly values, returns (time- and money-weighted) and income from `from` to `to` (YYYY-MM). */
export function performance(
  txs: readonly Transaction[],
  price: PriceAt,
  from: string,
  to: string,
): Performance {
  const months: MonthPerformance[] = [];
  let prev: number | null = 0;
  for (let m = from; m <= to; m = nextMonth(m)) {
    const end = monthEnd(m);
    const holdings = runLedger(txs, { until: end, onProblem: () => {} }).holdings;
    let value: number | null = 0;
    for (const h of holdings.values()) {
      if (h.quantity <= 0) continue;
      const p = price(h.ticker, end);
      value = p === null || value === null ? null : value + p * h.quantity;
    }
    const inMonth = txs.filter((t) => t.date.startsWith(m)).map(flowOf);
    const net_flow = inMonth.reduce((a, f) => a + f.flow, 0);
    const income = inMonth.reduce((a, f) => a + f.income, 0);
    const base = prev === null ? null : prev + net_flow / 2;
    const ret = value === null || prev === null || !base ? null : (value + income - prev - net_flow) / base;
    months.push({ month: m, value, net_flow, income, return: ret });
    prev = value;
  }
  // Any month that could not be valued breaks the chain.
  const twr = months.some((x) => x.value === null)
    ? null
    : months.reduce((a, x) => a * (1 + (x.return ?? 0)), 1) - 1;
  const flows = txs
    .filter((t) => t.date >= `${from}-01` && t.date <= monthEnd(to))
    .map((t) => ({ date: t.date, f: flowOf(t) }))
    .map((x) => ({ date: x.date, amount: -x.f.flow + x.f.income }))
    .filter((x) => x.amount !== 0)
    .sort((a, b) => a.date.localeCompare(b.date));
  const last = months[months.length - 1];
  const mwr =
    last?.value === null || last === undefined
      ? null
      : xirr([...flows, { date: monthEnd(to), amount: last.value }]);
  return { months, twr, mwr_annual: mwr };
}

/** A benchmark's return over the window: compounded periodic rates in percent (CDI daily, IPCA monthly). */
export function compoundPercent(rates: readonly number[]): number {
  return rates.reduce((a, r) => a * (1 + r / 100), 1) - 1;
}
