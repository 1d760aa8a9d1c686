import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from './logger';

export interface RotatingFileOptions {
  /** The logs folder (made owner-only, 0700). */
  dir: string;
  /** File name stem: `<name>.log`, rotated to `<name>.1.log` … `<name>.<keep>.log`. */
  name?: string;
  /** Rotate before a line would take the file past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept besides the current one (the oldest is deleted). */
  keep?: number;
}

export interface FileSink extends LogSink {
  /** The file being written now. */
  readonly path: string;
  /** Stop writing (later lines are dropped); safe to call twice. */
  close(): void;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;

/**
 * JSON log lines appended to a file, rotated by size and count. Every line is one synchronous
 * `write(2)` on an O_APPEND descriptor: a line the logger returned from is in the OS's hands, so a
 * crash of this process loses nothing already logged. Files are 0600 in a 0700 folder.
 */
export function rotatingFileSink(opts: RotatingFileOptions): FileSink {
  const name = opts.name ?? 'b3ai';
  const maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = Math.max(0, opts.keep ?? DEFAULT_LOG_KEEP);
  const path = join(opts.dir, `${name}.log`);
  const rotated = (i: number): string => join(opts.dir, `${name}.${i}.log`);

  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  chmodSync(opts.dir, 0o700);
  let fd: number | undefined;
  let size = 0;

  const open = (): void => {
    fd = openSync(path, 'a', 0o600);
    fchmodSync(fd, 0o600); // a file left by an older version, or made under another umask
    size = fstatSync(fd).size;
  };

  const rotate = (): void => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    if (keep === 0) {
      rmSync(path, { force: true });
    } else {
      rmSync(rotated(keep), { force: true });
      for (let i = keep - 1; i >= 1; i--) if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
      renameSync(path, rotated(1));
    }
    open();
  };

  open();
  let closed = false;
  return {
    path,
    write(line) {
      if (closed) return;
      const bytes = Buffer.from(line, 'utf8');
      if (size > 0 && size + bytes.length > maxBytes) rotate();
      if (fd === undefined) return;
      writeSync(fd, bytes);
      size += bytes.length;
    },
    close() {
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
