import type { AssetClass, Transaction } from '../../contract/portfolio';
import { classify, type Classified } from './classify';

/** One sale as the tax needs it: gross value, cost at the average (or the day's buys for a day trade). */
export interface Sale {
  date: string;
  ticker: string;
  broker: string;
  asset_class: AssetClass;
  daytrade: boolean;
  quantity: number;
  /** quantity × price, before fees (what the R$ 20.000 limit counts). */
  gross: number;
  fees: number;
  cost: number;
  /** gross − fees − cost. */
  gain: number;
  /** IRRF the file stated for this sale, if any (else the tax estimates it from the rules). */
  withheld: number | null;
}

export interface Income {
  date: string;
  ticker: string;
  kind: 'dividend' | 'jcp' | 'fii_income';
  gross: number;
  withheld: number;
  net: number;
}

export interface Holding extends Classified {
  ticker: string;
  quantity: number;
  total_cost: number;
}

export interface LedgerResult {
  holdings: Map<string, Holding>;
  sales: Sale[];
  income: Income[];
  /** Settlement rows of a movements file left out because a trade already explains them. */
  settlementsMatched: number;
}

const DAY_ORDER: Record<string, number> = {
  split: 0,
  bonus: 1,
  transfer_in: 2,
  settlement_in: 2,
  subscription: 2,
  buy: 3,
  sell: 3,
  transfer_out: 4,
  settlement_out: 4,
  fee: 5,
  dividend: 6,
  jcp: 6,
  fii_income: 6,
};

const EPS = 1e-9;

/**
 * Movements-file settlement rows describe trades already made: one is dropped when a trade of the
 * same ticker, side and quantity happened within the 7 days before it, else it counts as the trade.
 */
export function reconcileSettlements(txs: readonly Transaction[]): { list: Transaction[]; matched: number } {
  const trades = txs.filter((t) => t.kind === 'buy' || t.kind === 'sell');
  const used = new Set<Transaction>();
  let matched = 0;
  const list: Transaction[] = [];
  for (const t of txs) {
    if (t.kind !== 'settlement_in' && t.kind !== 'settlement_out') {
      list.push(t);
      continue;
    }
    const side = t.kind === 'settlement_in' ? 'buy' : 'sell';
    const lo = new Date(Date.parse(`${t.date}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
    const trade = trades.find(
      (x) =>
        !used.has(x) &&
        x.kind === side &&
        x.ticker === t.ticker &&
        Math.abs(x.quantity - t.quantity) < EPS &&
        x.date <= t.date &&
        x.date >= lo,
    );
    if (trade) {
      used.add(trade);
      matched++;
    } else list.push({ ...t, kind: side });
  }
  return { list, matched };
}

/**
 * Positions at weighted average cost (fees in the cost of buys, out of the proceeds of sales), day
 * trades told apart per day, ticker and broker, bonus shares at the stated cost, splits keeping the
 * total cost. Transactions after `until` (YYYY-MM-DD, inclusive bound) are ignored.
 */
export function runLedger(
  input: readonly Transaction[],
  opts: {
    until?: string;
    names?: ReadonlyMap<string, string>;
    /** Given: a sale of more than is held is reported here and sells what is held; else it throws. */
    onProblem?: (message: string) => void;
  } = {},
): LedgerResult {
  const { list, matched } = reconcileSettlements(input);
  const txs = list
    .filter((t) => !opts.until || t.date <= opts.until)
    .map((t, i) => ({ t, i }))
    .sort(
      (a, b) =>
        a.t.date.localeCompare(b.t.date) ||
        (DAY_ORDER[a.t.kind] ?? 9) - (DAY_ORDER[b.t.kind] ?? 9) ||
        a.i - b.i,
    )
    .map((x) => x.t);
  const holdings = new Map<string, Holding>();
  const sales: Sale[] = [];
  const income: Income[] = [];
  const hold = (t: Transaction): Holding => {
    let h = holdings.get(t.ticker);
    if (!h) {
      h = {
        ticker: t.ticker,
        quantity: 0,
        total_cost: 0,
        ...classify(
          t.ticker,
          t.asset_class,
          opts.names?.get(t.ticker) ?? (t as { product_name?: string }).product_name,
        ),
      };
      holdings.set(t.ticker, h);
    } else if (t.asset_class && h.class_from !== 'given') Object.assign(h, classify(t.ticker, t.asset_class));
    return h;
  };
  const sellAtAverage = (
    h: Holding,
    t: Transaction,
    qty: number,
    gross: number,
    fees: number,
    withheld: number | null,
  ) => {
    if (qty > h.quantity + EPS) {
      const msg = `${t.date} ${t.ticker}: selling ${qty} but the position holds ${h.quantity}`;
      if (!opts.onProblem) throw new RangeError(msg);
      opts.onProblem(`${msg} (rows missing before this date?)`);
      qty = h.quantity;
    }
    const cost = h.quantity > 0 ? (h.total_cost * qty) / h.quantity : 0;
    h.quantity -= qty;
    h.total_cost -= cost;
    if (h.quantity < EPS) {
      h.quantity = 0;
      h.total_cost = 0;
    }
    sales.push({
      date: t.date,
      ticker: t.ticker,
      broker: t.broker ?? '',
      asset_class: h.asset_class,
      daytrade: false,
      quantity: qty,
      gross,
      fees,
      cost,
      gain: gross - fees - cost,
      withheld,
    });
  };

  for (let i = 0; i < txs.length; i++) {
    const t = txs[i]!;
    const h = hold(t);
    switch (t.kind) {
      case 'split':
        h.quantity *= t.ratio ?? 1;
        break;
      case 'bonus':
      case 'transfer_in':
      case 'subscription':
        h.quantity += t.quantity;
        h.total_cost += t.quantity * t.price + t.fees;
        break;
      case 'transfer_out':
        sellAtAverage(h, t, t.quantity, 0, 0, null);
        sales.pop(); // a custody transfer is not a sale: the cost leaves with the shares
        break;
      case 'fee':
        break;
      case 'dividend':
      case 'jcp':
      case 'fii_income': {
        const gross = t.amount !== 0 ? t.amount : t.quantity * t.price;
        income.push({
          date: t.date,
          ticker: t.ticker,
          kind: t.kind,
          gross,
          withheld: t.withheld,
          net: gross - t.withheld,
        });
        break;
      }
      case 'buy':
      case 'sell': {
        // The day's trades of this ticker at this broker, taken together.
        const group: Transaction[] = [t];
        while (i + 1 < txs.length) {
          const n = txs[i + 1]!;
          if (
            n.date !== t.date ||
            n.ticker !== t.ticker ||
            (n.broker ?? '') !== (t.broker ?? '') ||
            (n.kind !== 'buy' && n.kind !== 'sell')
          )
            break;
          group.push(n);
          i++;
        }
        tradeDay(h, group);
        break;
      }
      default:
        break;
    }
  }

  function tradeDay(h: Holding, group: Transaction[]): void {
    const sum = (side: 'buy' | 'sell') => {
      const g = group.filter((x) => x.kind === side);
      return {
        qty: g.reduce((s, x) => s + x.quantity, 0),
        value: g.reduce((s, x) => s + x.quantity * x.price, 0),
        fees: g.reduce((s, x) => s + x.fees, 0),
        withheld: g.some((x) => x.withheld > 0) ? g.reduce((s, x) => s + x.withheld, 0) : null,
      };
    };
    const b = sum('buy');
    const s = sum('sell');
    const t = group[0]!;
    const dt = Math.min(b.qty, s.qty);
    if (dt > EPS) {
      const bf = dt / b.qty;
      const sf = dt / s.qty;
      const cost = b.value * bf + b.fees * bf;
      const gross = s.value * sf;
      const fees = s.fees * sf;
      sales.push({
        date: t.date,
        ticker: t.ticker,
        broker: t.broker ?? '',
        asset_class: h.asset_class,
        daytrade: true,
        quantity: dt,
        gross,
        fees,
        cost,
        gain: gross - fees - cost,
        withheld: s.withheld === null ? null : s.withheld * sf,
      });
    }
    // What is left of the day's buys joins the position; what is left of its sales leaves at the average.
    if (b.qty - dt > EPS) {
      const f = (b.qty - dt) / b.qty;
      h.quantity += b.qty - dt;
      h.total_cost += (b.value + b.fees) * f;
    }
    if (s.qty - dt > EPS) {
      const f = (s.qty - dt) / s.qty;
      sellAtAverage(h, t, s.qty - dt, s.value * f, s.fees * f, s.withheld === null ? null : s.withheld * f);
    }
  }

  return { holdings, sales, income, settlementsMatched: matched };
}
