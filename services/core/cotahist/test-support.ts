import { readFileSync } from 'node:fs';
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
