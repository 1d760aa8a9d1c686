import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgTemplate } from '../../../test/helpers/pg-template';
import { startRealPg, type RealPg } from '../../../test/helpers/real-pg';
import { addBars, addOthers, addSnapshot, openStores, type Stores } from '../../../test/helpers/sync-data';
import { OBSERVATION_TABLES } from './catalog';
import { tableChecksum, type Checksum } from './checksum';
import { layoutSql } from './remote-schema';
import { localShape } from './sql';
import { syncOpen } from './sync';
import type { SyncProgress } from './sync-types';

/**
 * The sync against a real PostgreSQL 15 (test/helpers/real-pg.ts): row counts and checksums equal
 * on both sides, kill -9 of a pushing process, two computers converging, secrets never leaving.
 * The data is ours, generated (test/helpers/sync-data.ts).
 */
const ROOT = join(__dirname, '..', '..', '..');
const TOKEN = 'tok-SECRET-4f9a2c';
let server: RealPg;
let work: string;
let dirA: string;
let barsA = 0;

async function checksums(s: Stores, url: string): Promise<Record<string, Checksum>> {
  const remote = new pg.Client({ connectionString: url });
  await remote.connect();
  const out: Record<string, Checksum> = {};
  try {
    for (const t of OBSERVATION_TABLES) {
      const shape = (await localShape(s.pg, t))!;
      const local = await tableChecksum((sql) => s.pg.query(sql), shape);
      const far = await tableChecksum((sql) => remote.query(sql), shape);
      expect({ table: t.name, ...far }).toEqual({ table: t.name, ...local });
      out[t.name] = local;
    }
  } finally {
    await remote.end();
  }
  return out;
}

async function remoteQuery<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  server = await startRealPg();
  work = mkdtempSync(join(tmpdir(), 'b3ai-sync-test-'));
  dirA = join(work, 'a');
  const a = await openStores(dirA, await pgTemplate());
  try {
    const snap = addSnapshot(a.state, 'a'.repeat(64));
    barsA = await addBars(a.pg, { tickers: 50, from: '2016-01-01', to: '2024-01-31', snapshotId: snap });
    await addOthers(a.pg, snap, 'a');
    a.state
      .prepare('INSERT INTO screens (name, screen, updated_at) VALUES (?, ?, ?)')
      .run('cheap', JSON.stringify({ where: [['pl', '<', 8]] }), Date.parse('2024-05-01T00:00:00Z'));
  } finally {
    await a.close();
  }
  writeFileSync(
    join(dirA, 'config.json'),
    JSON.stringify({ sources: { brapi: { concurrency: 2, credentials: { token: TOKEN } } } }),
  );
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('sync push', () => {
  it('pushes ≥ 100k bars with equal row counts and checksums on both sides; a second push sends nothing', async () => {
    expect(barsA).toBeGreaterThanOrEqual(100_000);
    const url = await server.createDb('push1');
    const a = await openStores(dirA);
    try {
      const events: SyncProgress[] = [];
      const report = await syncOpen(a, { direction: 'push', url, progress: (e) => events.push(e) });
      expect(report.tables.daily_bars).toBe(barsA);
      expect(report.layout).toBe('brin');
      expect(report.migrated).toContain('remote/0001_sync_remote');
      const bars = events.filter((e) => e.table === 'daily_bars');
      expect(bars.length).toBeGreaterThan(3);
      expect(bars.at(-1)).toMatchObject({ rows: barsA, total: barsA });
      const sums = await checksums(a, url);
      expect(sums.daily_bars!.rows).toBe(String(barsA));
      expect(Number(sums.news!.rows) + Number(sums.ai_reports!.rows) + Number(sums.macro_series!.rows)).toBe(
        33,
      );

      // Provenance: the remote's bars point at the remote's copy of the same snapshot.
      const prov = await remoteQuery<{ sha256: string; n: string }>(
        url,
        'SELECT s.sha256, count(*) AS n FROM daily_bars b JOIN snapshots s ON s.id = b.snapshot_id GROUP BY 1',
      );
      expect(prov).toEqual([{ sha256: 'a'.repeat(64), n: String(barsA) }]);
      // Plain tables with BRIN indexes on the date where TimescaleDB is missing.
      const idx = await remoteQuery<{ indexname: string }>(
        url,
        `SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING brin (date)%' ORDER BY 1`,
      );
      expect(idx.map((r) => r.indexname)).toContain('daily_bars_date_brin');

      const again = await syncOpen(a, { direction: 'push', url });
      expect(again.tables.daily_bars).toBe(0);
      expect(again.migrated).toEqual([]);
    } finally {
      await a.close();
    }
  }, 240_000);

  it('survives 5 kill -9s of a pushing process at random instants, converging with nothing lost or doubled', async () => {
    const url = await server.createDb('kill1');
    const env = { ...process.env, B3AI_FROM_SOURCE: '1', B3AI_LOG_LEVEL: 'error' };
    const args = ['bin/b3ai.mjs', 'sync', 'push', '--url', url, '--data-dir', dirA, '--batch', '3000'];
    const midway: number[] = [];
    for (let k = 0; k < 5; k++) {
      const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (s: string) => {
        if (poll || timer || !s.includes('push daily_bars')) return;
        // Once the first bars are committed on the remote, kill at a random instant after that (a
        // fixed delay from the log line missed the bars altogether on a loaded machine).
        poll = setInterval(() => {
          void remoteQuery<{ rows: string }>(
            url,
            `SELECT coalesce(sum(rows), 0) AS rows FROM b3ai_sync_checkpoints WHERE table_name = 'daily_bars'`,
          ).then(
            ([r]) => {
              if (timer || Number(r?.rows ?? 0) === 0) return;
              clearInterval(poll);
              timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
            },
            () => undefined,
          );
        }, 50);
      });
      await exited;
      clearInterval(poll);
      clearTimeout(timer);
      const [row] = await remoteQuery<{ rows: string }>(
        url,
        `SELECT coalesce(sum(rows), 0) AS rows FROM b3ai_sync_checkpoints WHERE table_name = 'daily_bars'`,
      );
      midway.push(Number(row!.rows));
    }
    // At least one kill landed in the middle of the bars.
    expect(midway.some((n) => n > 0 && n < barsA)).toBe(true);
    const a = await openStores(dirA);
    try {
      await syncOpen(a, { direction: 'push', url, batch: 3000 });
      const sums = await checksums(a, url);
      expect(sums.daily_bars!.rows).toBe(String(barsA));
      // Each row was committed once: the checkpoints' counts add up to the table.
      const [cp] = await remoteQuery<{ rows: string }>(
        url,
        `SELECT sum(rows) AS rows FROM b3ai_sync_checkpoints WHERE table_name = 'daily_bars'`,
      );
      expect(cp!.rows).toBe(String(barsA));
    } finally {
      await a.close();
    }
  }, 600_000);
});

describe('sync pull', () => {
  it('two data dirs push different days; a third pulls the union; all converge', async () => {
    const url = await server.createDb('union1');
    const dirs = ['p', 'q', 'r'].map((d) => join(work, d));
    const [p, q, r] = await Promise.all(dirs.map(async (d) => openStores(d, await pgTemplate())));
    try {
      const sp = addSnapshot(p!.state, 'b'.repeat(64), 'yahoo');
      const sq = addSnapshot(q!.state, 'c'.repeat(64), 'yahoo');
      await addBars(p!.pg, { tickers: 20, from: '2023-01-02', to: '2023-06-30', snapshotId: sp });
      await addBars(q!.pg, { tickers: 20, from: '2023-04-03', to: '2023-09-29', snapshotId: sq });
      await addOthers(p!.pg, sp, 'p');
      await addOthers(q!.pg, sq, 'q');
      await syncOpen(p!, { direction: 'push', url });
      await syncOpen(q!, { direction: 'push', url });
      const pulled = await syncOpen(r!, { direction: 'pull', url });
      const union = await remoteQuery<{ n: string }>(url, 'SELECT count(*) AS n FROM daily_bars');
      // 20 tickers × the weekdays of 2023-01-02..2023-09-29.
      expect(union[0]!.n).toBe(String(20 * 195));
      expect(pulled.tables.daily_bars).toBe(20 * 195);
      const sums = await checksums(r!, url);
      await syncOpen(p!, { direction: 'pull', url });
      expect(await checksums(p!, url)).toEqual(sums);
      // Provenance came along: R's bars of Q's days point at R's copy of Q's snapshot.
      const prov = r!.state.prepare('SELECT id, sha256 FROM snapshots ORDER BY sha256').all() as Array<{
        id: number;
        sha256: string;
      }>;
      expect(prov.map((s) => s.sha256)).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
      const late = await r!.pg.query<{ snapshot_id: string }>(
        `SELECT DISTINCT snapshot_id::text FROM daily_bars WHERE date > '2023-07-01'`,
      );
      expect(late.rows).toEqual([{ snapshot_id: String(prov[1]!.id) }]);
    } finally {
      await Promise.all([p, q, r].map((s) => s!.close()));
    }
  }, 300_000);

  it('never sends a secret, and a pull keeps the local secrets (settings last-writer-wins)', async () => {
    const url = await server.createDb('secrets1');
    const a = await openStores(dirA);
    try {
      await syncOpen(a, { direction: 'push', url, tables: ['securities'] });
    } finally {
      await a.close();
    }
    const leaks = await remoteQuery<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM b3ai_user_state WHERE value::text LIKE '%' || $1 || '%' OR value::text LIKE '%credentials%'`,
      [TOKEN],
    );
    expect(leaks[0]!.n).toBe('0');
    const docs = await remoteQuery<{ kind: string; key: string; value: unknown }>(
      url,
      'SELECT kind, key, value FROM b3ai_user_state ORDER BY kind, key',
    );
    expect(docs).toEqual([
      { kind: 'screen', key: 'cheap', value: { where: [['pl', '<', 8]] } },
      { kind: 'settings', key: 'sources', value: { brapi: { concurrency: 2 } } },
    ]);
    const dirS = join(work, 's');
    const s = await openStores(dirS, await pgTemplate());
    writeFileSync(
      join(dirS, 'config.json'),
      JSON.stringify({
        sources: { brapi: { credentials: { token: 'mine' } } },
        vault: { retentionDays: 30 },
      }),
    );
    // S's settings were written before A's push: A's (non-secret) sources win, S's token stays.
    const before = new Date(Date.now() - 3_600_000);
    utimesSync(join(dirS, 'config.json'), before, before);
    try {
      await syncOpen(s, { direction: 'pull', url, tables: ['securities'] });
    } finally {
      await s.close();
    }
    const cfg = JSON.parse(readFileSync(join(dirS, 'config.json'), 'utf8')) as unknown;
    expect(cfg).toEqual({
      sources: { brapi: { concurrency: 2, credentials: { token: 'mine' } } },
      vault: { retentionDays: 30 },
    });
    expect(JSON.stringify(cfg)).not.toContain(TOKEN);
  }, 240_000);

  it('refuses portfolio data unless it is supported and asked for', async () => {
    const a = await openStores(join(work, 'pf'), await pgTemplate());
    try {
      await expect(
        syncOpen(a, { direction: 'push', url: server.url('postgres'), portfolio: true }),
      ).rejects.toThrow(/portfolio/);
    } finally {
      await a.close();
    }
  }, 120_000);
});

describe('TimescaleDB layout (not installed here: checked by the SQL it generates)', () => {
  it('makes hypertables with a compression policy for the time series', () => {
    const sql = layoutSql('timescale');
    expect(sql[0]).toBe('CREATE EXTENSION IF NOT EXISTS timescaledb');
    expect(sql).toContain(
      `SELECT create_hypertable('daily_bars', 'date', chunk_time_interval => INTERVAL '1 year', migrate_data => true, if_not_exists => true)`,
    );
    expect(sql).toContain(
      `ALTER TABLE "daily_bars" SET (timescaledb.compress, timescaledb.compress_segmentby = 'ticker', timescaledb.compress_orderby = 'date DESC')`,
    );
    expect(sql).toContain(
      `SELECT add_compression_policy('daily_bars', INTERVAL '90 days', if_not_exists => true)`,
    );
    const hypertables = sql.filter((s) => s.includes('create_hypertable')).map((s) => /'(\w+)'/.exec(s)![1]);
    expect(hypertables).toEqual(OBSERVATION_TABLES.filter((t) => t.time).map((t) => t.name));
    // Every hypertable's time column is part of its primary key (TimescaleDB requires it).
    expect(layoutSql('brin').every((s) => s.startsWith('CREATE INDEX IF NOT EXISTS'))).toBe(true);
  });
});
