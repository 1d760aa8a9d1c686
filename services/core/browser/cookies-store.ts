import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A cookie as status shows it: never its value. */
export interface ProfileCookie {
  host: string;
  name: string;
  /** ISO time; null for a cookie that ends with the browser session. */
  expiresAt: string | null;
  /** When the browser stored it (ISO). */
  createdAt: string | null;
  httpOnly: boolean;
}

/** Chromium's cookie times: microseconds since 1601-01-01 UTC. */
const EPOCH_1601_MS = 11_644_473_600_000n;

/** Where Chromium keeps a profile's cookies (`Network/` since Chrome 96, the profile root before). */
export function cookieDbPath(profile: string): string | null {
  for (const p of [join(profile, 'Default', 'Network', 'Cookies'), join(profile, 'Default', 'Cookies')])
    if (existsSync(p)) return p;
  return null;
}

export function chromiumTimeToIso(micros: bigint): string | null {
  if (micros <= 0n) return null;
  const ms = micros / 1000n - EPOCH_1601_MS;
  const d = new Date(Number(ms));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface Row {
  host_key: string;
  name: string;
  expires_utc: bigint;
  creation_utc: bigint;
  has_expires: bigint;
  is_httponly: bigint;
}

/**
 * The cookies of a profile's cookie store, names and expiry only. The browser may hold the database
 * open (and write through its WAL), so it is copied with its -wal/-journal to a private temp dir and
 * read there, read-only. Values are not selected. A profile with no cookie store yet gives [].
 */
export function readProfileCookies(profile: string): ProfileCookie[] {
  const db = cookieDbPath(profile);
  if (!db) return [];
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-cookies-'));
  try {
    const copy = join(dir, 'Cookies');
    copyFileSync(db, copy);
    for (const ext of ['-wal', '-journal']) if (existsSync(db + ext)) copyFileSync(db + ext, copy + ext);
    // Opened writable: it is our private copy (never the browser's), and a WAL to replay or a hot
    // rollback journal (the browser caught mid-write) must be applied to it before it reads
    // consistently; read-only, SQLite refuses that with "attempt to write a readonly database".
    const sql = new Database(copy, { fileMustExist: true });
    try {
      const rows = sql
        .prepare('SELECT host_key, name, creation_utc, expires_utc, has_expires, is_httponly FROM cookies')
        .safeIntegers(true)
        .all() as Row[];
      return rows.map((r) => ({
        host: r.host_key,
        name: r.name,
        expiresAt: r.has_expires ? chromiumTimeToIso(r.expires_utc) : null,
        createdAt: chromiumTimeToIso(r.creation_utc),
        httpOnly: r.is_httponly === 1n,
      }));
    } finally {
      sql.close();
    }
  } catch (e) {
    // A store caught mid-write reads on the next poll; its path may name the user's home, not its contents.
    if (e instanceof Error && /SQLITE_BUSY|SQLITE_CORRUPT|malformed|locked/i.test(e.message)) return [];
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
