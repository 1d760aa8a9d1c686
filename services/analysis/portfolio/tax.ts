import type { TaxCategory, TaxMonth } from '../../contract/portfolio';
import { darfDueDate, nextMonth } from './calendar';
import type { Sale } from './ledger';
import { rulesFor, TAX_RULES, type TaxRules } from './rules';

export const round2 = (x: number): number => Math.round((x + Math.sign(x) * 1e-9) * 100) / 100;

const CATEGORIES: readonly TaxCategory[] = ['common', 'daytrade', 'fii'];

/** Day trades of any class but FIIs are day trade; FII sales (day trade or not) are FII; the rest common. */
export function categoryOf(s: Sale): TaxCategory {
  if (s.asset_class === 'fii') return 'fii';
  return s.daytrade ? 'daytrade' : 'common';
}

function rateOf(c: TaxCategory, r: TaxRules): number {
  return c === 'common' ? r.rateCommon : c === 'daytrade' ? r.rateDaytrade : r.rateFii;
}

/**
 * IRRF of a month's sales per category: what the files stated, else estimated by the rules —
 * 0,005% of each day's sales per broker (not withheld when at most R$ 1,00), 1% of each day's
 * positive day-trade result per broker.
 */
function irrfOf(sales: readonly Sale[], r: TaxRules): Record<TaxCategory, number> {
  const out: Record<TaxCategory, number> = { common: 0, daytrade: 0, fii: 0 };
  const groups = new Map<string, Sale[]>();
  for (const s of sales) {
    const k = `${s.date}|${s.broker}|${categoryOf(s)}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  for (const g of groups.values()) {
    const c = categoryOf(g[0]!);
    const stated = g.filter((s) => s.withheld !== null).reduce((a, s) => a + (s.withheld ?? 0), 0);
    if (g.some((s) => s.withheld !== null)) {
      out[c] += stated;
      continue;
    }
    if (g[0]!.daytrade) {
      const result = g.reduce((a, s) => a + s.gain, 0);
      if (result > 0) out[c] += round2(result * r.irrfDaytrade);
    } else {
      const v = round2(g.reduce((a, s) => a + s.gross, 0) * r.irrfCommon);
      if (v > r.irrfMinimum) out[c] += v;
    }
  }
  return out;
}

export interface TaxState {
  losses: Record<TaxCategory, number>;
  /** IRRF not yet deducted this calendar year. */
  irrf: number;
  /** A DARF below the minimum, waiting for the next month's. */
  rolled: number;
}

export const initialTaxState = (): TaxState => ({
  losses: { common: 0, daytrade: 0, fii: 0 },
  irrf: 0,
  rolled: 0,
});

/** One month's tax from its sales and the state the previous month left. */
export function taxMonth(
  month: string,
  monthSales: readonly Sale[],
  prev: TaxState,
  table = TAX_RULES,
): { month: TaxMonth; state: TaxState } {
  const r = rulesFor(`${month}-01`, table);
  const stockSales = round2(
    monthSales
      .filter((s) => categoryOf(s) === 'common' && s.asset_class === 'stock')
      .reduce((a, s) => a + s.gross, 0),
  );
  const exempt = stockSales <= r.stockSalesExemption;
  const irrf = irrfOf(monthSales, r);
  const losses = { ...prev.losses };
  const categories = CATEGORIES.map((category) => {
    const sales = monthSales.filter((s) => categoryOf(s) === category);
    const gains_by_class: Record<string, number> = {};
    for (const s of sales)
      gains_by_class[s.asset_class] = round2((gains_by_class[s.asset_class] ?? 0) + s.gain);
    const net_result = round2(sales.reduce((a, s) => a + s.gain, 0));
    // The exemption covers the gain of common operations in stocks only; a loss there still carries.
    const stockGain = category === 'common' ? (gains_by_class['stock'] ?? 0) : 0;
    const exempt_gain = exempt && stockGain > 0 ? stockGain : 0;
    const base = round2(net_result - exempt_gain);
    const loss_before = losses[category];
    const loss_used = base > 0 ? Math.min(loss_before, base) : 0;
    const taxable = base > 0 ? round2(base - loss_used) : 0;
    const loss_after = round2(base > 0 ? loss_before - loss_used : loss_before - base);
    losses[category] = loss_after;
    const rate = rateOf(category, r);
    return {
      category,
      sales: round2(sales.reduce((a, s) => a + s.gross, 0)),
      gains_by_class,
      net_result,
      exempt_gain,
      loss_before,
      loss_used: round2(loss_used),
      loss_after,
      taxable,
      rate,
      tax: round2(taxable * rate),
      irrf: round2(irrf[category]),
    };
  });
  const tax = round2(categories.reduce((a, c) => a + c.tax, 0));
  // IRRF withheld this year and not yet used is deducted; the rest waits for a later month of the year.
  const january = month.endsWith('-01');
  const available = round2((january ? 0 : prev.irrf) + categories.reduce((a, c) => a + c.irrf, 0));
  const irrf_used = Math.min(available, tax);
  const tax_due = round2(tax - irrf_used);
  const amount = round2(tax_due + prev.rolled);
  const rolled_over = amount > 0 && amount < r.darfMinimum;
  return {
    month: {
      month,
      rules_version: r.version,
      categories,
      stock_sales: stockSales,
      exempt,
      tax_due,
      irrf_used: round2(irrf_used),
      irrf_carried: round2(available - irrf_used),
      rolled_in: prev.rolled,
      darf: { code: r.darfCode, due_date: darfDueDate(month), amount, rolled_over },
    },
    state: { losses, irrf: round2(available - irrf_used), rolled: rolled_over ? amount : 0 },
  };
}

/** Every month from the first sale through `until` (YYYY-MM), in order. */
export function taxMonths(sales: readonly Sale[], until: string, table = TAX_RULES): TaxMonth[] {
  if (sales.length === 0) return [];
  const first = sales.reduce((m, s) => (s.date < m ? s.date : m), sales[0]!.date).slice(0, 7);
  const out: TaxMonth[] = [];
  let state = initialTaxState();
  for (let m = first; m <= until; m = nextMonth(m)) {
    const res = taxMonth(
      m,
      sales.filter((s) => s.date.startsWith(m)),
      state,
      table,
    );
    out.push(res.month);
    state = res.state;
  }
  return out;
}
