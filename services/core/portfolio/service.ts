import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../contract/errors';
import type { Position, PortfolioImportSummary, TaxMonth, Transaction } from '../../contract/portfolio';
import { runLedger } from '../../analysis/portfolio/ledger';
import { yearlyReport, type YearlyReport } from '../../analysis/portfolio/report';
import { round2, taxMonths } from '../../analysis/portfolio/tax';
import { nextMonth } from '../../analysis/portfolio/calendar';
import type { Pg } from '../storage/pg';
import { mapTable, pickTable } from './mappers';
import { lastCloses, loadTransactions, storeImport, type StoredTx } from './store';
import { readCsv, readXlsx } from './table-reader';

/** At most this much per imported file: B3's exports are kilobytes; a multi-year one a few MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Read, map and store one file (its real path, and the name to show in messages). */
export async function importPortfolioFile(
  pg: Pg,
  portfolioId: number,
  path: string,
  name = basename(path),
): Promise<PortfolioImportSummary> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new AppError('FILE_NOT_FOUND', `${name}: no such file`, { file: name });
  if (st.size > MAX_IMPORT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', `${name}: larger than ${MAX_IMPORT_BYTES} bytes`, { file: name });
  const data = await readFile(path);
  const zip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;
  const table = zip ? pickTable(await readXlsx(data, name), name) : readCsv(data.toString('utf8'), name);
  const mapped = mapTable(table, name);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const { added, duplicates } = await storeImport(pg, portfolioId, { name, sha256 }, mapped);
  return { file: name, format: mapped.format, rows: mapped.rows, added, duplicates, ignored: mapped.ignored };
}

/**
 * Share events already in the local data (`corporate_actions`: splits and reverse splits) that the
 * portfolio's own rows do not record, applied as splits after the first acquisition.
 */
async function withCorporateActions(pg: Pg, txs: StoredTx[]): Promise<Transaction[]> {
  const tickers = [...new Set(txs.map((t) => t.ticker))];
  if (tickers.length === 0) return txs;
  const r = await pg.query<{ ticker: string; date: string; kind: string; from: number; to: number }>(
    `SELECT DISTINCT ON (ticker, date, kind) ticker, to_char(date,'YYYY-MM-DD') AS date, kind, from_shares::float8 AS "from", to_shares::float8 AS "to"
     FROM corporate_actions WHERE ticker = ANY($1::text[]) AND kind IN ('split','reverse_split') ORDER BY ticker, date, kind, source`,
    [tickers],
  );
  const out: Transaction[] = [...txs];
  for (const a of r.rows) {
    const first = txs.find((t) => t.ticker === a.ticker)?.date;
    if (!first || a.date <= first || !(a.from > 0) || !(a.to > 0)) continue;
    const near = (t: Transaction) =>
      t.ticker === a.ticker &&
      (t.kind === 'split' || t.kind === 'bonus') &&
      Math.abs(Date.parse(t.date) - Date.parse(a.date)) <= 10 * 86_400_000;
    if (txs.some(near)) continue;
    out.push({
      date: a.date,
      kind: 'split',
      ticker: a.ticker,
      quantity: 0,
      price: 0,
      amount: 0,
      fees: 0,
      withheld: 0,
      ratio: a.to / a.from,
      note: 'from local corporate actions',
    });
  }
  return out;
}

const names = (txs: StoredTx[]) =>
  new Map(txs.filter((t) => t.product_name).map((t) => [t.ticker, t.product_name!] as const));

export async function portfolioTransactions(
  pg: Pg,
  portfolioId: number,
): Promise<{ txs: Transaction[]; names: Map<string, string> }> {
  const stored = await loadTransactions(pg, portfolioId);
  return { txs: await withCorporateActions(pg, stored), names: names(stored) };
}

export interface PositionsAnswer {
  date: string;
  positions: Position[];
  total_cost: number;
  market_value: number | null;
  problems: string[];
}

export async function positionsOf(pg: Pg, portfolioId: number, date?: string): Promise<PositionsAnswer> {
  const { txs, names: nm } = await portfolioTransactions(pg, portfolioId);
  const until = date ?? new Date().toISOString().slice(0, 10);
  const problems: string[] = [];
  const ledger = runLedger(txs, { until, names: nm, onProblem: (p) => problems.push(p) });
  const held = [...ledger.holdings.values()]
    .filter((h) => h.quantity > 0)
    .sort((a, b) => a.ticker.localeCompare(b.ticker));
  const closes = await lastCloses(
    pg,
    held.map((h) => h.ticker),
    until,
  );
  const values = held.map((h) => {
    const c = closes.get(h.ticker);
    return c ? c.close * h.quantity : null;
  });
  const priced = values.every((v) => v !== null);
  const total = priced ? values.reduce((a: number, v) => a + (v ?? 0), 0) : null;
  const positions = held.map((h, i) => {
    const c = closes.get(h.ticker);
    const mv = values[i] ?? null;
    return {
      ticker: h.ticker,
      asset_class: h.asset_class,
      class_from: h.class_from,
      quantity: h.quantity,
      average_cost: h.total_cost / h.quantity,
      total_cost: round2(h.total_cost),
      last_price: c?.close ?? null,
      last_price_date: c?.date ?? null,
      market_value: mv === null ? null : round2(mv),
      weight: mv !== null && total ? mv / total : null,
    };
  });
  for (const p of positions)
    if (p.class_from === 'ticker' && p.asset_class === 'fii')
      problems.push(
        `${p.ticker}: taken as a FII from its code alone; enter its class if it is a unit or an ETF`,
      );
  return {
    date: until,
    positions,
    total_cost: round2(held.reduce((a, h) => a + h.total_cost, 0)),
    market_value: total === null ? null : round2(total),
    problems,
  };
}

export async function taxOf(pg: Pg, portfolioId: number, month: string): Promise<TaxMonth> {
  const { txs, names: nm } = await portfolioTransactions(pg, portfolioId);
  const ledger = runLedger(txs, { until: `${month}-31`, names: nm, onProblem: () => {} });
  const found = taxMonths(ledger.sales, month).find((m) => m.month === month);
  if (found) return found;
  // No sale up to that month: a month with nothing due.
  return taxMonths(
    [
      {
        date: `${month}-01`,
        ticker: 'NONE3',
        broker: '',
        asset_class: 'stock',
        daytrade: false,
        quantity: 0,
        gross: 0,
        fees: 0,
        cost: 0,
        gain: 0,
        withheld: 0,
      },
    ],
    month,
  ).find((m) => m.month === month)!;
}

export async function reportOf(pg: Pg, portfolioId: number, year: number): Promise<YearlyReport> {
  const { txs } = await portfolioTransactions(pg, portfolioId);
  return yearlyReport(txs, year, () => {});
}

export { nextMonth };
