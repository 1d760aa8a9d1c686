import { join } from 'node:path';
import type { Input, MethodName, Output } from '../contract';
import { AppError } from '../contract';
import type { Ctx } from './context';
import { dispatch } from './dispatch';
import { securePrivateDir, securePrivateTree } from './files/private-files';
import type { Handlers } from './handlers';
import { quotesList } from './handlers/quotes';
import { createLogger } from './logging/logger';
import { lockDataDir } from './storage/lock';
import { defaultResourcesDir } from './storage/migrations';
import { openPg, pgDir } from './storage/pg';

/** The methods that need nothing but the data dir's PostgreSQL. */
const PG_ONLY = { 'quotes.list': quotesList } as const;
export type PgOnlyMethod = keyof typeof PG_ONLY & MethodName;

/**
 * One call of a read method for a one-shot command (`b3ai quotes`): the data dir's PostgreSQL alone,
 * opened under the same lock, modes and migrations as the core's, without the rest of the core (the
 * state database, job queue, sources, scheduler), which a command that only reads bars never uses
 * and whose code a cold process would otherwise load. The call goes through the same dispatch
 * (input and output checked against the contract); a failure is thrown as an AppError.
 */
export async function callOnPg<M extends PgOnlyMethod>(
  dataDir: string,
  owner: string,
  method: M,
  input: Input<M>,
  resourcesDir: string = defaultResourcesDir(),
): Promise<Output<M>> {
  securePrivateDir(dataDir);
  const unlock = lockDataDir(dataDir, owner);
  try {
    const pg = await openPg({ dir: pgDir(dataDir), migrationsDir: join(resourcesDir, 'migrations', 'pg') });
    try {
      securePrivateTree(pgDir(dataDir));
      // Only what these handlers read: the methods in PG_ONLY use ctx.pg (and ctx.log on failure).
      const ctx = { dataDir, pg, log: createLogger('core') } as Partial<Ctx> as Ctx;
      const r = await dispatch(PG_ONLY as unknown as Handlers, method, input, ctx);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
      return r.data as Output<M>;
    } finally {
      await pg.close();
    }
  } finally {
    unlock();
  }
}
