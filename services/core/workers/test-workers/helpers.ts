// Shared helpers for the workers tests (not a worker entry).
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../logging/logger';

export const fixture = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown>;
}

/** A Logger that keeps its entries in memory, so tests can read what was logged. */
export function memoryLogger(
  entries: LogEntry[] = [],
  base: Record<string, unknown> = {},
): Logger & { entries: LogEntry[] } {
  const at =
    (level: LogEntry['level']) =>
    (msg: string, fields: Record<string, unknown> = {}): void => {
      entries.push({ level, msg, fields: { ...base, ...fields } });
    };
  return {
    entries,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => memoryLogger(entries, { ...base, ...fields }),
  };
}

/** True once `pid` no longer exists (process.kill(pid, 0) throws ESRCH). */
export function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
