import { AppError } from '../../contract';
import { configureLogging, type LogLevel } from '../../core/logging/logger';
import { APP_VERSION } from '../../core/version';
import { analyzeCommand, analyzeHelp } from './analyze';
import { reportCommand, reportHelp } from './report';
import { UsageError } from './args';
import { importCommand, importHelp } from './import';
import { jobsCommand, jobsHelp } from './jobs';
import { quotesCommand, quotesHelp } from './quotes';
import { serveCommand, serveHelp } from './serve';
import {
  ingestCommand,
  ingestHelp,
  parseCommand,
  parseHelp,
  reparseCommand,
  reparseHelp,
  scrapeCommand,
  scrapeHelp,
} from './sources';

const HELP = `b3ai ${APP_VERSION} — B3 AI Analysis from the command line

Usage: b3ai <command> [options]

Commands:
  serve                      run the app headless: API + user interface on http://127.0.0.1
  import cotahist FILE...    import B3 COTAHIST files (.TXT or .ZIP)
  quotes TICKER              print a ticker's daily bars
  jobs create|list|show|cancel|retry|stats|queue
                             the durable job queue
  parse SOURCE MODEL FILE    run a source's parser on a saved page, print the items
  ingest SOURCE MODEL FILE   parse a saved page and store it (kept in the snapshot vault)
  scrape SOURCE MODEL QUERY  fetch from a source now (queued, waits for the result)
  reparse SOURCE             re-run today's parser over the stored raw payloads
  analyze TICKER             fundamentals, technicals, valuation and macro from the local data
  report TICKER              an AI report (a configured model, or the offline rule-based writer)

Data dir: --data-dir DIR, else $B3AI_DATA_DIR, else the desktop app's folder.
Run "b3ai <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: serveHelp },
  import: { run: importCommand, help: importHelp },
  quotes: { run: quotesCommand, help: quotesHelp },
  jobs: { run: jobsCommand, help: jobsHelp },
  parse: { run: parseCommand, help: parseHelp },
  ingest: { run: ingestCommand, help: ingestHelp },
  scrape: { run: scrapeCommand, help: scrapeHelp },
  reparse: { run: reparseCommand, help: reparseHelp },
  analyze: { run: analyzeCommand, help: analyzeHelp },
  report: { run: reportCommand, help: reportHelp },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(APP_VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`b3ai: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  configureLogging({
    level: (process.env.B3AI_LOG_LEVEL as LogLevel | undefined) ?? (name === 'serve' ? 'info' : 'warn'),
  });
  const json = rest.includes('--json');
  try {
    return await command.run(rest);
  } catch (e) {
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

process.exitCode = await main(process.argv.slice(2));
