import { existsSync, readFileSync } from 'node:fs';
import { blobPath, vaultDir } from '../sources/vault-files';
import type { Pg } from '../storage/pg';
import type { RemoteClient } from '../storage/pg-connect';
import type { StateDb } from '../storage/state';
import { ident, OBSERVATION_TABLES } from './catalog';
import { copyIn } from './copy-in';
import { forWindows, localShape, SNAPSHOT_EXPR, upsertSql } from './sql';
import type { SyncProgress } from './sync-types';

/** Every push transaction on the remote holds this lock: remote sync_seq order is commit order. */
export const PUSH_LOCK = 0x62337379; // 'b3sy'

export interface PushContext {
  pg: Pg;
  state: StateDb;
  remote: RemoteClient;
  dataDir: string;
  origin: string;
  batch: number;
  vault: boolean;
  progress: (e: SyncProgress) => void;
}

/** Run `fn` in one remote transaction under the push lock; the checkpoint goes in with the rows. */
async function inTx(remote: RemoteClient, fn: () => Promise<void>): Promise<void> {
  await remote.query('BEGIN');
  try {
    await remote.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    await fn();
    await remote.query('COMMIT');
  } catch (e) {
    await remote.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function checkpoint(ctx: PushContext, table: string): Promise<bigint> {
  const r = await ctx.remote.query<{ watermark: string }>(
    'SELECT watermark FROM b3ai_sync_checkpoints WHERE origin = $1 AND table_name = $2',
    [ctx.origin, table],
  );
  return BigInt(r.rows[0]?.watermark ?? 0);
}

const SAVE_CHECKPOINT = `INSERT INTO b3ai_sync_checkpoints (origin, table_name, watermark, rows)
  VALUES ($1, $2, $3, $4) ON CONFLICT (origin, table_name)
  DO UPDATE SET watermark = excluded.watermark, rows = b3ai_sync_checkpoints.rows + excluded.rows, updated_at = now()`;

interface SnapshotRow {
  id: number;
  sha256: string;
  fetched_at: number;
}

/**
 * The snapshot index (SQLite), by `fetched_at` (a re-fetch moves it forward). Each batch upserts
 * the rows on their natural key and records this computer's id → the remote's id in the same
 * transaction; payloads go too with `vault`.
 */
export async function pushSnapshots(ctx: PushContext): Promise<number> {
  let wm = Number(await checkpoint(ctx, 'snapshots'));
  const total = (
    ctx.state.prepare('SELECT count(*) AS n FROM snapshots WHERE fetched_at >= ?').get(wm) as { n: number }
  ).n;
  const page = ctx.state.prepare(
    `SELECT * FROM snapshots WHERE fetched_at > ? OR (fetched_at = ? AND id > ?) ORDER BY fetched_at, id LIMIT ?`,
  );
  let lastId = 0;
  let done = 0;
  const sql = `WITH r AS (SELECT * FROM json_to_recordset($1::json) AS r(id bigint, sha256 text, source text,
      model text, query text, url text, status integer, content_type text, bytes bigint, stored_bytes bigint,
      first_fetched_at bigint, fetched_at bigint, fetch_count integer, parser_version integer,
      parse_status text, parse_message text, item_count integer, items_digest text)),
    up AS (INSERT INTO snapshots (sha256, source, model, query, url, status, content_type, bytes, stored_bytes,
        first_fetched_at, fetched_at, fetch_count, parser_version, parse_status, parse_message, item_count, items_digest)
      SELECT sha256, source, model, query, url, status, content_type, bytes, stored_bytes, first_fetched_at,
        fetched_at, fetch_count, parser_version, parse_status, parse_message, item_count, items_digest FROM r
      ON CONFLICT (sha256, source, model, query) DO UPDATE SET
        first_fetched_at = least(snapshots.first_fetched_at, excluded.first_fetched_at),
        fetch_count = greatest(snapshots.fetch_count, excluded.fetch_count),
        fetched_at = greatest(snapshots.fetched_at, excluded.fetched_at),
        url = CASE WHEN excluded.fetched_at >= snapshots.fetched_at THEN excluded.url ELSE snapshots.url END,
        status = CASE WHEN excluded.fetched_at >= snapshots.fetched_at THEN excluded.status ELSE snapshots.status END,
        parser_version = greatest(snapshots.parser_version, excluded.parser_version),
        parse_status = CASE WHEN excluded.parser_version >= snapshots.parser_version THEN excluded.parse_status ELSE snapshots.parse_status END,
        parse_message = CASE WHEN excluded.parser_version >= snapshots.parser_version THEN excluded.parse_message ELSE snapshots.parse_message END,
        item_count = CASE WHEN excluded.parser_version >= snapshots.parser_version THEN excluded.item_count ELSE snapshots.item_count END,
        items_digest = CASE WHEN excluded.parser_version >= snapshots.parser_version THEN excluded.items_digest ELSE snapshots.items_digest END
      RETURNING id, sha256, source, model, query)
    INSERT INTO b3ai_snapshot_map (origin, local_id, remote_id)
      SELECT $2, r.id, up.id FROM r JOIN up USING (sha256, source, model, query)
      ON CONFLICT (origin, local_id) DO UPDATE SET remote_id = excluded.remote_id`;
  for (;;) {
    const rows = page.all(wm, wm, lastId, ctx.batch) as SnapshotRow[];
    if (!rows.length) break;
    const last = rows[rows.length - 1]!;
    await inTx(ctx.remote, async () => {
      await ctx.remote.query(sql, [JSON.stringify(rows), ctx.origin]);
      if (ctx.vault) await pushPayloads(ctx, rows);
      await ctx.remote.query(SAVE_CHECKPOINT, [ctx.origin, 'snapshots', last.fetched_at, rows.length]);
    });
    wm = last.fetched_at;
    lastId = last.id;
    done += rows.length;
    ctx.progress({ phase: 'push', table: 'snapshots', rows: done, total });
  }
  return done;
}

async function pushPayloads(ctx: PushContext, rows: SnapshotRow[]): Promise<void> {
  const vault = vaultDir(ctx.dataDir);
  const shas = [...new Set(rows.map((r) => r.sha256))];
  const have = new Set(
    (
      await ctx.remote.query<{ sha256: string }>('SELECT sha256 FROM b3ai_vault WHERE sha256 = ANY($1)', [
        shas,
      ])
    ).rows.map((r) => r.sha256),
  );
  for (const sha of shas) {
    if (have.has(sha)) continue;
    const file = blobPath(vault, sha);
    if (!existsSync(file)) continue; // dropped by the vault's retention: the index row still goes
    await ctx.remote.query('INSERT INTO b3ai_vault (sha256, gz) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      sha,
      readFileSync(file),
    ]);
  }
}

/**
 * This computer's snapshot ids → the remote's, into a temporary table of the local database, so
 * rows leave with their provenance already in the remote's numbering.
 */
export async function loadSnapshotMap(ctx: PushContext): Promise<void> {
  const r = await ctx.remote.query<{ j: string }>(
    `SELECT coalesce(json_agg(json_build_array(local_id, remote_id)), '[]')::text AS j FROM b3ai_snapshot_map WHERE origin = $1`,
    [ctx.origin],
  );
  await ctx.pg
    .exec(`CREATE TEMP TABLE IF NOT EXISTS sync_push_map (local_id bigint PRIMARY KEY, remote_id bigint NOT NULL);
    TRUNCATE sync_push_map`);
  await ctx.pg.query(
    `INSERT INTO sync_push_map SELECT (e->>0)::bigint, (e->>1)::bigint FROM json_array_elements($1::json) e`,
    [r.rows[0]!.j],
  );
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505';

/** Rows in a COPY text block: one line each (newlines inside values are escaped). */
function lines(data: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 10) n++;
  return n;
}

/**
 * One observation table: the rows above this computer's checkpoint, window by window, as COPY
 * text (the local database writes it, the remote reads it). A window goes straight into the table
 * by COPY while the remote has none of its keys (a first push: COPY's speed); on the first key
 * already there (another computer pushed the same facts), that window and the rest of the table go
 * through a temporary table and INSERT … ON CONFLICT (upsert). The next window is read locally
 * while the remote writes the last one.
 */
export async function pushTable(ctx: PushContext, name: string): Promise<number> {
  const table = OBSERVATION_TABLES.find((t) => t.name === name)!;
  const shape = await localShape(ctx.pg, table);
  if (!shape) return 0;
  const wm = await checkpoint(ctx, name);
  // New page ranges of a BRIN index are summarized by VACUUM; a push summarizes them itself, so
  // each window reads only its own pages.
  await ctx.pg.query(`SELECT brin_summarize_new_values('${name}_sync_seq'::regclass)`);
  const head = await ctx.pg.query<{ n: number; hi: string | null }>(
    `SELECT count(*)::int AS n, max(sync_seq)::text AS hi FROM ${ident(name)} WHERE sync_seq > $1`,
    [wm.toString()],
  );
  const total = head.rows[0]!.n;
  if (!total) return 0;
  // Statistics let the planner pick the BRIN index for the windows (PGlite runs no autovacuum).
  if (total > ctx.batch * 2) await ctx.pg.query(`ANALYZE ${ident(name)}`);
  const cols = shape.columns.map((c) => ident(c.name)).join(', ');
  const select = shape.columns
    .map((c) =>
      c.name === 'snapshot_id' ? `${SNAPSHOT_EXPR('m.remote_id')} AS snapshot_id` : `r.${ident(c.name)}`,
    )
    .join(', ');
  const join = shape.snapshotColumn ? 'LEFT JOIN pg_temp.sync_push_map m ON m.local_id = r.snapshot_id' : '';
  const staging = ident(`b3ai_in_${name}`);
  await ctx.remote.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${staging} ON COMMIT DELETE ROWS AS SELECT ${cols} FROM ${ident(name)} WITH NO DATA`,
  );
  const upsert = upsertSql(shape, `${staging} r`, (c) => `r.${ident(c)}`);
  let direct = true;
  let done = 0;
  const inflight: { p: Promise<void> | null } = { p: null };
  const send = (data: Uint8Array, hi: bigint, n: number): Promise<void> =>
    inTx(ctx.remote, async () => {
      if (n && direct) {
        await ctx.remote.query('SAVEPOINT direct');
        try {
          await copyIn(ctx.remote, `COPY ${ident(name)} (${cols}) FROM STDIN`, data);
          await ctx.remote.query('RELEASE SAVEPOINT direct');
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          await ctx.remote.query('ROLLBACK TO SAVEPOINT direct');
          direct = false;
        }
      }
      if (n && !direct) {
        await copyIn(ctx.remote, `COPY ${staging} (${cols}) FROM STDIN`, data);
        await ctx.remote.query(upsert);
      }
      await ctx.remote.query(SAVE_CHECKPOINT, [ctx.origin, name, hi.toString(), n]);
    }).then(() => {
      done += n;
      ctx.progress({ phase: 'push', table: name, rows: done, total });
    });
  try {
    await forWindows(wm, BigInt(head.rows[0]!.hi!), ctx.batch, async (lo, hi) => {
      const r = await ctx.pg.query(
        `COPY (SELECT ${select} FROM ${ident(name)} r ${join} WHERE r.sync_seq > ${lo} AND r.sync_seq <= ${hi}) TO '/dev/blob'`,
      );
      const data = r.blob ? new Uint8Array(await r.blob.arrayBuffer()) : new Uint8Array();
      const n = lines(data);
      if (inflight.p) await inflight.p;
      // An empty window still moves the checkpoint, so a resumed push does not read it again.
      inflight.p = send(data, hi, n);
      // Handled when awaited; keeps a failure from surfacing as unhandled in between.
      inflight.p.catch(() => undefined);
      return n;
    });
    if (inflight.p) await inflight.p;
  } finally {
    if (inflight.p) await inflight.p.catch(() => undefined);
  }
  return done;
}
