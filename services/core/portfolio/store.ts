import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract/errors';
import type { Portfolio, Transaction } from '../../contract/portfolio';
import type { Pg } from '../storage/pg';
import type { Mapped } from './mappers';

export const DEFAULT_PORTFOLIO = 'Principal';

const PORTFOLIO_COLS = `id::int AS id, name, created_at::text AS created_at, sync_enabled`;

export async function listPortfolios(pg: Pg): Promise<Portfolio[]> {
  return (await pg.query<Portfolio>(`SELECT ${PORTFOLIO_COLS} FROM portfolios ORDER BY id`)).rows;
}

export async function createPortfolio(pg: Pg, name: string): Promise<Portfolio> {
  const r = await pg.query<Portfolio>(
    `INSERT INTO portfolios (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING ${PORTFOLIO_COLS}`,
    [name],
  );
  return r.rows[0]!;
}

/** The portfolio asked for (NOT_FOUND if it does not exist), or the default one, made on first use. */
export async function resolvePortfolio(pg: Pg, id: number | undefined): Promise<Portfolio> {
  if (id === undefined) {
    const first = (await pg.query<Portfolio>(`SELECT ${PORTFOLIO_COLS} FROM portfolios ORDER BY id LIMIT 1`))
      .rows[0];
    return first ?? createPortfolio(pg, DEFAULT_PORTFOLIO);
  }
  const p = (await pg.query<Portfolio>(`SELECT ${PORTFOLIO_COLS} FROM portfolios WHERE id = $1`, [id]))
    .rows[0];
  if (!p) throw new AppError('NOT_FOUND', `no portfolio ${id}`, { fields: ['portfolio_id'] });
  return p;
}

/** Insert a file's rows; a row whose key is already stored (an overlapping re-import) is skipped. */
export async function storeImport(
  pg: Pg,
  portfolioId: number,
  file: { name: string; sha256: string },
  mapped: Mapped,
): Promise<{ added: number; duplicates: number }> {
  return pg.transaction(async (tx) => {
    const imp = await tx.query<{ id: number }>(
      `INSERT INTO portfolio_imports (portfolio_id, file_name, format, sha256, rows, added) VALUES ($1,$2,$3,$4,$5,0) RETURNING id::int AS id`,
      [portfolioId, file.name, mapped.format, file.sha256, mapped.rows],
    );
    const importId = imp.rows[0]!.id;
    let added = 0;
    for (const t of mapped.transactions) {
      const r = await tx.query(
        `INSERT INTO portfolio_transactions (portfolio_id, row_key, date, kind, ticker, quantity, price, amount, fees, withheld, ratio, asset_class, broker, product_name, note, source, import_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) ON CONFLICT (portfolio_id, row_key) DO NOTHING`,
        [
          portfolioId,
          t.row_key,
          t.date,
          t.kind,
          t.ticker,
          t.quantity,
          t.price,
          t.amount,
          t.fees,
          t.withheld,
          t.ratio ?? null,
          t.asset_class ?? null,
          t.broker ?? null,
          t.product_name ?? null,
          t.note ?? null,
          mapped.format,
          importId,
        ],
      );
      added += r.affectedRows ?? 0;
    }
    await tx.query(`UPDATE portfolio_imports SET added = $2 WHERE id = $1`, [importId, added]);
    return { added, duplicates: mapped.transactions.length - added };
  });
}

export async function addManual(pg: Pg, portfolioId: number, t: Transaction): Promise<number> {
  const r = await pg.query<{ id: number }>(
    `INSERT INTO portfolio_transactions (portfolio_id, row_key, date, kind, ticker, quantity, price, amount, fees, withheld, ratio, asset_class, broker, note, source)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'manual') RETURNING id::int AS id`,
    [
      portfolioId,
      `manual:${randomUUID()}`,
      t.date,
      t.kind,
      t.ticker,
      t.quantity,
      t.price,
      t.amount,
      t.fees,
      t.withheld,
      t.ratio ?? null,
      t.asset_class ?? null,
      t.broker ?? null,
      t.note ?? null,
    ],
  );
  return r.rows[0]!.id;
}

export async function deleteTransaction(pg: Pg, portfolioId: number, id: number): Promise<void> {
  const r = await pg.query(`DELETE FROM portfolio_transactions WHERE portfolio_id = $1 AND id = $2`, [
    portfolioId,
    id,
  ]);
  if (!r.affectedRows)
    throw new AppError('NOT_FOUND', `no transaction ${id} in portfolio ${portfolioId}`, { fields: ['id'] });
}

export interface StoredTx extends Transaction {
  id: number;
  source: string;
  product_name: string | null;
}

export async function loadTransactions(pg: Pg, portfolioId: number): Promise<StoredTx[]> {
  const r = await pg.query<Record<string, unknown>>(
    `SELECT id::int AS id, to_char(date,'YYYY-MM-DD') AS date, kind, ticker, quantity::float8 AS quantity, price::float8 AS price,
            amount::float8 AS amount, fees::float8 AS fees, withheld::float8 AS withheld, ratio::float8 AS ratio, asset_class, broker,
            product_name, note, source
     FROM portfolio_transactions WHERE portfolio_id = $1 ORDER BY date, id`,
    [portfolioId],
  );
  return r.rows.map((x) => {
    const t: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (v !== null || k === 'product_name') t[k] = v;
    return t as unknown as StoredTx;
  });
}

/** The last close on or before `date` per ticker, from COTAHIST bars (with the day it is from). */
export async function lastCloses(
  pg: Pg,
  tickers: string[],
  date?: string,
): Promise<Map<string, { close: number; date: string }>> {
  if (tickers.length === 0) return new Map();
  const r = await pg.query<{ ticker: string; close: number; date: string }>(
    `SELECT DISTINCT ON (ticker) ticker, close::float8 AS close, to_char(date,'YYYY-MM-DD') AS date
     FROM daily_bars WHERE ticker = ANY($1::text[]) AND ($2::date IS NULL OR date <= $2::date) ORDER BY ticker, date DESC`,
    [tickers, date ?? null],
  );
  return new Map(r.rows.map((x) => [x.ticker, { close: x.close, date: x.date }]));
}
