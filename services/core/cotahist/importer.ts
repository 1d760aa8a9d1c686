import type { Transaction } from '@electric-sql/pglite';
import { AppError, DEFAULT_COTAHIST_MARKETS, type CotahistMarkets, type ImportSummary } from '../../contract';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import { BinaryCopyEncoder } from './binary-encoder';
import { BufferBlob, BulkCopy } from './bulk-copy';
import { BAR_COLUMNS, CopyEncoder } from './copy-encoder';
import { marketFilter } from './filter';
import { CotahistScanner, type ScanResult } from './scanner';
import { isoFromNumber, SecurityCollector } from './securities';
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
  /** COPY into daily_bars (`rebuild`: its indexes built once after the rows), or staged and upserted. */
  path: 'direct' | 'rebuild' | 'upsert';
}

interface FileOptions {
  markets: CotahistMarkets;
  displayName?: string;
  onProgress?: (bytesRead: number, totalBytes: number, kept: number) => void;
}

interface StreamOutcome {
  scan: ScanResult;
  name: string;
  fileBytes: number;
  securities: SecurityCollector;
}

const COLS = BAR_COLUMNS.join(', ');
const UPDATES = BAR_COLUMNS.filter((c) => c !== 'ticker' && c !== 'date')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/** Turns kept records into blocks of COPY rows (text with line numbers, or binary). */
interface RowEncoder {
  write(buf: Buffer, at: number, line: number): void;
  takeBlocks(all?: boolean): Buffer[];
  readonly rows: number;
}

/**
 * Stream one file through the validating scanner, handing each filled block of COPY rows to `sink`.
 * Throws the scanner's typed errors (file + line) as soon as a line is wrong.
 */
async function streamFile(
  path: string,
  opts: FileOptions,
  encoder: RowEncoder,
  sink: (block: Buffer, rowsSoFar: number) => Promise<void>,
): Promise<StreamOutcome> {
  const source = await openCotahistSource(path);
  const inner = source.name.includes('!') ? source.name.slice(source.name.indexOf('!')) : '';
  const name = opts.displayName ? `${opts.displayName}${inner}` : source.name;
  const securities = new SecurityCollector();
  const scanner = new CotahistScanner(
    name,
    (buf, at, line) => {
      encoder.write(buf, at, line);
      securities.add(buf, at);
    },
    marketFilter(opts.markets),
  );
  let bytesRead = 0;
  let lastReport = 0;
  try {
    for await (const chunk of source.chunks) {
      scanner.push(chunk);
      bytesRead += chunk.length;
      for (const block of encoder.takeBlocks()) await sink(block, encoder.rows);
      const now = Date.now();
      if (opts.onProgress && now - lastReport > 100) {
        lastReport = now;
        opts.onProgress(bytesRead, source.totalBytes, encoder.rows);
      }
    }
    const scan = scanner.end();
    for (const block of encoder.takeBlocks(true)) await sink(block, encoder.rows);
    opts.onProgress?.(bytesRead, source.totalBytes, encoder.rows);
    return { scan, name, fileBytes: source.fileBytes, securities };
  } finally {
    source.close();
  }
}

const copyBlock = (tx: Transaction, target: string) => async (block: Buffer) => {
  await tx.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new BufferBlob(block) });
};

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505';

/**
 * The usual case, new days: binary COPY straight into daily_bars (its key built once at the end when
 * the file brings at least as many rows as the table holds, see BulkCopy). A key that already
 * exists aborts it.
 */
async function loadDirect(
  tx: Transaction,
  path: string,
  opts: FileOptions,
): Promise<StreamOutcome & { indexes: BulkCopy['indexes'] }> {
  const bulk = await BulkCopy.open(tx, 'daily_bars', COLS, 'binary');
  const out = await streamFile(path, opts, new BinaryCopyEncoder(), (block, rows) => bulk.write(block, rows));
  await bulk.finish(out.scan.kept);
  return { ...out, indexes: bulk.indexes };
}

/** Re-imports and overlaps: COPY into a staging table, name any duplicate by its lines, then upsert. */
async function loadUpsert(tx: Transaction, path: string, opts: FileOptions): Promise<StreamOutcome> {
  // The stage holds the imported columns only (not daily_bars' own bookkeeping, e.g. sync_seq).
  await tx.exec(
    `CREATE TEMP TABLE cotahist_stage ON COMMIT DROP AS SELECT NULL::integer AS line, ${COLS} FROM daily_bars WITH NO DATA`,
  );
  const out = await streamFile(
    path,
    opts,
    new CopyEncoder(true),
    copyBlock(tx, `cotahist_stage (line, ${COLS})`),
  );
  const dup = await tx.query<{ ticker: string; date: string; lines: number[] }>(
    `SELECT ticker, date::text AS date, array_agg(line ORDER BY line) AS lines FROM cotahist_stage
     GROUP BY ticker, date HAVING count(*) > 1 ORDER BY min(line) LIMIT 1`,
  );
  const d = dup.rows[0];
  if (d) {
    throw new AppError(
      'DUPLICATE_ROW',
      `${out.name}, line ${d.lines[1]}: ${d.ticker} on ${d.date} already appears at line ${d.lines[0]}; the selected markets give more than one row per ticker and day`,
      { file: out.name, line: d.lines[1], ticker: d.ticker, date: d.date },
    );
  }
  await tx.exec(
    `INSERT INTO daily_bars (${COLS}) SELECT ${COLS} FROM cotahist_stage ON CONFLICT (ticker, date) DO UPDATE SET ${UPDATES}`,
  );
  return out;
}

async function saveSecurities(tx: Transaction, s: SecurityCollector): Promise<void> {
  const rows = [...s.byTicker.values()];
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO securities (ticker, name, specification, isin, last_date)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[])
     ON CONFLICT (ticker) DO UPDATE SET name = EXCLUDED.name, specification = EXCLUDED.specification,
       isin = EXCLUDED.isin, last_date = EXCLUDED.last_date
     WHERE securities.last_date <= EXCLUDED.last_date`,
    [
      rows.map((r) => r.ticker),
      rows.map((r) => r.name),
      rows.map((r) => r.specification),
      rows.map((r) => r.isin),
      rows.map((r) => isoFromNumber(r.date)),
    ],
  );
}

/**
 * Import one COTAHIST file (.TXT or .ZIP) in one transaction: stream → validate every line → COPY
 * the kept records → record the file. New days go straight into daily_bars; when a (ticker, date)
 * already exists (or appears twice in the file) the file is re-read through a staging table and
 * upserted. Any error rolls the whole file back, indexes included.
 */
export async function importCotahistFile(pg: Pg, path: string, opts: FileOptions): Promise<FileResult> {
  return pg.transaction(async (tx) => {
    let how: FileResult['path'];
    let out: StreamOutcome;
    await tx.exec('SAVEPOINT direct_copy');
    try {
      const direct = await loadDirect(tx, path, opts);
      out = direct;
      how = direct.indexes === 'rebuilt' ? 'rebuild' : 'direct';
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await tx.exec('ROLLBACK TO SAVEPOINT direct_copy');
      how = 'upsert';
      out = await loadUpsert(tx, path, opts);
    }
    await saveSecurities(tx, out.securities);
    await tx.query(
      `INSERT INTO cotahist_files (file_name, file_date, bytes, records, imported) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (file_name, file_date) DO UPDATE SET bytes = EXCLUDED.bytes, records = EXCLUDED.records,
         imported = EXCLUDED.imported, last_imported_at = now()`,
      [out.name, out.scan.header.fileDate, out.fileBytes, out.scan.records, out.scan.kept],
    );
    const s = out.securities;
    return {
      records: out.scan.records,
      imported: out.scan.kept,
      tickers: [...s.byTicker.keys()],
      from: s.byTicker.size ? isoFromNumber(s.minDate) : null,
      to: s.byTicker.size ? isoFromNumber(s.maxDate) : null,
      path: how,
    };
  });
}

/** Import files in order, each atomically; the first failure stops and is thrown with what was done. */
export async function importCotahist(
  pg: Pg,
  paths: string[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const markets = opts.markets ?? DEFAULT_COTAHIST_MARKETS;
  const tickers = new Set<string>();
  const summary: ImportSummary = {
    files: 0,
    records: 0,
    imported: 0,
    skipped: 0,
    tickers: 0,
    from: null,
    to: null,
  };
  for (const [i, path] of paths.entries()) {
    const display = opts.displayNames?.[i];
    const started = Date.now();
    let r: FileResult;
    try {
      r = await importCotahistFile(pg, path, {
        markets,
        ...(display ? { displayName: display } : {}),
        onProgress: (bytesRead, totalBytes, records) =>
          opts.onProgress?.({
            file: display ?? path,
            fileIndex: i,
            fileCount: paths.length,
            bytesRead,
            totalBytes,
            records,
          }),
      });
    } catch (e) {
      if (e instanceof AppError && summary.files > 0) {
        throw new AppError(e.code, `${e.message} (the ${summary.files} file(s) before it were imported)`, {
          ...e.details,
          committedFiles: summary.files,
        });
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
    log.info('file imported', {
      file: display ?? path,
      records: r.records,
      imported: r.imported,
      path: r.path,
      ms: Date.now() - started,
    });
  }
  summary.tickers = tickers.size;
  return summary;
}
