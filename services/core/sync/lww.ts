import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/config-edit';
import { isSecretKey } from '../config/redact';
import type { Pg } from '../storage/pg';
import type { RemoteClient } from '../storage/pg-connect';
import { getState, setState, type StateDb } from '../storage/state';
import { ident, LWW_TABLES, SHAPE_SQL, type ShapeRow } from './catalog';
import { recordset, upsertSql } from './sql';

/**
 * User-edited state, last writer wins by timestamp: the LWW_TABLES of the local PostgreSQL
 * (watchlists), saved screens and schedule overrides (SQLite), and the settings categories of
 * config.json that are not about this machine — with every secret (credentials, tokens, keys)
 * taken out before anything leaves, and the local secrets kept on the way in.
 */
interface LwwCtx {
  pg: Pg;
  state: StateDb;
  remote: RemoteClient;
  dataDir: string;
  origin: string;
}

/** Settings categories that follow the user (not paths or browsers of one machine). */
export const SYNCED_SETTINGS = ['sources', 'vault', 'schedules'] as const;

/** A deep copy without any secret key (not redacted: absent). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!isSecretKey(k)) out[k] = withoutSecrets(v);
    return out;
  }
  return value;
}

/** `incoming` (secret-free) with the secrets of `local` put back where they were. */
export function keepSecrets(incoming: unknown, local: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(local)) return incoming;
  const out: Record<string, unknown> = isObj(incoming) ? { ...incoming } : {};
  for (const [k, v] of Object.entries(local)) {
    if (isSecretKey(k)) out[k] = v;
    else if (isObj(v) && (isObj(out[k]) || out[k] === undefined)) {
      const merged = keepSecrets(out[k], v);
      if (isObj(merged) && Object.keys(merged).length) out[k] = merged;
    }
  }
  return out;
}

interface Doc {
  kind: string;
  key: string;
  value: unknown;
  updated_at: string;
}

const configFile = (dataDir: string): string => join(dataDir, 'config.json');
function readConfig(dataDir: string): Record<string, unknown> {
  const f = configFile(dataDir);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
}

/**
 * Settings categories as documents. A category's time is when config.json was last written while
 * the category read differently than at the last sync (its modification time), so an edit made
 * before another computer's wins over it only when it is later.
 */
function settingsDocs(ctx: LwwCtx): Doc[] {
  const config = readConfig(ctx.dataDir);
  const file = configFile(ctx.dataDir);
  return SYNCED_SETTINGS.filter((c) => config[c] !== undefined).map((c) => {
    const value = withoutSecrets(config[c]);
    const hash = createHash('sha256').update(JSON.stringify(value)).digest('hex');
    const key = `sync.settings.${c}`;
    const seen = getState(ctx.state, key) as { hash: string; at: string } | undefined;
    let at = seen?.at;
    if (!seen || seen.hash !== hash) {
      at = statSync(file).mtime.toISOString();
      setState(ctx.state, key, { hash, at });
    }
    return { kind: 'settings', key: c, value, updated_at: at! };
  });
}

function localDocs(ctx: LwwCtx): Doc[] {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const screens = ctx.state.prepare('SELECT name, screen, updated_at FROM screens').all() as Array<{
    name: string;
    screen: string;
    updated_at: number;
  }>;
  const schedules = ctx.state
    .prepare('SELECT schedule_id, patch, updated_at FROM schedule_overrides')
    .all() as Array<{
    schedule_id: string;
    patch: string;
    updated_at: number;
  }>;
  return [
    ...screens.map((s) => ({
      kind: 'screen',
      key: s.name,
      value: JSON.parse(s.screen) as unknown,
      updated_at: iso(s.updated_at),
    })),
    ...schedules.map((s) => ({
      kind: 'schedule',
      key: s.schedule_id,
      value: JSON.parse(s.patch) as unknown,
      updated_at: iso(s.updated_at),
    })),
    ...settingsDocs(ctx),
  ];
}

async function lwwShape(db: { pg: Pg } | { remote: RemoteClient }, name: string): Promise<ShapeRow[]> {
  return 'pg' in db
    ? (await db.pg.query<ShapeRow>(SHAPE_SQL, [name])).rows
    : (await db.remote.query<ShapeRow>(SHAPE_SQL, [name])).rows;
}

export async function pushLww(ctx: LwwCtx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of LWW_TABLES) {
    const cols = await lwwShape({ pg: ctx.pg }, t.name);
    if (!cols.length || !(await lwwShape({ remote: ctx.remote }, t.name)).length) continue;
    const json = (
      await ctx.pg.query<{ j: string }>(
        `SELECT coalesce(json_agg(x), '[]')::text AS j FROM ${ident(t.name)} x`,
      )
    ).rows[0]!.j;
    const r = await ctx.remote.query(lwwUpsert(t, cols), [json]);
    out[t.name] = r.rowCount ?? 0;
  }
  const docs = localDocs(ctx);
  const r = await ctx.remote.query(
    `INSERT INTO b3ai_user_state (kind, key, value, updated_at, origin)
     SELECT kind, key, value, updated_at, $2 FROM json_to_recordset($1::json) AS r(kind text, key text, value jsonb, updated_at timestamptz)
     ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, origin = excluded.origin
     WHERE excluded.updated_at > b3ai_user_state.updated_at`,
    [JSON.stringify(docs), ctx.origin],
  );
  out.user_state = r.rowCount ?? 0;
  return out;
}

function lwwUpsert(t: (typeof LWW_TABLES)[number], cols: ShapeRow[]): string {
  const shape = {
    table: { name: t.name },
    columns: cols.map((c) => ({ name: c.name, type: c.type })),
    key: [t.key],
    snapshotColumn: false,
  };
  return upsertSql(shape, recordset(shape, '$1'), (c) => `r.${ident(c)}`).replace(
    /WHERE \(.*\) IS DISTINCT FROM \(.*\)$/s,
    `WHERE excluded.${ident(t.updatedAt)} > ${ident(t.name)}.${ident(t.updatedAt)}`,
  );
}

export async function pullLww(ctx: LwwCtx): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of LWW_TABLES) {
    const cols = await lwwShape({ pg: ctx.pg }, t.name);
    if (!cols.length || !(await lwwShape({ remote: ctx.remote }, t.name)).length) continue;
    const json = (
      await ctx.remote.query<{ j: string }>(
        `SELECT coalesce(json_agg(x), '[]')::text AS j FROM ${ident(t.name)} x`,
      )
    ).rows[0]!.j;
    const r = await ctx.pg.query(lwwUpsert(t, cols), [json]);
    out[t.name] = r.affectedRows ?? 0;
  }
  const docs = (
    await ctx.remote.query<{ kind: string; key: string; value: unknown; at: string }>(
      `SELECT kind, key, value, (extract(epoch FROM updated_at) * 1000)::bigint::text AS at FROM b3ai_user_state`,
    )
  ).rows;
  let n = 0;
  const local = new Map(localDocs(ctx).map((d) => [`${d.kind}\0${d.key}`, Date.parse(d.updated_at)]));
  let config: Record<string, unknown> | null = null;
  for (const d of docs) {
    const at = Number(d.at);
    if ((local.get(`${d.kind}\0${d.key}`) ?? -1) >= at) continue;
    if (d.kind === 'screen')
      ctx.state
        .prepare(
          'INSERT INTO screens (name, screen, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET screen = excluded.screen, updated_at = excluded.updated_at',
        )
        .run(d.key, JSON.stringify(d.value), at);
    else if (d.kind === 'schedule')
      ctx.state
        .prepare(
          'INSERT INTO schedule_overrides (schedule_id, patch, updated_at) VALUES (?, ?, ?) ON CONFLICT (schedule_id) DO UPDATE SET patch = excluded.patch, updated_at = excluded.updated_at',
        )
        .run(d.key, JSON.stringify(d.value), at);
    else if (d.kind === 'settings' && (SYNCED_SETTINGS as readonly string[]).includes(d.key)) {
      config ??= readConfig(ctx.dataDir);
      config[d.key] = keepSecrets(d.value, config[d.key]);
      const hash = createHash('sha256')
        .update(JSON.stringify(withoutSecrets(config[d.key])))
        .digest('hex');
      setState(ctx.state, `sync.settings.${d.key}`, { hash, at: new Date(at).toISOString() });
    } else continue;
    n++;
  }
  if (config) writeFileAtomic(configFile(ctx.dataDir), `${JSON.stringify(config, null, 2)}\n`);
  out.user_state = n;
  return out;
}
