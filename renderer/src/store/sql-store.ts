import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Output } from '../../../services/contract';
import type { Client } from '../../../services/contract/client';
import { tableCsv } from '../../../services/contract/csv';
import { toUiError, type UiError } from './errors';

export type SqlResult = Output<'sql.query'>;
export type SqlTable = Output<'sql.schema'>['tables'][number];

/** An error of the console: the API's message, and where in the statement PostgreSQL found it. */
export interface SqlError extends UiError {
  position: number | null;
}

export interface SqlState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  tables: SqlTable[];
  schemaError: UiError | null;
  sql: string;
  limit: number;
  running: boolean;
  result: SqlResult | null;
  error: SqlError | null;
  /** Load the tables and columns the console may read (once; again with `force`). */
  loadSchema: (force?: boolean) => Promise<void>;
  setSql: (sql: string) => void;
  setLimit: (limit: number) => void;
  /** A starting query for one table. */
  pickTable: (table: string) => void;
  run: () => Promise<void>;
  /** The last result as CSV (null without one). */
  csv: () => string | null;
}

export const DEFAULT_SQL =
  'SELECT ticker, date, close, volume\nFROM daily_bars\nORDER BY date DESC, volume DESC\nLIMIT 20';

const quoteIdent = (name: string): string =>
  /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;

export function createSqlStore(client: Client): StoreApi<SqlState> {
  return createStore<SqlState>((set, get) => ({
    phase: 'idle',
    tables: [],
    schemaError: null,
    sql: DEFAULT_SQL,
    limit: 1000,
    running: false,
    result: null,
    error: null,
    async loadSchema(force = false) {
      if (!force && (get().phase === 'ready' || get().phase === 'loading')) return;
      set({ phase: 'loading', schemaError: null });
      try {
        const { tables } = await client.call('sql.schema', {});
        set({ phase: 'ready', tables });
      } catch (e) {
        set({ phase: 'failed', schemaError: toUiError(e) });
      }
    },
    setSql: (sql) => set({ sql }),
    setLimit: (limit) => set({ limit }),
    pickTable: (table) => set({ sql: `SELECT *\nFROM ${quoteIdent(table)}\nLIMIT 100` }),
    async run() {
      const { sql, limit, running } = get();
      if (running || !sql.trim()) return;
      set({ running: true, error: null });
      try {
        const result = await client.call('sql.query', { sql, limit });
        set({ running: false, result });
      } catch (e) {
        const ui = toUiError(e);
        const details = (e as { details?: Record<string, unknown> }).details;
        const position = typeof details?.['position'] === 'number' ? details['position'] : null;
        set({ running: false, result: null, error: { ...ui, position } });
      }
    },
    csv() {
      const r = get().result;
      return r
        ? tableCsv(
            r.columns.map((c) => c.name),
            r.rows,
          )
        : null;
    },
  }));
}
