import { AppError, DEFAULT_COTAHIST_MARKETS } from '../../contract';
import { decodeRecord } from '../../core/cotahist/decode';
import { marketFilter } from '../../core/cotahist/filter';
import { CotahistScanner } from '../../core/cotahist/scanner';
import { defineFetcher } from '../define';
import { SourceError } from '../errors';
import type { DailyBarItem } from '../models';
import type { SourceQuery } from '../query';
import { readZipEntries } from '../shared/zip';

const ZIP_MAGIC = 0x04034b50;
const pad = (n: number): string => String(n).padStart(2, '0');

/** B3's file name for a query: a day (D), a month (M) or a year (A). */
export function cotahistFileName(q: SourceQuery): string {
  if (q.date) {
    const [y, m, d] = q.date.split('-');
    return `COTAHIST_D${d}${m}${y}.ZIP`;
  }
  if (q.year && q.month) return `COTAHIST_M${pad(q.month)}${q.year}.ZIP`;
  if (q.year) return `COTAHIST_A${q.year}.ZIP`;
  throw new SourceError(
    'INVALID_INPUT',
    'query: give date=YYYY-MM-DD (daily file), year and month (monthly) or year (annual)',
    {
      fields: ['query.date', 'query.year'],
    },
  );
}

/** The TXT inside B3's ZIP, or the body itself when it is already the TXT. */
export async function cotahistText(body: Buffer): Promise<{ name: string; data: Buffer }> {
  if (body.length >= 4 && body.readUInt32LE(0) === ZIP_MAGIC) {
    const entries = await readZipEntries(body, (n) => /\.txt$/i.test(n), { maxEntryBytes: 2 ** 31 });
    const first = entries[0];
    if (!first) throw new SourceError('LAYOUT_CHANGED', 'the ZIP holds no COTAHIST .TXT file');
    return first;
  }
  return { name: 'COTAHIST', data: body };
}

/** The scanner's own codes (shared with the importer) are, to a source, a file not in the layout. */
const SCANNER_CODES = new Set(['MALFORMED_RECORD', 'TRUNCATED_FILE', 'TRAILER_MISMATCH', 'UNSUPPORTED_FILE']);

function asSourceError(error: unknown): unknown {
  if (!(error instanceof AppError) || !SCANNER_CODES.has(error.code)) return error;
  return new SourceError('LAYOUT_CHANGED', error.message, { ...error.details, cotahistCode: error.code });
}

/**
 * B3's historical quotes file → daily bars of the cash market's standard lots and FIIs (the
 * foundation importer's default markets), read by the same validating scanner.
 */
export const cotahistFetcher = defineFetcher({
  model: 'daily-bars',
  parserVersion: 2,
  primary: 'date',
  required: [],
  request: (q, ctx) => ({
    url: `${ctx.baseUrl}/InstDados/SerHist/${cotahistFileName(q)}`,
    maxBytes: 1 << 30,
  }),
  async transform(raw, q) {
    const { name, data } = await cotahistText(raw.body);
    const items: DailyBarItem[] = [];
    const scanner = new CotahistScanner(
      name,
      (buf, at, line) => {
        const r = decodeRecord(buf, at, line);
        if (q.ticker && r.ticker !== q.ticker) return;
        items.push({
          ticker: r.ticker,
          date: r.date,
          open: r.open,
          high: r.high,
          low: r.low,
          close: r.close,
          adj_close: null,
          volume: r.quantity,
          currency: 'BRL',
        });
      },
      marketFilter(DEFAULT_COTAHIST_MARKETS),
    );
    try {
      scanner.push(data);
      scanner.end();
    } catch (error) {
      throw asSourceError(error);
    }
    return items;
  },
});
