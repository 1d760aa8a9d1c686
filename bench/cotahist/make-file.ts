import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { COTAHIST_DAILY } from '../../test/helpers/fixtures';

export const WORK_DIR = new URL('../.work/', import.meta.url).pathname;

/** The next `n` business days (Mon–Fri) from `start`, as YYYYMMDD. */
export function businessDays(start: string, n: number): string[] {
  const d = new Date(`${start}T00:00:00Z`);
  const out: string[] = [];
  while (out.length < n) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10).replace(/-/g, ''));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * A large COTAHIST file: the real daily file's records repeated for `days` business days with only
 * the date field (positions 3–10) rewritten; a header and a trailer whose count matches.
 */
export function makeBenchFile(days = 100): { path: string; records: number; bytes: number } {
  mkdirSync(WORK_DIR, { recursive: true });
  const path = join(WORK_DIR, `COTAHIST_BENCH_${days}D.TXT`);
  const lines = readFileSync(COTAHIST_DAILY(), 'latin1')
    .split('\r\n')
    .filter((l) => l.length > 0);
  const header = lines[0]!;
  const trailer = lines[lines.length - 1]!;
  const records = lines.slice(1, -1);
  const total = records.length * days;
  if (existsSync(path)) return { path, records: total, bytes: statSync(path).size };
  const dates = businessDays('2021-06-25', days);
  const last = dates[dates.length - 1]!;
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  writeSync(fd, `${header.slice(0, 23)}${last}${header.slice(31)}\r\n`, null, 'latin1');
  for (const date of dates) {
    const block = records.map((r) => `${r.slice(0, 2)}${date}${r.slice(10)}\r\n`).join('');
    writeSync(fd, block, null, 'latin1');
  }
  writeSync(
    fd,
    `${trailer.slice(0, 23)}${last}${String(total + 2).padStart(11, '0')}${trailer.slice(42)}\r\n`,
    null,
    'latin1',
  );
  closeSync(fd);
  renameSync(tmp, path);
  return { path, records: total, bytes: statSync(path).size };
}
