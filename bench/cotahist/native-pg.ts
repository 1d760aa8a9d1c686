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

export interface NativeCopy {
  /** What psql's `\timing` reports for the COPY statement (autocommit: the commit included). */
  ms: number;
  /** CPU time (user + system) of the server process for the COPY (log_statement_stats). */
  cpuMs: number;
  rows: number;
}

/**
 * A throwaway PostgreSQL 15 on loopback in a temp dir (Debian's defaults: fsync on,
 * synchronous_commit on), holding a template database with the app's whole schema as its
 * migrations build it. Each `copy` runs in a new database made from that template, so every run
 * loads into an empty `daily_bars` with its primary key, as our import of a first file does.
 */
export class NativePg {
  private readonly dir = mkdtempSync(join(tmpdir(), 'b3ai-bench-pg-'));
  private readonly data = join(this.dir, 'data');
  private readonly log = join(this.dir, 'log');
  private started = false;
  private runs = 0;

  constructor(private readonly port: number) {
    chmodSync(this.dir, 0o777);
  }

  start(): void {
    pgRun('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
    pgRun('pg_ctl', [
      '-D',
      this.data,
      '-w',
      '-l',
      this.log,
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${this.port} -c unix_socket_directories=${this.dir}`,
      'start',
    ]);
    this.started = true;
    this.psql('postgres', 'CREATE DATABASE app_schema');
    const migrations = join(RESOURCES_DIR, 'migrations', 'pg');
    for (const f of readdirSync(migrations)
      .filter((x) => x.endsWith('.sql'))
      .sort())
      this.psql('app_schema', readFileSync(join(migrations, f), 'utf8'));
  }

  /** Time a server-side `COPY daily_bars FROM '<file>'` (COPY text format) into a fresh database. */
  copy(copyFile: string): NativeCopy {
    const rowsFile = join(this.dir, 'rows.copy');
    copyFileSync(copyFile, rowsFile);
    chmodSync(rowsFile, 0o644);
    const db = `run${++this.runs}`;
    this.psql('postgres', `CREATE DATABASE ${db} TEMPLATE app_schema`);
    try {
      // A checkpoint first, so the COPY does not pay for writing out the CREATE DATABASE.
      this.psql('postgres', 'CHECKPOINT');
      const logBefore = readFileSync(this.log, 'utf8').length;
      const out = this.psql(
        db,
        'SET log_statement_stats = on',
        '\\timing on',
        `COPY daily_bars FROM '${rowsFile}'`,
      );
      const m = /Time: ([\d.]+) ms/.exec(out);
      if (!m) throw new Error(`no timing in psql output: ${out}`);
      // The last statement's figures: the COPY's (the SET before it logs its own).
      const stats = [
        ...readFileSync(this.log, 'utf8')
          .slice(logBefore)
          .matchAll(/!\s+([\d.]+) s user, ([\d.]+) s system/g),
      ].pop();
      const count = Number(
        this.psql(db, '\\pset tuples_only on', 'SELECT count(*) FROM daily_bars').trim().split(/\s+/).pop(),
      );
      const cpuMs = stats ? (Number(stats[1]) + Number(stats[2])) * 1000 : NaN;
      return { ms: Number(m[1]), cpuMs, rows: count };
    } finally {
      this.psql('postgres', `DROP DATABASE ${db}`);
    }
  }

  stop(): void {
    if (this.started) pgRun('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    this.started = false;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private psql(db: string, ...cmds: string[]): string {
    return pgRun('psql', [
      '-X',
      '-q',
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      db,
      '-v',
      'ON_ERROR_STOP=1',
      ...cmds.flatMap((c) => ['-c', c]),
    ]);
  }
}
