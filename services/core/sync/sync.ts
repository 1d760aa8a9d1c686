import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../contract';
import { securePrivateDir } from '../files/private-files';
import { createLogger } from '../logging/logger';
import { lockDataDir } from '../storage/lock';
import { defaultResourcesDir } from '../storage/migrations';
import { openPg, pgDir, type Pg } from '../storage/pg';
import { connectRemote, redactUrl, type RemotePgOptions } from '../storage/pg-connect';
import { getState, openState, setState, type StateDb } from '../storage/state';
import { OBSERVATION_TABLES } from './catalog';
import { pushLww, pullLww } from './lww';
import { migrateRemote } from './remote-schema';
import { pullSnapshots, pullTable } from './pull';
import { loadSnapshotMap, pushSnapshots, pushTable } from './push';
import type { SyncProgress, SyncReport } from './sync-types';

const log = createLogger('sync');

export interface SyncOptions extends RemotePgOptions {
  direction: 'push' | 'pull';
  /** Raw payloads too (the vault). */
  vault?: boolean;
  /** Portfolio data too (private: off unless the user turns it on). */
  portfolio?: boolean;
  /** Rows per remote transaction (default 20,000). */
  batch?: number;
  /** Only these observation tables (default all). */
  tables?: string[];
  timescale?: 'auto' | 'off';
  progress?: (e: SyncProgress) => void;
}

/** This data dir's id on remotes (its checkpoints and snapshot map are kept under it). */
export function syncOrigin(state: StateDb): string {
  const have = getState(state, 'sync.origin');
  if (typeof have === 'string') return have;
  const id = randomUUID();
  setState(state, 'sync.origin', id);
  return id;
}

/** Push or pull with the stores already open (the app's process, tests). */
export async function syncOpen(
  stores: { pg: Pg; state: StateDb; dataDir: string; resourcesDir?: string },
  opts: SyncOptions,
): Promise<SyncReport> {
  if (opts.portfolio)
    throw new AppError(
      'INVALID_INPUT',
      'syncing portfolio data is not available yet: portfolios stay on this computer',
    );
  const started = Date.now();
  const progress = opts.progress ?? (() => undefined);
  const names = opts.tables ?? OBSERVATION_TABLES.map((t) => t.name);
  for (const n of names)
    if (!OBSERVATION_TABLES.some((t) => t.name === n))
      throw new AppError('INVALID_INPUT', `not a synced table: ${n}`);
  const remote = await connectRemote(opts);
  try {
    progress({ phase: 'migrate', table: 'schema', rows: 0 });
    const schema = await migrateRemote(remote, stores.resourcesDir ?? defaultResourcesDir(), {
      timescale: opts.timescale,
    });
    const origin = syncOrigin(stores.state);
    const base = {
      pg: stores.pg,
      state: stores.state,
      remote,
      dataDir: stores.dataDir,
      origin,
      batch: opts.batch ?? 20_000,
      vault: opts.vault ?? false,
      progress,
    };
    const tables: Record<string, number> = {};
    if (opts.direction === 'push') {
      tables.snapshots = await pushSnapshots(base);
      await loadSnapshotMap(base);
      for (const n of names) tables[n] = await pushTable(base, n);
      Object.assign(tables, await pushLww(base));
    } else {
      const ctx = { ...base, remoteId: schema.remoteId };
      tables.snapshots = await pullSnapshots(ctx);
      for (const n of names) tables[n] = await pullTable(ctx, n);
      Object.assign(tables, await pullLww(ctx));
    }
    const report: SyncReport = {
      direction: opts.direction,
      remoteId: schema.remoteId,
      layout: schema.layout,
      migrated: schema.applied,
      tables,
      ms: Date.now() - started,
    };
    log.info(`sync ${opts.direction} done`, { remote: redactUrl(opts.url), ms: report.ms });
    return report;
  } finally {
    await remote.end().catch(() => undefined);
  }
}

/** `b3ai sync push|pull`: open the data dir (under its lock), sync, close. */
export async function syncDataDir(
  dataDir: string,
  opts: SyncOptions,
  resourcesDir: string = defaultResourcesDir(),
): Promise<SyncReport> {
  securePrivateDir(dataDir);
  const unlock = lockDataDir(dataDir, `b3ai sync ${opts.direction}`);
  try {
    const migrations = join(resourcesDir, 'migrations');
    const state = openState(dataDir, join(migrations, 'sqlite'));
    try {
      const pg = await openPg({ dir: pgDir(dataDir), migrationsDir: join(migrations, 'pg') });
      try {
        return await syncOpen({ pg, state, dataDir, resourcesDir }, opts);
      } finally {
        await pg.close();
      }
    } finally {
      state.close();
    }
  } finally {
    unlock();
  }
}
