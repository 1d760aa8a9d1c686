import { join } from 'node:path';
import { openPg, pgDir, type Pg } from '../../services/core/storage/pg';
import { defaultResourcesDir } from '../../services/core/storage/migrations';
import { openState, type StateDb } from '../../services/core/storage/state';

/**
 * Data for the sync's tests and benchmark (ours, generated): a data dir's stores and rows of every
 * column kind the synced tables use (numeric, date, timestamptz, double, text[], jsonb, nullable
 * snapshot ids), with snapshots in the SQLite index for their provenance.
 */
export interface Stores {
  dataDir: string;
  pg: Pg;
  state: StateDb;
  close(): Promise<void>;
}

export async function openStores(dataDir: string, template?: Blob): Promise<Stores> {
  const m = join(defaultResourcesDir(), 'migrations');
  const state = openState(dataDir, join(m, 'sqlite'));
  const pg = await openPg({
    dir: pgDir(dataDir),
    migrationsDir: join(m, 'pg'),
    ...(template ? { template } : {}),
  });
  return {
    dataDir,
    pg,
    state,
    async close() {
      await pg.close();
      state.close();
    },
  };
}

/** A snapshot index row (the payload file itself is not written), its local id. */
export function addSnapshot(state: StateDb, sha: string, source = 'b3-cotahist', query = 'file'): number {
  const now = Date.now();
  const r = state
    .prepare(
      `INSERT INTO snapshots (sha256, source, model, query, url, status, bytes, stored_bytes, first_fetched_at,
        fetched_at, parser_version, parse_status) VALUES (?, ?, 'bars', ?, 'file://x', 200, 10, 5, ?, ?, 1, 'ok')
       ON CONFLICT (sha256, source, model, query) DO UPDATE SET fetch_count = fetch_count RETURNING id`,
    )
    .get(sha, source, query, now, now) as { id: number };
  return r.id;
}

/**
 * `tickers` × the weekdays of [from, to] daily bars whose values depend only on (ticker, date), so
 * two data dirs that hold the same day hold the same row.
 */
export async function addBars(
  pg: Pg,
  opts: { tickers: number; from: string; to: string; snapshotId: number | null },
): Promise<number> {
  const r = await pg.query(
    `INSERT INTO daily_bars (ticker, date, open, high, low, close, average, volume, trades, quantity, isin, codbdi,
       quote_factor, snapshot_id)
     SELECT 'TK' || lpad(t::text, 3, '0') || '3', d::date,
       round((10 + t + (extract(doy FROM d) % 17) / 10.0)::numeric, 2), round((11 + t)::numeric, 2),
       round((9 + t)::numeric, 2), round((10.5 + t + (extract(doy FROM d) % 13) / 100.0)::numeric, 2),
       round((10.25 + t)::numeric, 2), (1000000 + t * 1000 + extract(doy FROM d))::numeric, 100 + t,
       10000 + t, 'BRTK' || lpad(t::text, 3, '0') || 'ACNOR0', '02', 1, $3::bigint
     FROM generate_series(1, $4::int) t, generate_series($1::date, $2::date, interval '1 day') d
     WHERE extract(isodow FROM d) < 6
     ON CONFLICT (ticker, date) DO NOTHING`,
    [opts.from, opts.to, opts.snapshotId, opts.tickers],
  );
  return r.affectedRows ?? 0;
}

/** A few rows of the other kinds: fundamentals, news (text[]), an AI report (jsonb), macro series. */
export async function addOthers(pg: Pg, snapshotId: number, tag: string): Promise<void> {
  await pg.query(
    `INSERT INTO fundamentals (source, ticker, snapshot_id, metric, value_num, value_text, as_of, layout, fetched_at)
     VALUES ('fundamentus', 'TK0013', $1, 'pl_' || $2, 7.25, NULL, '2024-03-01', 'v1', '2024-03-02T10:00:00Z')`,
    [snapshotId, tag],
  );
  await pg.query(
    `INSERT INTO news (url_key, title_key, title, url, publisher, published_at, tickers, sentiment_score,
       sentiment_label, sources, snapshot_id, first_seen_at)
     VALUES ('u/' || $2, 't-' || $2, 'Título ' || $2, 'https://x/' || $2, 'Pub', '2024-03-02T10:00:00Z',
       ARRAY['TK0013','TK0023'], 0.125, 'positive', ARRAY['infomoney'], $1, '2024-03-02T11:00:00Z')`,
    [snapshotId, tag],
  );
  await pg.query(
    `INSERT INTO ai_reports (ticker, created_at, kind, language, model_id, provider, model_name, params, input_hash,
       prompt_hash, prompt, report, flags, attempts, duration_ms, input)
     VALUES ('TK0013', '2024-03-03T12:00:00.123Z', 'full', 'pt-BR', 'rules', 'offline', 'rules', '{}', 'h-' || $1,
       'p', 'prompt', '{"verdict":"hold","n":[1,2.5]}', '[]', 1, 12.5, '{"a":1}')`,
    [tag],
  );
  await pg.query(
    `INSERT INTO macro_series (source, series, date, value, snapshot_id)
     SELECT 'bcb-sgs', 432, d::date, 10.5 + extract(day FROM d) / 100.0, $1
     FROM generate_series('2024-01-01'::date, '2024-01-31'::date, interval '1 day') d ON CONFLICT DO NOTHING`,
    [snapshotId],
  );
}
