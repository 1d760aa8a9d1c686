import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A real PostgreSQL 15 (Debian's package) for tests: a throwaway cluster in a temp dir, on a free
 * loopback port, trust auth for loopback only, stopped and removed by `stop()`. No mock: the
 * sync and server-mode tests run against the engine users run.
 */
const BIN = process.env.B3AI_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export function realPgAvailable(): boolean {
  return ['initdb', 'pg_ctl'].every((b) => existsSync(join(BIN, b)));
}

/** initdb refuses to run as root: as root, run PostgreSQL's binaries as the `postgres` user. */
function argv(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]]
    : [join(BIN, bin), args];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RealPg {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<db>` */
  url(db?: string): string;
  /** Create a database (from template0) and give its URL. */
  createDb(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startRealPg(opts: { settings?: Record<string, string> } = {}): Promise<RealPg> {
  if (!realPgAvailable())
    throw new Error(`PostgreSQL 15 binaries not found in ${BIN} (apt install postgresql-15)`);
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const [c1, a1] = argv('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  await run(c1, a1);
  const extra = Object.entries({ fsync: 'off', ...opts.settings })
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const [c2, a2] = argv('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} ${extra}`,
    'start',
  ]);
  await run(c2, a2);
  const url = (db = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let stopped = false;
  const stopSync = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      const [c, a] = argv('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      execFileSync(c, a, { stdio: 'ignore' });
    } catch {
      /* already down */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  return {
    port,
    url,
    async createDb(name) {
      if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name)) throw new Error(`bad database name ${name}`);
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      process.removeListener('exit', stopSync);
      stopSync();
      return Promise.resolve();
    },
  };
}
