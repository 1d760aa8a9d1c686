import { z } from 'zod';
import { startCore } from '../../core/app';
import { resolveDataDir } from '../../core/config/paths';
import { LOG_FORMATS, logToDataDir } from '../../core/logging/terminal';
import { redactDatabaseUrl } from '../../core/storage/pg-remote';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const workerHelp = `Usage: b3ai worker --database postgres://… [--data-dir DIR] [--size N] [--no-scheduler]
                   [--log-format auto|json|human]

Server mode: run fetch jobs from the job queue on a shared PostgreSQL, on this machine. Start as
many as you like, on as many machines; each job runs once (a worker that dies mid-job has its job
retried by another after the job type's timeout). Each worker keeps its own data dir (its local
state and its snapshot vault; point --data-dir at a shared folder to share the vault).

Options:
  --database URL    the PostgreSQL the server uses (also B3AI_DATABASE_URL); add ?sslmode=require for TLS
  --data-dir DIR    this worker's own folder (default: $B3AI_DATA_DIR, else the desktop app's folder)
  --size N          jobs at once in this worker (default 2)
  --no-scheduler    never run the schedules here (by default every worker may take the leader lock
                    and run them when the process holding it stops)
  --log-format F    as for b3ai serve
  -h, --help        show this help

Stop with Ctrl+C (running jobs get 10 s to finish; the rest are retried elsewhere).`;

const Options = z.object({
  database: z.string().regex(/^postgres(ql)?:\/\//, 'give a postgres:// URL'),
  'data-dir': z.string().optional(),
  size: z.coerce.number().int().min(1).max(64).default(2),
  'log-format': z.enum(LOG_FORMATS).default('auto'),
});

export async function workerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    database: { type: 'string' },
    ...DATA_DIR_OPTION,
    size: { type: 'string' },
    'no-scheduler': { type: 'boolean' },
    'log-format': { type: 'string' },
  });
  if (values.help) {
    console.log(workerHelp);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`worker takes no arguments, got "${positionals.join(' ')}"`);
  const opts = validate(Options, {
    database: values.database ?? process.env.B3AI_DATABASE_URL,
    'data-dir': values['data-dir'],
    size: values.size,
    'log-format': values['log-format'],
  });
  const dataDir = resolveDataDir(opts['data-dir']);
  const logging = logToDataDir({ dataDir, format: opts['log-format'] });
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  process.on('SIGINT', () => requestStop());
  process.on('SIGTERM', () => requestStop());
  try {
    const core = await startCore({
      dataDir,
      owner: 'b3ai worker',
      run: true,
      database: opts.database,
      scheduler: values['no-scheduler'] !== true,
      workers: { size: opts.size },
    });
    console.log(
      `b3ai worker ${process.pid} taking jobs from ${redactDatabaseUrl(opts.database)} (data: ${dataDir})`,
    );
    await stopRequested;
    console.log('Stopping…');
    await core.close();
    return 0;
  } finally {
    logging.close();
  }
}
