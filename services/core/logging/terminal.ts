import { join } from 'node:path';
import { rotatingFileSink, type RotatingFileOptions } from './file-sink';
import { configureLogging, teeSink, type LogEntry, type LogSink } from './logger';

/**
 * Where the JSON log goes besides `<data-dir>/logs/`: `json` copies it to stderr, `auto` does so only
 * when stderr is not a terminal (CI, tests, pipes, a service manager), `human` never does.
 */
export const LOG_FORMATS = ['auto', 'json', 'human'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Whether the JSON log lines go to stderr too. */
export function jsonLogOnStderr(format: LogFormat, stderrIsTTY: boolean): boolean {
  return format === 'json' || (format === 'auto' && !stderrIsTTY);
}

/**
 * The one line a person sees when the app is up. `url` is whatever they should open (the plain
 * address, or one that signs the browser in).
 */
export function readyLine(url: string, dataDir: string): string {
  return `B3 AI Analysis is running at ${url}  (data: ${dataDir})  Ctrl+C to stop`;
}

/** An error-level entry as one line for a person: scope, message, the error's message, the log file. */
export function humanErrorLine(entry: LogEntry, logFile: string): string {
  const error = entry.error as { message?: unknown } | undefined;
  const reason = typeof error?.message === 'string' ? `: ${error.message.split('\n')[0]}` : '';
  return `b3ai: ${entry.scope}: ${entry.msg}${reason} (details in ${logFile})\n`;
}

export interface TerminalLoggingOptions {
  dataDir: string;
  format: LogFormat;
  /** Defaults to process.stderr.isTTY. */
  stderrIsTTY?: boolean;
  /** Defaults to process.stderr. */
  stderr?: { write(text: string): unknown };
  rotation?: Omit<RotatingFileOptions, 'dir'>;
}

export interface TerminalLogging {
  /** The JSON log file being written. */
  logFile: string;
  /** Whether the JSON lines also go to stderr. */
  jsonOnStderr: boolean;
  close(): void;
}

/**
 * Logging for a process a person starts from a terminal (`b3ai serve`, `npm start`): the JSON log
 * to `<data-dir>/logs/b3ai.log` (rotated), and to stderr as well when `jsonLogOnStderr` says so.
 * On a terminal, stderr shows only errors, one short line each.
 */
export function logToDataDir(opts: TerminalLoggingOptions): TerminalLogging {
  const stderr = opts.stderr ?? process.stderr;
  const json = jsonLogOnStderr(opts.format, opts.stderrIsTTY ?? Boolean(process.stderr.isTTY));
  const file = rotatingFileSink({ dir: join(opts.dataDir, 'logs'), ...opts.rotation });
  const terminal: LogSink = json
    ? { write: (line) => void stderr.write(line) }
    : {
        write: (_line, entry) => {
          if (entry.level === 'error') stderr.write(humanErrorLine(entry, file.path));
        },
      };
  configureLogging({ sink: teeSink(file, terminal) });
  return { logFile: file.path, jsonOnStderr: json, close: () => file.close() };
}
