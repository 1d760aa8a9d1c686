import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time owns a data dir (PGlite is single-writer). A lock left by a dead process is
 * taken over; a live owner is named in the error.
 */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string, owner: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'core.lock');
  if (heldHere.has(file)) {
    throw new AppError('UNAVAILABLE', `the data dir ${dataDir} is already open in this process`, {
      dataDir,
      pid: process.pid,
    });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, owner, since: new Date().toISOString() }));
      closeSync(fd);
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: number; owner?: string } = {};
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        /* unreadable lock: treat as stale */
      }
      // Our own pid in a lock we do not hold is a leftover from an earlier process (pids are reused).
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AppError(
          'UNAVAILABLE',
          `the data dir ${dataDir} is in use by process ${holder.pid} (${holder.owner ?? 'unknown'}); stop it or talk to it instead`,
          {
            dataDir,
            pid: holder.pid,
          },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('UNAVAILABLE', `could not lock the data dir ${dataDir}`, { dataDir });
}
