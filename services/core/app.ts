import { join } from 'node:path';
import type { Result } from '../contract';
import type { Ctx } from './context';
import { dispatch } from './dispatch';
import { EventBus } from './events/bus';
import { handlers } from './handlers';
import { createLogger } from './logging/logger';
import { lockDataDir } from './storage/lock';
import { defaultResourcesDir } from './storage/migrations';
import { openPg, pgDir, type Pg } from './storage/pg';
import { openState, type StateDb } from './storage/state';
import { APP_VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  /** Folder with `migrations/{pg,sqlite}`; defaults to the repo's `resources/`. */
  resourcesDir?: string;
  version?: string;
  /** Who holds the data dir, for the lock file (`b3ai serve`, `electron`, ...). */
  owner?: string;
  /** A PGlite `dumpDataDir` tarball to start from (tests). */
  pgTemplate?: Blob;
}

export interface Core {
  readonly dataDir: string;
  readonly version: string;
  readonly events: EventBus;
  /** Validate, run and answer one API call; never throws. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Close both databases and release the data dir. Safe to call twice. */
  close(): Promise<void>;
}

/** Open the stores (SQLite state, then PGlite), and expose the API over one `call`. */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const log = createLogger('core');
  const resources = opts.resourcesDir ?? defaultResourcesDir();
  const unlock = lockDataDir(opts.dataDir, opts.owner ?? 'b3ai');
  let state: StateDb | undefined;
  let pg: Pg | undefined;
  try {
    state = openState(opts.dataDir, join(resources, 'migrations', 'sqlite'));
    pg = await openPg({
      dir: pgDir(opts.dataDir),
      migrationsDir: join(resources, 'migrations', 'pg'),
      ...(opts.pgTemplate ? { template: opts.pgTemplate } : {}),
    });
  } catch (e) {
    state?.close();
    unlock();
    throw e;
  }
  const ctx: Ctx = {
    dataDir: opts.dataDir,
    version: opts.version ?? APP_VERSION,
    pg,
    state,
    events: new EventBus(),
    log,
  };
  let closing: Promise<void> | undefined;
  log.info('core started', { dataDir: opts.dataDir, version: ctx.version });
  return {
    dataDir: ctx.dataDir,
    version: ctx.version,
    events: ctx.events,
    call: (method, input) => dispatch(handlers, method, input, ctx),
    close: () => {
      closing ??= (async () => {
        try {
          await ctx.pg.close();
        } finally {
          ctx.state.close();
          unlock();
          log.info('core stopped', { dataDir: ctx.dataDir });
        }
      })();
      return closing;
    },
  };
}
