/**
 * What the sync carries. Observations are immutable facts keyed by source, key and as-of date: a
 * push upserts them on their natural key (a re-push of an equal row changes nothing), so every
 * computer pushing to one remote adds to the same union. Each table is pushed in `sync_seq` order
 * (resources/migrations/pg/0007_sync.sql) from the checkpoint the remote keeps per computer.
 */
export interface ObservationTable {
  name: string;
  /** The natural key, when it is not the primary key (tables numbered by a serial `id`). */
  key?: readonly string[];
  /** Columns that stay local (a serial id). */
  local?: readonly string[];
  /** A time series: hypertable on TimescaleDB, else a BRIN index on this column. */
  time?: { column: string; segmentBy: string };
}

export const OBSERVATION_TABLES: readonly ObservationTable[] = [
  { name: 'daily_bars', time: { column: 'date', segmentBy: 'ticker' } },
  { name: 'securities' },
  { name: 'cotahist_files' },
  { name: 'source_bars', time: { column: 'date', segmentBy: 'source, ticker' } },
  { name: 'quotes', time: { column: 'quoted_at', segmentBy: 'source, ticker' } },
  { name: 'fundamentals' },
  { name: 'dividends' },
  { name: 'company_profiles' },
  { name: 'companies' },
  { name: 'statements' },
  { name: 'macro_series', time: { column: 'date', segmentBy: 'source, series' } },
  { name: 'treasury_bonds' },
  { name: 'screener_rows' },
  { name: 'corporate_actions' },
  { name: 'source_items' },
  { name: 'news', key: ['url_key'], local: ['id'] },
  {
    name: 'ai_reports',
    key: ['ticker', 'created_at', 'kind', 'language', 'model_id', 'input_hash'],
    local: ['id'],
  },
  { name: 'insider_trades', time: { column: 'date', segmentBy: 'source, ticker' } },
  { name: 'option_chain', time: { column: 'as_of', segmentBy: 'source, ticker' } },
  { name: 'technical_summaries', time: { column: 'as_of', segmentBy: 'source, ticker, interval' } },
];

/**
 * User-edited tables of the local PostgreSQL synced last-writer-wins by a timestamp column (one line
 * each). A table missing on either side is skipped.
 */
export interface LwwTable {
  name: string;
  key: string;
  updatedAt: string;
}
export const LWW_TABLES: readonly LwwTable[] = [{ name: 'watchlists', key: 'id', updatedAt: 'updated_at' }];

/**
 * Portfolio data (resources/migrations/pg/0005_portfolio.sql): private, never pushed or pulled
 * unless the user turns it on (`--portfolio` / settings `sync.portfolio`).
 */
export const PORTFOLIO_TABLES = [
  'portfolios',
  'portfolio_imports',
  'portfolio_transactions',
  'alert_rules',
  'alert_events',
] as const;

export interface Column {
  name: string;
  /** As `format_type` prints it: `numeric`, `text[]`, `timestamp with time zone`… */
  type: string;
}

export interface TableShape {
  table: ObservationTable;
  /** Columns carried (not `sync_seq`, not local ones), in table order. */
  columns: Column[];
  key: string[];
  snapshotColumn: boolean;
}

/** A safe SQL identifier: our own names only (checked, then quoted). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
}

/** The SQL that lists a table's columns and primary key (runs on PGlite and PostgreSQL alike). */
export const SHAPE_SQL = `
SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       coalesce(a.attnum = ANY (i.indkey), false) AS pk
FROM pg_attribute a
LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;

export interface ShapeRow {
  name: string;
  type: string;
  pk: boolean;
}

export function shapeOf(table: ObservationTable, rows: ShapeRow[]): TableShape {
  const local = new Set(['sync_seq', ...(table.local ?? [])]);
  const columns = rows.filter((r) => !local.has(r.name)).map((r) => ({ name: r.name, type: r.type }));
  return {
    table,
    columns,
    key: [...(table.key ?? rows.filter((r) => r.pk).map((r) => r.name))],
    snapshotColumn: columns.some((c) => c.name === 'snapshot_id'),
  };
}
