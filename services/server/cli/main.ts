import { setFlagsFromString } from 'node:v8';
import { APP_VERSION } from '../../core/version';
import { quietOnClosedPipe } from './pipe';

/**
 * The `b3ai` command table. Each command's module is loaded only when that command runs (a
 * dynamic import, its own chunk in the bundle), so `b3ai --help` loads none of zod, PGlite or the
 * core. To add a command: one entry here, `{ usage, summary, load: () => import('./x').then(...) }`.
 */
interface Command {
  /** The command as shown in the help, e.g. "quotes TICKER". */
  usage: string;
  summary: string;
  /** Loads the command's module and returns its runner (which handles its own --help). */
  load: () => Promise<(argv: string[]) => Promise<number>>;
}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'serve',
    summary: 'run the app headless: API + user interface on http://127.0.0.1',
    load: () => import('./serve').then((m) => m.serveCommand),
  },
  worker: {
    usage: 'worker --database postgres://…',
    summary: 'server mode: run jobs from the shared PostgreSQL queue (on any machine)',
    load: () => import('./worker').then((m) => m.workerCommand),
  },
  import: {
    usage: 'import cotahist FILE...',
    summary: 'import B3 COTAHIST files (.TXT or .ZIP)',
    load: () => import('./import').then((m) => m.importCommand),
  },
  quotes: {
    usage: 'quotes TICKER',
    summary: "print a ticker's daily bars",
    load: () => import('./quotes').then((m) => m.quotesCommand),
  },
  jobs: {
    usage: 'jobs create|list|show|cancel|retry|stats|queue',
    summary: 'the durable job queue',
    load: () => import('./jobs').then((m) => m.jobsCommand),
  },
  parse: {
    usage: 'parse SOURCE MODEL FILE',
    summary: "run a source's parser on a saved page, print the items",
    load: () => import('./sources').then((m) => m.parseCommand),
  },
  ingest: {
    usage: 'ingest SOURCE MODEL FILE',
    summary: 'parse a saved page and store it (kept in the snapshot vault)',
    load: () => import('./sources').then((m) => m.ingestCommand),
  },
  scrape: {
    usage: 'scrape SOURCE MODEL QUERY',
    summary: 'fetch from a source now (queued, waits for the result)',
    load: () => import('./sources').then((m) => m.scrapeCommand),
  },
  reparse: {
    usage: 'reparse SOURCE',
    summary: "re-run today's parser over the stored raw payloads",
    load: () => import('./sources').then((m) => m.reparseCommand),
  },
  analyze: {
    usage: 'analyze TICKER',
    summary: 'fundamentals, technicals, valuation and macro from the local data',
    load: () => import('./analyze').then((m) => m.analyzeCommand),
  },
  report: {
    usage: 'report TICKER',
    summary: 'an AI report (a configured model, or the offline rule-based writer)',
    load: () => import('./report').then((m) => m.reportCommand),
  },
  config: {
    usage: 'config show|validate|set|unset',
    summary: '<data-dir>/config.json: show (secrets redacted), check, change one setting',
    load: () => import('./config').then((m) => m.configCommand),
  },
  portfolio: {
    usage: 'portfolio import|positions|tax|report|income|performance',
    summary: 'your portfolio: B3 exports, average cost, monthly income tax (DARF), yearly report',
    load: () => import('./portfolio').then((m) => m.portfolioCommand),
  },
  watchlist: {
    usage: 'watchlist list|create|add|remove|delete',
    summary: 'your watchlists (the home page shows the first one)',
    load: () => import('./watchlist').then((m) => m.watchlistCommand),
  },
  alerts: {
    usage: 'alerts [list]|rules|add|delete|evaluate',
    summary: 'alert rules and the alerts they fired',
    load: () => import('./portfolio').then((m) => m.alertsCommand),
  },
  sql: {
    usage: 'sql "SELECT …"',
    summary: 'one read-only SQL statement on the analysis tables (--json, --csv, --schema)',
    load: () => import('./sql').then((m) => m.sqlCommand),
  },
  sync: {
    usage: 'sync push|pull --url postgres://…',
    summary: 'push this data dir to a remote PostgreSQL/TimescaleDB, or pull from it',
    load: () => import('./sync').then((m) => m.syncCommand),
  },
  sentiment: {
    usage: 'sentiment TEXT...',
    summary: 'the Portuguese sentiment of your own headlines (score, label, the words that counted)',
    load: () => import('./sentiment').then((m) => m.sentimentCommand),
  },
};

function help(): string {
  const width = 27;
  const lines = Object.values(COMMANDS).map((c) =>
    c.usage.length < width - 1
      ? `  ${c.usage.padEnd(width)}${c.summary}`
      : `  ${c.usage}\n  ${' '.repeat(width)}${c.summary}`,
  );
  return `b3ai ${APP_VERSION} — B3 AI Analysis from the command line

Usage: b3ai <command> [options]

Commands:
${lines.join('\n')}

Data dir: --data-dir DIR, else $B3AI_DATA_DIR, else the desktop app's folder.
Run "b3ai <command> --help" for a command's options.`;
}

/** The package a failed import could not find (a broken install), if that is what `e` is. */
function missingPackage(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (err.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  return /Cannot find package '([^']+)'/.exec(err.message)?.[1];
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(APP_VERSION);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`b3ai: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  // A one-shot command runs PGlite's WebAssembly with V8's baseline compiler only: tiering hot
  // functions up to TurboFan costs a short process more CPU (~40%) and memory (~90 MB) than it ever
  // wins back (bench/startup). The serving process keeps tier-up, for its long-lived queries.
  // serve and worker keep V8's tier-up; a sync reads or writes millions of rows through PGlite: it too.
  if (name !== 'serve' && name !== 'worker' && name !== 'sync') setFlagsFromString('--liftoff-only');
  const { configureLogging } = await import('../../core/logging/logger');
  type Level = Parameters<typeof configureLogging>[0]['level'];
  configureLogging({
    level: (process.env.B3AI_LOG_LEVEL as Level) ?? (name === 'serve' || name === 'worker' ? 'info' : 'warn'),
  });
  const json = rest.includes('--json');
  try {
    const run = await command.load();
    return await run(rest);
  } catch (e) {
    const missing = missingPackage(e);
    if (missing) {
      console.error(
        `b3ai: the package "${missing}" is not installed (node_modules is incomplete); run "npm install"`,
      );
      return 1;
    }
    // The command's module is loaded by now, and with it the contract: these imports cost nothing.
    const [{ AppError }, { UsageError }] = await Promise.all([import('../../contract'), import('./args')]);
    if (e instanceof UsageError) {
      console.error(`b3ai ${name}: ${e.message}\nRun "b3ai ${name} --help" for usage.`);
      return 2;
    }
    const err = e instanceof AppError ? e.toJSON() : { code: 'INTERNAL', message: (e as Error).message };
    if (json) console.log(JSON.stringify({ ok: false, error: err }));
    console.error(`b3ai ${name}: ${err.code}: ${err.message}`);
    return 1;
  }
}

quietOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
