import { spawn } from 'node:child_process';
import { z } from 'zod';
import { startCore } from '../../core/app';
import { appPath } from '../../core/app-root';
import { resolveDataDir } from '../../core/config/paths';
import { LOG_FORMATS, logToDataDir, readyLine } from '../../core/logging/terminal';
import { startApiServer, type ApiServer } from '../http';
import { writeServerFile } from '../server-file';
import { ensureApiToken } from '../token';
import { serveLocalApiControl } from '../../desktop/local-api';
import type { DesktopHooks } from '../../core/desktop/hooks';
import { DATA_DIR_OPTION, parse, UsageError, validate } from './args';

export const DEFAULT_PORT = 4817;

export const serveHelp = `Usage: b3ai serve [--port N] [--data-dir DIR] [--no-open] [--pause-schedules]
                  [--log-format auto|json|human] [--database postgres://… [--no-jobs]]

Start the app headless: the API and the user interface over HTTP on 127.0.0.1.

Options:
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir DIR    where the databases live (default: $B3AI_DATA_DIR, else the desktop app's folder)
  --no-open         do not open a browser
  --pause-schedules show the schedules but queue nothing when they fire (also B3AI_PAUSE_SCHEDULES=1)
  --database URL    server mode: a remote PostgreSQL as the store and the job queue (also
                    B3AI_DATABASE_URL); workers elsewhere run "b3ai worker --database URL"
  --no-jobs         server mode: run no jobs here, only the API (and the schedules when leader)
  --log-format F    the JSON log always goes to <data-dir>/logs/b3ai.log; "json" copies it to stderr,
                    "auto" (default) too unless stderr is a terminal, "human" never (errors only).
                    Level: B3AI_LOG_LEVEL=debug|info|warn|error (default info)
  -h, --help        show this help

The printed link signs a browser in once (it works for 10 minutes; the page then keeps a session
cookie); POST /api/session/link with the token makes another. Everything under /api/ needs
"Authorization: Bearer <token>" (the token is in <data-dir>/api-token) or that browser session.
API docs: /docs and /openapi.json. Stop with Ctrl+C.`;

const Options = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  'data-dir': z.string().optional(),
  open: z.boolean().default(true),
  'log-format': z.enum(LOG_FORMATS).default('auto'),
  database: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'give a postgres:// URL')
    .optional(),
});

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser here: the URL is printed */
  }
}

function browserAvailable(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string' },
    ...DATA_DIR_OPTION,
    'no-open': { type: 'boolean' },
    'pause-schedules': { type: 'boolean' },
    'log-format': { type: 'string' },
    database: { type: 'string' },
    'no-jobs': { type: 'boolean' },
  });
  if (values.help) {
    console.log(serveHelp);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments, got "${positionals.join(' ')}"`);
  const opts = validate(Options, {
    port: values.port,
    'data-dir': values['data-dir'],
    open: !values['no-open'],
    'log-format': values['log-format'],
    database: values.database ?? (process.env.B3AI_DATABASE_URL || undefined),
  });
  const dataDir = resolveDataDir(opts['data-dir']);
  const schedulesPaused = values['pause-schedules'] === true || process.env.B3AI_PAUSE_SCHEDULES === '1';
  const logging = logToDataDir({ dataDir, format: opts['log-format'] });
  try {
    return await serve(dataDir, opts, schedulesPaused, values['no-jobs'] !== true);
  } finally {
    logging.close();
  }
}

async function serve(
  dataDir: string,
  opts: z.output<typeof Options>,
  schedulesPaused: boolean,
  runJobs = true,
): Promise<number> {
  // Listen for stop signals before anything else: a signal that arrives while starting (or right
  // after the URL is printed) must stop the app cleanly, not kill it. A terminal's Ctrl+C can also
  // arrive twice (from the shell and from `npm start` forwarding it): later ones are ignored.
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  const onSignal = (): void => requestStop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The `desktop.*` methods answer for b3ai serve too (the token can be regenerated live).
  const desktop: DesktopHooks = {};
  const core = await startCore({
    dataDir,
    owner: 'b3ai serve',
    run: true,
    schedulesPaused,
    desktop,
    ...(opts.database ? { database: opts.database, runJobs } : {}),
  });
  let token = ensureApiToken(dataDir);
  let server: ApiServer | undefined;
  desktop.localApi = serveLocalApiControl({ dataDir, server: () => server, setToken: (t) => (token = t) });
  try {
    await core.orchestrator.add({
      name: 'api',
      async start() {
        server = await startApiServer({
          core,
          token: () => token,
          port: opts.port,
          staticDir: appPath('out', 'renderer'),
        });
      },
      stop: async () => server?.close(),
      health: () => Promise.resolve({ status: 'healthy', url: server?.url }),
    });
  } catch (e) {
    await core.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`port ${opts.port} is in use; pass --port 0 for any free port`);
    throw e;
  }
  if (!server) throw new Error('the API server did not start');
  const removeServerFile = writeServerFile(dataDir, { pid: process.pid, url: server.url });
  // One line for the person at the terminal; the rest is in the log file (see logToDataDir).
  // The URL shown and the one opened are one-time sign-in links (each its own code): the page
  // never holds the token, the browser gets a session cookie instead.
  console.log(readyLine(server.signInUrl(), dataDir));
  if (opts.open && browserAvailable()) openBrowser(server.signInUrl());

  await stopRequested;
  console.log('Stopping…');
  removeServerFile();
  await core.close();
  return 0;
}
