import { createHash } from 'node:crypto';
import { AppError, DEFAULT_COTAHIST_MARKETS, type CotahistMarkets, type ImportSummary } from '../../contract';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import { CopyEncoder, STAGE_COLUMNS } from './copy-encoder';
import { marketFilter } from './filter';
import { CotahistScanner } from './scanner';
import { openCotahistSource } from './source-file';

const log = createLogger('cotahist.import');

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface ImportOptions {
  markets?: CotahistMarkets;
  onProgress?: (p: ImportProgress) => void;
  /** Display names for the paths (uploads are stored under temporary names). */
  displayNames?: (string | undefined)[];
}

interface FileResult {
  records: number;
  imported: number;
  tickers: string[];
  from: string | null;
  to: string | null;
}

const STAGE_DDL = `CREATE TEMP TABLE cotahist_stage (
  line integer, ticker text, date date, codbdi text, name text, specification text,
  open bigint, high bigint, low bigint, average bigint, close bigint,
  trades bigint, quantity bigint, volume bigint, quote_factor integer, isin text
) ON COMMIT DROP`;

const scaled = (col: string): string => `trim_scale(${col}::numeric / (100 * quote_factor))`;

const UPSERT_BARS = `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi, quote_factor)
SELECT ticker, date, ${scaled('open')}, ${scaled('high')}, ${scaled('low')}, ${scaled('close')}, ${scaled('average')},
       trim_scale(volume::numeric / 100), trades, quantity, isin, codbdi, quote_factor
FROM cotahist_stage
ON CONFLICT (ticker, date) DO UPDATE SET
  open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
  average = EXCLUDED.average, volume = EXCLUDED.volume, trades = EXCLUDED.trades,
  quantity = EXCLUDED.quantity, isin = EXCLUDED.isin, codbdi = EXCLUDED.codbdi,
  quote_factor = EXCLUDED.quote_factor`;

const UPSERT_SECURITIES = `INSERT INTO securities (ticker, name, specification, isin, last_date)
SELECT DISTINCT ON (ticker) ticker, name, specification, isin, date FROM cotahist_stage ORDER BY ticker, date DESC
ON CONFLICT (ticker) DO UPDATE SET name = EXCLUDED.name, specification = EXCLUDED.specification,
  isin = EXCLUDED.isin, last_date = EXCLUDED.last_date
WHERE securities.last_date <= EXCLUDED.last_date`;

/**
 * Import one COTAHIST file (.TXT or .ZIP) in one transaction: stream → validate every line →
 * COPY the kept records into a staging table → upsert. Any error rolls the whole file back.
 */
export async function importCotahistFile(
  pg: Pg,
  path: string,
  opts: { markets: CotahistMarkets; displayName?: string; onProgress?: (bytesRead: number, totalBytes: number, records: number) => void },
): Promise<FileResult> {
  const source = await openCotahistSource(path);
  const inner = source.name.includes('!') ? source.name.slice(source.name.indexOf('!')) : '';
  const name = opts.displayName ? `${opts.displayName}${inner}` : source.name;
  const keep = marketFilter(opts.markets);
  const encoder = new CopyEncoder();
  const scanner = new CotahistScanner(name, (buf, at, line) => {
    if (keep(buf, at)) encoder.write(buf, at, line);
  });
  const hash = createHash('sha256');
  let bytesRead = 0;
  let records = 0;
  try {
    return await pg.transaction(async (tx) => {
      await tx.exec(STAGE_DDL);
      const copy = async (blocks: Buffer[]): Promise<void> => {
        for (const block of blocks) {
          await tx.query(`COPY cotahist_stage (${STAGE_COLUMNS.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([block]) });
        }
      };
      let lastReport = 0;
      for await (const chunk of source.stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        scanner.push(chunk);
        bytesRead += chunk.length;
        await copy(encoder.takeBlocks());
        const now = Date.now();
        if (opts.onProgress && now - lastReport > 100) {
          lastReport = now;
          opts.onProgress(bytesRead, source.totalBytes, encoder.rows);
        }
      }
      const scan = scanner.end();
      records = scan.records;
      await copy(encoder.takeBlocks(true));
      opts.onProgress?.(bytesRead, source.totalBytes, encoder.rows);

      const dup = await tx.query<{ ticker: string; date: string; lines: number[] }>(
        `SELECT ticker, date::text AS date, array_agg(line ORDER BY line) AS lines FROM cotahist_stage
         GROUP BY ticker, date HAVING count(*) > 1 LIMIT 1`,
      );
      const d = dup.rows[0];
      if (d) {
        throw new AppError(
          'DUPLICATE_ROW',
          `${name}, line ${d.lines[1]}: ${d.ticker} on ${d.date} already appears at line ${d.lines[0]}; the selected markets give more than one row per ticker and day`,
          { file: name, line: d.lines[1], ticker: d.ticker, date: d.date },
        );
      }
      await tx.exec(UPSERT_BARS);
      await tx.exec(UPSERT_SECURITIES);
      const stats = await tx.query<{ tickers: string[] | null; from: string | null; to: string | null }>(
        `SELECT array_agg(DISTINCT ticker) AS tickers, min(date)::text AS "from", max(date)::text AS "to" FROM cotahist_stage`,
      );
      const s = stats.rows[0];
      await tx.query(
        `INSERT INTO cotahist_files (sha256, file_name, file_date, records, imported) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sha256) DO UPDATE SET file_name = EXCLUDED.file_name, last_imported_at = now()`,
        [hash.digest('hex'), name, scan.header.fileDate, scan.records, encoder.rows],
      );
      return { records, imported: encoder.rows, tickers: s?.tickers ?? [], from: s?.from ?? null, to: s?.to ?? null };
    });
  } finally {
    source.close();
  }
}

/** Import files in order, each atomically; the first failure stops and is thrown with what was done. */
export async function importCotahist(pg: Pg, paths: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const markets = opts.markets ?? DEFAULT_COTAHIST_MARKETS;
  const tickers = new Set<string>();
  const summary: ImportSummary = { files: 0, records: 0, imported: 0, skipped: 0, tickers: 0, from: null, to: null };
  for (const [i, path] of paths.entries()) {
    const display = opts.displayNames?.[i];
    const started = Date.now();
    let r: FileResult;
    try {
      r = await importCotahistFile(pg, path, {
        markets,
        ...(display ? { displayName: display } : {}),
        onProgress: (bytesRead, totalBytes, records) =>
          opts.onProgress?.({ file: display ?? path, fileIndex: i, fileCount: paths.length, bytesRead, totalBytes, records }),
      });
    } catch (e) {
      if (e instanceof AppError && summary.files > 0) {
        throw new AppError(e.code, `${e.message} (files before it were imported: ${summary.files})`, { ...e.details, committedFiles: summary.files });
      }
      throw e;
    }
    summary.files++;
    summary.records += r.records;
    summary.imported += r.imported;
    summary.skipped += r.records - r.imported;
    r.tickers.forEach((t) => tickers.add(t));
    if (r.from && (!summary.from || r.from < summary.from)) summary.from = r.from;
    if (r.to && (!summary.to || r.to > summary.to)) summary.to = r.to;
    log.info('file imported', { file: display ?? path, records: r.records, imported: r.imported, ms: Date.now() - started });
  }
  summary.tickers = tickers.size;
  return summary;
}
