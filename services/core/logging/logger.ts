import { pid } from 'node:process';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** One log record, as written in its JSON line. */
export interface LogEntry {
  time: string;
  level: LogLevel;
  scope: string;
  pid: number;
  msg: string;
  [field: string]: unknown;
}

export interface LogSink {
  /** `line` is the entry as one JSON line (with its newline); `entry` the same record, parsed. */
  write(line: string, entry: LogEntry): void;
}

export const stderrSink: LogSink = { write: (line) => void process.stderr.write(line) };

let sink: LogSink = stderrSink;
let minLevel: LogLevel = (process.env.B3AI_LOG_LEVEL as LogLevel | undefined) ?? 'info';

/** Route every logger's JSON lines somewhere else (a file, a test buffer). */
export function configureLogging(opts: { sink?: LogSink; level?: LogLevel }): void {
  if (opts.sink) sink = opts.sink;
  if (opts.level) minLevel = opts.level;
}

/** Every line to each of `sinks`; one failing sink does not keep the line from the others. */
export function teeSink(...sinks: LogSink[]): LogSink {
  return {
    write(line, entry) {
      for (const s of sinks) {
        try {
          s.write(line, entry);
        } catch {
          /* a log sink must never break the caller */
        }
      }
    },
  };
}

/** One logger for all services: JSON lines with {time, level, scope, pid, msg, ...fields}. */
export function createLogger(scope: string, base: Record<string, unknown> = {}): Logger {
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const entry: LogEntry = { time: new Date().toISOString(), level, scope, pid, msg, ...base, ...fields };
    sink.write(`${JSON.stringify(entry, errorReplacer)}\n`, entry);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(scope, { ...base, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
