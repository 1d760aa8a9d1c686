import pg from 'pg';
import type { Logger } from '../logging/logger';

export interface LeaderOptions {
  url: string;
  /** The lock's name (one leader per name and database). */
  name?: string;
  /** How often a standby tries to take the lock, and the leader checks its connection (default 1 s). */
  pollMs?: number;
  log: Logger;
  /** Became the leader: start what only one process may run (the scheduler). */
  onLead(): Promise<void>;
  /** Lost the lock (its connection broke) or stopping: stop it. */
  onLose(): Promise<void>;
}

export interface Leader {
  readonly isLeader: boolean;
  stop(): Promise<void>;
}

/**
 * One process owns the scheduler: a PostgreSQL session advisory lock held on a dedicated
 * connection. When the holder dies (even `kill -9`) its connection closes and PostgreSQL releases
 * the lock; a standby polling every `pollMs` takes it. TCP keepalives (client and server side)
 * bound how long a holder that vanished without closing its socket (a host gone) keeps it.
 */
export function startLeaderElection(o: LeaderOptions): Leader {
  const pollMs = o.pollMs ?? 1000;
  const key = o.name ?? 'b3ai.scheduler';
  let client: pg.Client | undefined;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const drop = async (why: string): Promise<void> => {
    const c = client;
    client = undefined;
    c?.end().catch(() => undefined);
    if (leading) {
      leading = false;
      o.log.warn('scheduler leadership lost', { why });
      await o.onLose().catch((error: unknown) => o.log.warn('stopping the scheduler failed', { error }));
    }
  };

  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      if (!client) {
        const c = new pg.Client({
          connectionString: o.url,
          application_name: 'b3ai-leader',
          keepAlive: true,
          keepAliveInitialDelayMillis: 5_000,
          options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
        });
        c.on('error', () => void drop('connection error'));
        await c.connect();
        client = c;
      }
      if (leading) {
        await client.query('SELECT 1');
      } else {
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
          key,
        ]);
        if (r.rows[0]?.ok && !stopped) {
          leading = true;
          o.log.info('scheduler leadership taken', { pid: process.pid });
          await o.onLead();
        }
      }
    } catch (e) {
      await drop((e as Error).message);
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), pollMs);
    }
  };
  void tick();

  return {
    get isLeader() {
      return leading;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await drop('stopping');
    },
  };
}
