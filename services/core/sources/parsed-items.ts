import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * What the parser returned for a snapshot, kept beside the vault (`<vault>/parsed/<id>.json.gz`) when
 * small enough, so `reparse` can say field by field what a fixed parser changed. Larger answers
 * (a year of CVM filings) keep only their digest and count.
 */
export const KEEP_PARSED_UP_TO = 5_000;

export function itemsDigest(items: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('hex');
}

function parsedPath(vault: string, snapshotId: number): string {
  return join(vault, 'parsed', `${snapshotId}.json.gz`);
}

export function keepParsed(vault: string, snapshotId: number, items: unknown[]): void {
  if (items.length > KEEP_PARSED_UP_TO) return;
  mkdirSync(join(vault, 'parsed'), { recursive: true, mode: 0o700 });
  const path = parsedPath(vault, snapshotId);
  writeFileSync(`${path}.tmp`, gzipSync(JSON.stringify(items)), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function readParsed(vault: string, snapshotId: number): unknown[] | null {
  const path = parsedPath(vault, snapshotId);
  if (!existsSync(path)) return null;
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as unknown[];
}
