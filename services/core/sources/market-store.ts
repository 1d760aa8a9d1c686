import type { Transaction } from '@electric-sql/pglite';
import type { InsiderTradeItem, OptionItem, TechnicalSummaryItem } from '../../sources/models';
import { copyUpsert } from './copy-upsert';
import type { StoreContext } from './source-store';

/** Insider trades, keyed by what the filing says; equal trades of one day numbered 1, 2, … (`seq`). */
export function writeInsiderTrades(tx: Transaction, items: unknown[], c: StoreContext): Promise<number> {
  const seen = new Map<string, number>();
  const rows = (items as InsiderTradeItem[]).map((t) => {
    const k = [t.ticker, t.date, t.insider_group, t.source_operation, t.quantity].join('|');
    const seq = (seen.get(k) ?? 0) + 1;
    seen.set(k, seq);
    return [
      c.source,
      t.ticker,
      t.date,
      t.insider_group,
      t.source_operation,
      t.quantity,
      seq,
      t.company,
      t.operation,
      t.price,
      t.value,
      c.snapshotId,
    ];
  });
  return copyUpsert(tx, {
    table: 'insider_trades',
    columns: [
      'source',
      'ticker',
      'date',
      'insider_group',
      'source_operation',
      'quantity',
      'seq',
      'company',
      'operation',
      'price',
      'value',
      'snapshot_id',
    ],
    key: ['source', 'ticker', 'date', 'insider_group', 'source_operation', 'quantity', 'seq'],
    rows,
  });
}

const OPTION_FIGURES = [
  'last',
  'bid',
  'ask',
  'volume',
  'trades',
  'implied_volatility',
  'delta',
  'gamma',
  'theta',
  'vega',
  'rho',
] as const;

/** One row per option series and trading day. */
export function writeOptionChain(tx: Transaction, items: unknown[], c: StoreContext): Promise<number> {
  return copyUpsert(tx, {
    table: 'option_chain',
    columns: [
      'source',
      'ticker',
      'as_of',
      'underlying',
      'kind',
      'style',
      'strike',
      'expiry',
      ...OPTION_FIGURES,
      'snapshot_id',
    ],
    key: ['source', 'ticker', 'as_of'],
    rows: (items as OptionItem[]).map((o) => [
      c.source,
      o.ticker,
      o.as_of,
      o.underlying,
      o.kind,
      o.style,
      o.strike,
      o.expiry,
      ...OPTION_FIGURES.map((f) => o[f]),
      c.snapshotId,
    ]),
  });
}

/** One row per ticker, interval and reading. */
export function writeTechnicalSummaries(tx: Transaction, items: unknown[], c: StoreContext): Promise<number> {
  return copyUpsert(tx, {
    table: 'technical_summaries',
    columns: [
      'source',
      'ticker',
      'interval',
      'as_of',
      'recommendation',
      'score',
      'osc_recommendation',
      'osc_score',
      'osc_buy',
      'osc_sell',
      'osc_neutral',
      'ma_recommendation',
      'ma_score',
      'ma_buy',
      'ma_sell',
      'ma_neutral',
      'price',
      'change_pct',
      'volume',
      'snapshot_id',
    ],
    key: ['source', 'ticker', 'interval', 'as_of'],
    rows: (items as TechnicalSummaryItem[]).map((t) => [
      c.source,
      t.ticker,
      t.interval,
      t.as_of,
      t.recommendation,
      t.score,
      t.oscillators.recommendation,
      t.oscillators.score,
      t.oscillators.buy,
      t.oscillators.sell,
      t.oscillators.neutral,
      t.moving_averages.recommendation,
      t.moving_averages.score,
      t.moving_averages.buy,
      t.moving_averages.sell,
      t.moving_averages.neutral,
      t.price,
      t.change_pct,
      t.volume,
      c.snapshotId,
    ]),
  });
}
