import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../logging/logger';

export interface ConfigWatcherOptions {
  /** The watched file (`<data-dir>/config.json`); its folder is what fs.watch follows. */
  file: string;
  /** Whether the file's bytes differ from what was last applied. */
  changed: () => boolean;
  /** Reload it; a refused file is the reload's business (it logs and keeps the old settings). */
  reload: () => Promise<unknown>;
  log: Logger;
  /** Quiet time after the last event before reading (editors write in bursts). */
  debounceMs?: number;
}

/**
 * Watches the data dir (not the file: editors replace it by renaming a new file over it, which ends a
 * watch on the file itself) and reloads after a quiet `debounceMs`. A file that has vanished is read
 * again one debounce later before its absence counts (an editor between unlink and rename).
 */
export function watchConfigFile(o: ConfigWatcherOptions): { close(): void } {
  const name = basename(o.file);
  const wait = o.debounceMs ?? 250;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  let missingOnce = false;

  const settle = (): void => {
    timer = undefined;
    if (closed) return;
    if (!existsSync(o.file) && !missingOnce) {
      missingOnce = true;
      timer = setTimeout(settle, wait);
      return;
    }
    missingOnce = false;
    running = running
      .then(async () => {
        if (closed || !o.changed()) return;
        await o.reload();
      })
      .catch(() => undefined); // refused files are logged by reload
  };
  const poke = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(settle, wait);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(o.file), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) poke();
    });
    watcher.on('error', (e) => o.log.warn('config watcher stopped', { error: e }));
  } catch (e) {
    o.log.warn('cannot watch the config file: reload it with POST /api/config/reload', { error: e });
  }
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
