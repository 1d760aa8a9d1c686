import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { blobPath, vaultDir } from '../sources/vault-files';
import type { Pg } from '../storage/pg';
import type { RemoteClient } from '../storage/pg-connect';
import { getState, setState, type StateDb } from '../storage/state';
import { ident, OBSERVATION_TABLES } from './catalog';
import { forWindows, localShape, recordset, SNAPSHOT_EXPR, upsertSql, windowJsonSql } from './sql';
import type { SyncProgress } from './sync-types';

export interface PullContext {
  pg: Pg;
  state: StateDb;
  remote: RemoteClient;
  dataDir: string;
  origin: string;
  remoteId: string;
  batch: number;
  vault: boolean;
  progress: (e: SyncProgress) => void;
}

interface RemoteSnapshot {
  id: string;
  sha256: string;
  source: string;
  model: string;
  query: string;
  url: string;
  status: number;
  content_type: string | null;
  bytes: string;
  stored_bytes: string;
  first_fetched_at: string;
  fetched_at: string;
  fetch_count: number;
  parser_version: number;
  parse_status: string;
  parse_message: string | null;
  item_count: number | null;
  items_digest: string | null;
  sync_seq: string;
}

/**
 * The remote's snapshot index into the local SQLite (merged as a push merges it), and each
 * remote id → local id into the remote's map for this computer, so rows pulled next carry local
 * snapshot ids (and a later push of this computer translates them back to the same ones).
 */
export async function pullSnapshots(ctx: PullContext): Promise<number> {
  const key = `sync.pull.${ctx.remoteId}.snapshots`;
  let wm = String((getState(ctx.state, key) as string | undefined) ?? '0');
  const upsert = ctx.state
    .prepare(`INSERT INTO snapshots (sha256, source, model, query, url, status, content_type,
      bytes, stored_bytes, first_fetched_at, fetched_at, fetch_count, parser_version, parse_status, parse_message,
      item_count, items_digest)
    VALUES (@sha256, @source, @model, @query, @url, @status, @content_type, @bytes, @stored_bytes, @first_fetched_at,
      @fetched_at, @fetch_count, @parser_version, @parse_status, @parse_message, @item_count, @items_digest)
    ON CONFLICT (sha256, source, model, query) DO UPDATE SET
      first_fetched_at = min(first_fetched_at, excluded.first_fetched_at),
      fetch_count = max(fetch_count, excluded.fetch_count),
      url = CASE WHEN excluded.fetched_at >= fetched_at THEN excluded.url ELSE url END,
      status = CASE WHEN excluded.fetched_at >= fetched_at THEN excluded.status ELSE status END,
      fetched_at = max(fetched_at, excluded.fetched_at),
      parse_status = CASE WHEN excluded.parser_version >= parser_version THEN excluded.parse_status ELSE parse_status END,
      parse_message = CASE WHEN excluded.parser_version >= parser_version THEN excluded.parse_message ELSE parse_message END,
      item_count = CASE WHEN excluded.parser_version >= parser_version THEN excluded.item_count ELSE item_count END,
      items_digest = CASE WHEN excluded.parser_version >= parser_version THEN excluded.items_digest ELSE items_digest END,
      parser_version = max(parser_version, excluded.parser_version)
    RETURNING id`);
  let done = 0;
  for (;;) {
    const r = await ctx.remote.query<RemoteSnapshot>(
      'SELECT * FROM snapshots WHERE sync_seq > $1 ORDER BY sync_seq LIMIT $2',
      [wm, ctx.batch],
    );
    if (!r.rows.length) break;
    const pairs: Array<[string, number]> = [];
    ctx.state.transaction(() => {
      for (const s of r.rows) {
        const row = { ...s, bytes: Number(s.bytes), stored_bytes: Number(s.stored_bytes) };
        const first = Number(s.first_fetched_at);
        const got = upsert.get({ ...row, first_fetched_at: first, fetched_at: Number(s.fetched_at) }) as {
          id: number;
        };
        pairs.push([s.id, got.id]);
      }
    })();
    await ctx.remote.query(
      `INSERT INTO b3ai_snapshot_map (origin, local_id, remote_id)
       SELECT $1, l, r FROM unnest($2::bigint[], $3::bigint[]) AS u(l, r)
       ON CONFLICT (origin, local_id) DO UPDATE SET remote_id = excluded.remote_id`,
      [ctx.origin, pairs.map((p) => p[1]), pairs.map((p) => p[0])],
    );
    if (ctx.vault)
      await pullPayloads(
        ctx,
        r.rows.map((s) => s.sha256),
      );
    wm = r.rows[r.rows.length - 1]!.sync_seq;
    setState(ctx.state, key, wm);
    done += r.rows.length;
    ctx.progress({ phase: 'pull', table: 'snapshots', rows: done });
  }
  return done;
}

async function pullPayloads(ctx: PullContext, shas: string[]): Promise<void> {
  const vault = vaultDir(ctx.dataDir);
  const missing = [...new Set(shas)].filter((s) => !existsSync(blobPath(vault, s)));
  if (!missing.length) return;
  const r = await ctx.remote.query<{ sha256: string; gz: Buffer }>(
    'SELECT sha256, gz FROM b3ai_vault WHERE sha256 = ANY($1)',
    [missing],
  );
  for (const { sha256, gz } of r.rows) {
    const path = blobPath(vault, sha256);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, gz, { mode: 0o600 });
    renameSync(tmp, path);
  }
}

/**
 * One observation table from the remote: windows above this computer's pull checkpoint (kept in
 * the local database, written in the same transaction as the rows), snapshot ids translated on
 * the remote through this computer's map.
 */
export async function pullTable(ctx: PullContext, name: string): Promise<number> {
  const table = OBSERVATION_TABLES.find((t) => t.name === name)!;
  const shape = await localShape(ctx.pg, table);
  if (!shape) return 0;
  const cp = await ctx.pg.query<{ watermark: string }>(
    'SELECT watermark::text AS watermark FROM sync_pull_checkpoints WHERE remote_id = $1 AND table_name = $2',
    [ctx.remoteId, name],
  );
  const wm = BigInt(cp.rows[0]?.watermark ?? 0);
  const head = await ctx.remote.query<{ n: number; hi: string | null }>(
    `SELECT count(*)::int AS n, max(sync_seq)::text AS hi FROM ${ident(name)} WHERE sync_seq > $1`,
    [wm.toString()],
  );
  const total = head.rows[0]!.n;
  if (!total) return 0;
  const read = shape.snapshotColumn
    ? windowJsonSql(
        shape,
        SNAPSHOT_EXPR('m.local_id'),
        'LEFT JOIN b3ai_snapshot_map m ON m.origin = $3 AND m.remote_id = r.snapshot_id',
      )
    : windowJsonSql(shape);
  const write = upsertSql(shape, recordset(shape, '$1'), (c) => `r.${ident(c)}`);
  const save = `INSERT INTO sync_pull_checkpoints (remote_id, table_name, watermark, rows) VALUES ($1, $2, $3, $4)
    ON CONFLICT (remote_id, table_name) DO UPDATE SET watermark = excluded.watermark,
    rows = sync_pull_checkpoints.rows + excluded.rows`;
  let done = 0;
  let next: Promise<{ n: number; rows: string }> | null = null;
  const fetch = (lo: bigint, hi: bigint): Promise<{ n: number; rows: string }> =>
    ctx.remote
      .query<{ n: number; rows: string }>(
        read,
        shape.snapshotColumn ? [lo.toString(), hi.toString(), ctx.origin] : [lo.toString(), hi.toString()],
      )
      .then((r) => r.rows[0]!);
  await forWindows(wm, BigInt(head.rows[0]!.hi!), ctx.batch, async (lo, hi) => {
    next ??= fetch(lo, hi);
    const { n, rows } = await next;
    next = null;
    await ctx.pg.transaction(async (tx) => {
      if (n) await tx.query(write, [rows]);
      await tx.query(save, [ctx.remoteId, name, hi.toString(), n]);
    });
    done += n;
    ctx.progress({ phase: 'pull', table: name, rows: done, total });
    return n;
  });
  return done;
}
