import { readFileSync, writeFileSync } from 'node:fs';
import type { AppError } from '../../contract';
import { decodeRecord, type CotahistRecord } from './decode';
import { CotahistScanner, type ScanResult } from './scanner';

/** Scan a whole buffer, pushed in chunks of `chunk` bytes; collects decoded records. */
export function scanBuffer(
  buf: Buffer,
  name = 'test.TXT',
  chunk = 1 << 16,
): { result: ScanResult; records: CotahistRecord[] } {
  const records: CotahistRecord[] = [];
  const scanner = new CotahistScanner(name, (b, at, line) => records.push(decodeRecord(b, at, line)));
  for (let i = 0; i < buf.length; i += chunk) scanner.push(buf.subarray(i, i + chunk));
  return { result: scanner.end(), records };
}

export function scanFile(path: string, chunk?: number): { result: ScanResult; records: CotahistRecord[] } {
  return scanBuffer(readFileSync(path), path.split('/').pop(), chunk);
}

/** Run `fn` and return the AppError it throws (fails the test when it does not throw one). */
export function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error, none was thrown');
}

/**
 * Write a COTAHIST file holding the records of `daily` once per date (YYYYMMDD), only the date
 * field rewritten; the header carries the last date and the trailer the new line count.
 */
export function writeDaysFile(daily: string, dates: string[], target: string): string {
  const lines = readFileSync(daily, 'latin1')
    .split('\r\n')
    .filter((l) => l.length > 0);
  const [header, trailer] = [lines[0]!, lines.at(-1)!];
  const records = lines.slice(1, -1);
  const last = dates.at(-1)!;
  const out = [`${header.slice(0, 23)}${last}${header.slice(31)}`];
  for (const d of dates) for (const r of records) out.push(`${r.slice(0, 2)}${d}${r.slice(10)}`);
  const count = String(out.length + 1).padStart(11, '0');
  out.push(`${trailer.slice(0, 23)}${last}${count}${trailer.slice(42)}`, '');
  writeFileSync(target, out.join('\r\n'), 'latin1');
  return target;
}
