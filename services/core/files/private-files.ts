import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Owner-only modes for everything in the data dir. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * New files and folders of this process (and of the worker processes it starts, which inherit it)
 * readable by the owner only: the umask every writer gets, whatever mode it forgets to pass
 * (PGlite's files, SQLite's WAL, the vault, logs). Not available in worker threads: there the
 * explicit modes of each writer still apply.
 */
export function useOwnerOnlyUmask(): void {
  try {
    process.umask(0o077);
  } catch {
    /* a worker thread cannot change the process umask */
  }
}

/**
 * Make the data dir private: create it 0700, and fix what an older version left readable by others
 * (the folder itself and its top-level entries: `pg/`, `state.sqlite`, `vault/`, `ai/`, logs…).
 * Folders below are reachable only through these, so the top level is enough to close them.
 * Symbolic links are left alone (their target is not ours to change).
 */
export function securePrivateDir(dataDir: string): void {
  useOwnerOnlyUmask();
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    try {
      const st = lstatSync(path);
      if (st.isDirectory()) {
        if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
      } else if (st.isFile()) {
        if ((st.mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
      }
    } catch {
      /* removed meanwhile, or not ours: nothing to fix */
    }
  }
}

/**
 * Owner-only modes for every entry under `dir`. PGlite's Postgres sets the modes of some files it
 * writes itself (pg_internal.init comes out 0644 whatever the umask): a pass after it opens closes them.
 */
export function securePrivateTree(dir: string): void {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(current, name);
      try {
        const st = lstatSync(path);
        if (st.isDirectory()) {
          if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE);
          stack.push(path);
        } else if (st.isFile() && (st.mode & 0o077) !== 0) {
          chmodSync(path, st.mode & 0o700);
        }
      } catch {
        /* removed meanwhile */
      }
    }
  }
}
