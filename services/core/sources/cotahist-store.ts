import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COTAHIST_MARKETS } from '../../contract';
import { cotahistText } from '../../sources/b3-cotahist/cotahist.fetcher';
import { importCotahistFile } from '../cotahist/importer';
import type { Pg } from '../storage/pg';

/**
 * The b3-cotahist source stores through the foundation importer (COPY, securities, file record),
 * not the generic writer: its bars are B3's own, in `daily_bars`. The rows the file wrote are then
 * pointed at its vault snapshot.
 */
export async function storeCotahist(pg: Pg, body: Buffer, snapshotId: number, name: string): Promise<number> {
  const { data } = await cotahistText(body);
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-cotahist-'));
  try {
    const path = join(dir, name.replace(/\.zip$/i, '.TXT'));
    writeFileSync(path, data);
    const r = await importCotahistFile(pg, path, { markets: DEFAULT_COTAHIST_MARKETS, displayName: name });
    if (r.from && r.to) {
      await pg.query(
        'UPDATE daily_bars SET snapshot_id = $1 WHERE ticker = ANY($2::text[]) AND date BETWEEN $3 AND $4',
        [snapshotId, r.tickers, r.from, r.to],
      );
    }
    return r.imported;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
