import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * The vault's payload files: `<vault>/<sha[0:2]>/<sha>.gz`, content-addressed by the sha256 of the
 * raw bytes, gzip-compressed, written once (temp file + rename, so concurrent writers of the same
 * content — two worker processes — cannot leave a torn file). No database here: workers call this.
 */
export function vaultDir(dataDir: string): string {
  return join(dataDir, 'vault');
}

export function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function blobPath(vault: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`vault: not a sha256: ${sha}`);
  return join(vault, sha.slice(0, 2), `${sha}.gz`);
}

export interface StoredBlob {
  sha256: string;
  bytes: number;
  storedBytes: number;
  /** False when the same content was already in the vault. */
  created: boolean;
}

export function putBlob(vault: string, body: Buffer): StoredBlob {
  const sha = sha256(body);
  const path = blobPath(vault, sha);
  if (existsSync(path))
    return { sha256: sha, bytes: body.length, storedBytes: statSync(path).size, created: false };
  // Owner-only, whatever the umask: payloads can be anything the user ingested.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const packed = gzipSync(body, { level: 6 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, packed, { mode: 0o600 });
  renameSync(temp, path);
  return { sha256: sha, bytes: body.length, storedBytes: packed.length, created: true };
}

/** The raw bytes of a stored payload, checked against their address. */
export function readBlob(vault: string, sha: string): Buffer {
  const body = gunzipSync(readFileSync(blobPath(vault, sha)));
  if (sha256(body) !== sha)
    throw new Error(`vault: payload ${sha} is corrupt (its content no longer matches)`);
  return body;
}

export function removeBlob(vault: string, sha: string): void {
  rmSync(blobPath(vault, sha), { force: true });
  rmSync(screenshotPath(vault, sha), { force: true });
}

/**
 * A PNG of the page a browser fetch read, kept beside its payload as `<sha>.png` when the parser
 * said LAYOUT_CHANGED (what the page looked like when it stopped parsing).
 */
export function screenshotPath(vault: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`vault: not a sha256: ${sha}`);
  return join(vault, sha.slice(0, 2), `${sha}.png`);
}

export function putScreenshot(vault: string, sha: string, png: Buffer): void {
  const path = screenshotPath(vault, sha);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, png, { mode: 0o600 });
  renameSync(temp, path);
}

export function hasScreenshot(vault: string, sha: string): boolean {
  return existsSync(screenshotPath(vault, sha));
}
