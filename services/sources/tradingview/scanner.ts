import { z } from 'zod';
import type { RequestSpec } from '../define';
import { layoutChanged, SourceError } from '../errors';
import { readJson, type RawPayload } from '../raw';

/**
 * TradingView's screener endpoint (`POST /brazil/scan`): one row per symbol, `d` holding the values
 * of the requested `columns` in request order. The columns are ours, so the answer is read by
 * position, and held to its shape: one value per column, a number or null, the symbol we asked.
 */
export const OSCILLATOR_COLUMNS = [
  'RSI',
  'RSI[1]',
  'Stoch.K',
  'Stoch.D',
  'Stoch.K[1]',
  'Stoch.D[1]',
  'CCI20',
  'CCI20[1]',
  'ADX',
  'ADX+DI',
  'ADX-DI',
  'ADX+DI[1]',
  'ADX-DI[1]',
  'AO',
  'AO[1]',
  'AO[2]',
  'Mom',
  'Mom[1]',
  'MACD.macd',
  'MACD.signal',
  'Rec.Stoch.RSI',
  'Rec.WR',
  'Rec.BBPower',
  'Rec.UO',
] as const;

export const MA_LENGTHS = [10, 20, 30, 50, 100, 200] as const;
export const MOVING_AVERAGE_COLUMNS = [
  ...MA_LENGTHS.flatMap((n) => [`EMA${n}`, `SMA${n}`]),
  'Rec.Ichimoku',
  'Rec.VWMA',
  'Rec.HullMA9',
] as const;

export const SUMMARY_COLUMNS = ['Recommend.All', 'Recommend.Other', 'Recommend.MA'] as const;
export const QUOTE_COLUMNS = [
  'close',
  'change',
  'change_abs',
  'open',
  'high',
  'low',
  'volume',
  'market_cap_basic',
  'currency',
  'description',
] as const;

export const COLUMNS: readonly string[] = [
  ...SUMMARY_COLUMNS,
  ...OSCILLATOR_COLUMNS,
  ...MOVING_AVERAGE_COLUMNS,
  ...QUOTE_COLUMNS,
];

/** B3 tickers are listed under the BMFBOVESPA exchange prefix. */
export const symbolOf = (ticker: string): string => `BMFBOVESPA:${ticker}`;

export function scanRequest(baseUrl: string, ticker: string): RequestSpec {
  return {
    url: `${baseUrl}/brazil/scan`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      symbols: { tickers: [symbolOf(ticker)], query: { types: [] } },
      columns: COLUMNS,
    }),
    encoding: 'utf-8',
    maxBytes: 1_000_000,
  };
}

const Cell = z.union([z.number().finite(), z.string(), z.null()]);
const Answer = z.object({
  totalCount: z.number().int().nonnegative(),
  data: z.array(z.object({ s: z.string(), d: z.array(Cell) })),
});

export type ScanRow = ReadonlyMap<string, number | string | null>;

/** The row of `ticker`, column name → value; NOT_FOUND when the scanner does not list it. */
export function readScan(raw: RawPayload, ticker: string): ScanRow {
  const parsed = Answer.safeParse(readJson(raw, 'tradingview scan'));
  if (!parsed.success) throw layoutChanged('tradingview scan: the answer is not {totalCount, data:[{s, d}]}');
  const { data } = parsed.data;
  if (data.length === 0) throw new SourceError('NOT_FOUND', `TradingView lists no ${symbolOf(ticker)}`);
  if (data.length > 1) throw layoutChanged(`tradingview scan: ${data.length} rows for one symbol`);
  const row = data[0]!;
  if (row.s !== symbolOf(ticker)) {
    throw layoutChanged(`tradingview scan: the row is for ${row.s}, ${symbolOf(ticker)} was asked`);
  }
  if (row.d.length !== COLUMNS.length) {
    throw layoutChanged(`tradingview scan: ${row.d.length} values for ${COLUMNS.length} columns`);
  }
  return new Map(COLUMNS.map((c, i) => [c, row.d[i] ?? null]));
}

/** A number column (null when the scanner has none); a string where a number is due is a layout change. */
export function num(row: ScanRow, column: string): number | null {
  const v = row.get(column);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number') throw layoutChanged(`tradingview scan: ${column} is not a number`);
  return v;
}

export function text(row: ScanRow, column: string): string | null {
  const v = row.get(column);
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw layoutChanged(`tradingview scan: ${column} is not a text`);
  return v;
}
