import type { Transaction } from '@electric-sql/pglite';
import type { ModelName } from '../../sources/models';
import type {
  CompanyItem,
  CorporateActionItem,
  CompanyProfileItem,
  DailyBarItem,
  DividendItem,
  FundamentalsItem,
  MacroPointItem,
  QuoteItem,
  ScreenerItem,
  StatementItem,
  TreasuryBondItem,
} from '../../sources/models';
import type { Pg } from '../storage/pg';
import { copyUpsert, type Cell } from './copy-upsert';
import { writeInsiderTrades, writeOptionChain, writeTechnicalSummaries } from './market-store';
import { writeNews } from './news-store';

export interface StoreContext {
  source: string;
  snapshotId: number;
  fetchedAt: string;
}

type Writer = (tx: Transaction, items: unknown[], c: StoreContext) => Promise<number>;

function fundamentalRows(
  item: FundamentalsItem | ScreenerItem,
  c: StoreContext,
  layout: string,
  asOf: string | null,
): Cell[][] {
  const rows: Cell[][] = [];
  const push = (metric: string, v: number | string | null, unit: string | null = null): void => {
    rows.push([
      c.source,
      item.ticker,
      c.snapshotId,
      metric,
      typeof v === 'number' ? v : null,
      typeof v === 'string' ? v : null,
      asOf,
      layout,
      c.fetchedAt,
      unit,
    ]);
  };
  for (const [k, v] of Object.entries(item.values)) push(k, v);
  if ('extra' in item) {
    for (const [k, v] of Object.entries(item.extra)) push(`extra:${k}`, v, item.extra_units?.[k] ?? null);
  }
  return rows;
}

const FUNDAMENTAL_COLUMNS = [
  'source',
  'ticker',
  'snapshot_id',
  'metric',
  'value_num',
  'value_text',
  'as_of',
  'layout',
  'fetched_at',
  'unit',
];

/** How each model's items land in PGlite. Every row carries the snapshot it came from. */
const WRITERS: Record<ModelName, Writer> = {
  'daily-bars': (tx, items, c) =>
    copyUpsert(tx, {
      table: 'source_bars',
      columns: [
        'source',
        'ticker',
        'date',
        'open',
        'high',
        'low',
        'close',
        'adj_close',
        'volume',
        'currency',
        'snapshot_id',
      ],
      key: ['source', 'ticker', 'date'],
      rows: (items as DailyBarItem[]).map((b) => [
        c.source,
        b.ticker,
        b.date,
        b.open,
        b.high,
        b.low,
        b.close,
        b.adj_close,
        b.volume,
        b.currency,
        c.snapshotId,
      ]),
    }),
  quote: (tx, items, c) =>
    copyUpsert(tx, {
      table: 'quotes',
      columns: [
        'source',
        'ticker',
        'quoted_at',
        'price',
        'change',
        'change_pct',
        'previous_close',
        'open',
        'high',
        'low',
        'volume',
        'market_cap',
        'currency',
        'name',
        'snapshot_id',
      ],
      key: ['source', 'ticker', 'quoted_at'],
      rows: (items as QuoteItem[]).map((q) => [
        c.source,
        q.ticker,
        q.quoted_at,
        q.price,
        q.change,
        q.change_pct,
        q.previous_close,
        q.open,
        q.high,
        q.low,
        q.volume,
        q.market_cap,
        q.currency,
        q.name,
        c.snapshotId,
      ]),
    }),
  fundamentals: async (tx, items, c) => {
    await tx.query('DELETE FROM fundamentals WHERE source = $1 AND snapshot_id = $2', [
      c.source,
      c.snapshotId,
    ]);
    return copyUpsert(tx, {
      table: 'fundamentals',
      columns: FUNDAMENTAL_COLUMNS,
      key: ['source', 'ticker', 'snapshot_id', 'metric'],
      rows: (items as FundamentalsItem[]).flatMap((f) => fundamentalRows(f, c, f.layout, f.as_of)),
    });
  },
  screener: async (tx, items, c) => {
    await tx.query('DELETE FROM screener_rows WHERE source = $1 AND snapshot_id = $2', [
      c.source,
      c.snapshotId,
    ]);
    return copyUpsert(tx, {
      table: 'screener_rows',
      columns: ['source', 'ticker', 'snapshot_id', 'data', 'fetched_at'],
      key: ['source', 'snapshot_id', 'ticker'],
      rows: (items as ScreenerItem[]).map((s) => [c.source, s.ticker, c.snapshotId, s.values, c.fetchedAt]),
    });
  },
  dividends: (tx, items, c) =>
    copyUpsert(tx, {
      table: 'dividends',
      columns: [
        'source',
        'ticker',
        'type',
        'source_type',
        'ex_date',
        'payment_date',
        'value',
        'per_shares',
        'instalment',
        'snapshot_id',
      ],
      key: ['source', 'ticker', 'ex_date', 'type', 'value', 'per_shares', 'instalment'],
      rows: numberInstalments(items as DividendItem[]).map(([d, n]) => [
        c.source,
        d.ticker,
        d.type,
        d.source_type,
        d.ex_date,
        d.payment_date,
        d.value,
        d.per_shares,
        n,
        c.snapshotId,
      ]),
    }),
  'company-profile': (tx, items, c) =>
    copyUpsert(tx, {
      table: 'company_profiles',
      columns: ['source', 'ticker', 'data', 'fetched_at', 'snapshot_id'],
      key: ['source', 'ticker'],
      rows: (items as CompanyProfileItem[]).map((p) => [c.source, p.ticker, p, c.fetchedAt, c.snapshotId]),
    }),
  companies: (tx, items, c) =>
    copyUpsert(tx, {
      table: 'companies',
      columns: [
        'cvm_code',
        'cnpj',
        'name',
        'trading_name',
        'status',
        'sector',
        'registered_at',
        'cancelled_at',
        'category',
        'controller_kind',
        'snapshot_id',
      ],
      key: ['cvm_code'],
      rows: (items as CompanyItem[]).map((o) => [
        o.cvm_code,
        o.cnpj,
        o.name,
        o.trading_name,
        o.status,
        o.sector,
        o.registered_at,
        o.cancelled_at,
        o.category,
        o.controller_kind,
        c.snapshotId,
      ]),
    }),
  statements: (tx, items, c) =>
    copyUpsert(tx, {
      table: 'statements',
      columns: [
        'cvm_code',
        'document',
        'statement',
        'consolidated',
        'ref_date',
        'version',
        'fiscal_order',
        'account_code',
        'period_start',
        'period_end',
        'account_name',
        'value',
        'fixed_account',
        'delivered_at',
        'cnpj',
        'company',
        'snapshot_id',
      ],
      key: [
        'cvm_code',
        'document',
        'statement',
        'consolidated',
        'ref_date',
        'version',
        'fiscal_order',
        'account_code',
      ],
      rows: (items as StatementItem[]).map((s) => [
        s.cvm_code,
        s.document,
        s.statement,
        s.consolidated,
        s.ref_date,
        s.version,
        s.fiscal_order,
        s.account_code,
        s.period_start,
        s.period_end,
        s.account_name,
        s.value,
        s.fixed_account,
        s.delivered_at,
        s.cnpj,
        s.company,
        c.snapshotId,
      ]),
    }),
  'macro-series': (tx, items, c) =>
    copyUpsert(tx, {
      table: 'macro_series',
      columns: ['source', 'series', 'date', 'value', 'snapshot_id'],
      key: ['source', 'series', 'date'],
      rows: (items as MacroPointItem[]).map((m) => [c.source, m.series, m.date, m.value, c.snapshotId]),
    }),
  'treasury-bonds': (tx, items, c) =>
    copyUpsert(tx, {
      table: 'treasury_bonds',
      columns: [
        'bond_type',
        'maturity',
        'base_date',
        'buy_rate',
        'sell_rate',
        'buy_price',
        'sell_price',
        'base_price',
        'snapshot_id',
      ],
      key: ['bond_type', 'maturity', 'base_date'],
      rows: (items as TreasuryBondItem[]).map((t) => [
        t.bond_type,
        t.maturity,
        t.base_date,
        t.buy_rate,
        t.sell_rate,
        t.buy_price,
        t.sell_price,
        t.base_price,
        c.snapshotId,
      ]),
    }),
  'insider-trades': writeInsiderTrades,
  'option-chain': writeOptionChain,
  'technical-summary': writeTechnicalSummaries,
  news: writeNews,
  'corporate-actions': (tx, items, c) =>
    copyUpsert(tx, {
      table: 'corporate_actions',
      columns: ['source', 'ticker', 'date', 'date_basis', 'kind', 'from_shares', 'to_shares', 'snapshot_id'],
      key: ['source', 'ticker', 'date', 'kind'],
      rows: (items as CorporateActionItem[]).map((a) => [
        c.source,
        a.ticker,
        a.date,
        a.date_basis,
        a.kind,
        a.from,
        a.to,
        c.snapshotId,
      ]),
    }),
};

/** Store validated items of one model in one transaction; all or nothing. */
export async function storeItems(
  pg: Pg,
  model: ModelName,
  items: unknown[],
  c: StoreContext,
): Promise<number> {
  return pg.transaction((tx) => WRITERS[model](tx, items, c));
}

/** Equal dividend rows (an instalment plan) numbered 1, 2, … in payment-date order. */
function numberInstalments(items: readonly DividendItem[]): [DividendItem, number][] {
  const key = (d: DividendItem): string => [d.ticker, d.ex_date, d.type, d.value, d.per_shares].join('|');
  const sorted = [...items].sort(
    (a, b) => key(a).localeCompare(key(b)) || (a.payment_date ?? '').localeCompare(b.payment_date ?? ''),
  );
  const seen = new Map<string, number>();
  return sorted.map((d) => {
    const n = (seen.get(key(d)) ?? 0) + 1;
    seen.set(key(d), n);
    return [d, n];
  });
}
