import { z } from 'zod';
import { resolveDataDir } from '../../core/config/paths';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const syncHelp = `Usage: b3ai sync push --url postgres://USER@HOST:PORT/DB [options]
       b3ai sync pull --url postgres://USER@HOST:PORT/DB [options]

push: send this data dir's data to a remote PostgreSQL (TimescaleDB where installed): daily bars,
fundamentals, dividends, statements, macro series, news, reports and the snapshot index; then
watchlists, saved screens, schedules and settings (never a secret). Incremental and resumable:
only what the remote has not got from this computer goes, and a push cut short loses nothing.
pull: bring the remote's data into this data dir (new or existing); user-edited state is
last-writer-wins by time. Portfolio data stays on this computer.

Options:
  --url URL          the remote database (a password in it is never printed; or $B3AI_SYNC_URL)
  --sslmode MODE     disable | prefer (default) | require | verify-ca | verify-full
  --ca-file FILE     PEM of the CA that signed the server's certificate (verify-ca/verify-full)
  --vault            carry the raw payloads (the snapshot vault) too
  --batch N          rows per remote transaction (default 20000)
  --tables A,B       only these tables (default all)
  --no-timescale     plain tables with BRIN indexes even where TimescaleDB is available
  --data-dir DIR     where the databases live
  --json             print the report as JSON (progress goes to stderr)
  -h, --help         show this help`;

const Options = z.object({
  direction: z.enum(['push', 'pull']),
  url: z.string().min(1, 'give --url postgres://… (or set $B3AI_SYNC_URL)'),
  sslmode: z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']).optional(),
  caFile: z.string().optional(),
  batch: z.coerce.number().int().min(100).max(500_000).optional(),
  tables: z.array(z.string().regex(/^[a-z_]+$/)).optional(),
});

export async function syncCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...DATA_DIR_OPTION,
    url: { type: 'string' },
    sslmode: { type: 'string' },
    'ca-file': { type: 'string' },
    vault: { type: 'boolean' },
    batch: { type: 'string' },
    tables: { type: 'string' },
    'no-timescale': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(syncHelp);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('give push or pull, e.g. b3ai sync push --url postgres://…');
  const input = validate(Options, {
    direction: positionals[0],
    url: (values.url as string | undefined) ?? process.env.B3AI_SYNC_URL ?? '',
    sslmode: values.sslmode,
    caFile: values['ca-file'],
    batch: values.batch,
    tables: typeof values.tables === 'string' ? values.tables.split(',') : undefined,
  });
  const { syncDataDir } = await import('../../core/sync/sync');
  const dataDir = resolveDataDir(values['data-dir'] as string | undefined);
  let last = 0;
  const report = await syncDataDir(dataDir, {
    ...input,
    vault: values.vault === true,
    timescale: values['no-timescale'] ? 'off' : 'auto',
    progress: (e) => {
      // One line per table step, at most every 250 ms (the tests read them to pick kill instants).
      const now = Date.now();
      if (now - last < 250 && e.rows !== e.total) return;
      last = now;
      console.error(`${e.phase} ${e.table} ${e.rows}${e.total !== undefined ? `/${e.total}` : ''}`);
    },
  });
  if (values.json) {
    console.log(JSON.stringify(report));
    return 0;
  }
  console.log(
    `sync ${report.direction}: remote ${report.remoteId} (${report.layout}); ${(report.ms / 1000).toFixed(1)} s`,
  );
  if (report.migrated.length) console.log(`remote schema: applied ${report.migrated.join(', ')}`);
  for (const [t, n] of Object.entries(report.tables)) if (n) console.log(`  ${t.padEnd(22)} ${n} rows`);
  return 0;
}
