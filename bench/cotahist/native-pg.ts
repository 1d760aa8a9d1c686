import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../../test/helpers/fixtures';

const BIN = '/usr/lib/postgresql/15/bin';

export function nativePgAvailable(): boolean {
  return ['initdb', 'pg_ctl', 'psql'].every((b) => existsSync(join(BIN, b)));
}

/** Run a PostgreSQL binary; as root, through the `postgres` user (initdb refuses root). */
function pgRun(bin: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]]
    : [join(BIN, bin), args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Start a throwaway PostgreSQL 15 on loopback in a temp dir, create the app's schema, time
 * a server-side COPY of `copyFile` (COPY text format), stop and delete the server. Returns the ms
 * PostgreSQL reports for the COPY.
 */
export function nativeCopyMs(copyFile: string, port: number): { ms: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-bench-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const rows = join(dir, 'rows.copy');
  copyFileSync(copyFile, rows);
  chmodSync(rows, 0o644);
  const psql = (...cmds: string[]): string =>
    pgRun('psql', [
      '-X',
      '-q',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      ...cmds.flatMap((c) => ['-c', c]),
    ]);
  let started = false;
  try {
    pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    pgRun('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir}`,
      'start',
    ]);
    started = true;
    // The app's whole schema, as its migrations build it (later ones add columns to daily_bars).
    const migrations = join(RESOURCES_DIR, 'migrations', 'pg');
    for (const f of readdirSync(migrations)
      .filter((x) => x.endsWith('.sql'))
      .sort())
      psql(readFileSync(join(migrations, f), 'utf8'));
    const out = psql('\\timing on', `COPY daily_bars FROM '${rows}'`);
    const m = /Time: ([\d.]+) ms/.exec(out);
    if (!m) throw new Error(`no timing in psql output: ${out}`);
    const count = Number(
      psql('\\pset tuples_only on', 'SELECT count(*) FROM daily_bars').trim().split(/\s+/).pop(),
    );
    return { ms: Number(m[1]), rows: count };
  } finally {
    if (started) pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  }
}
