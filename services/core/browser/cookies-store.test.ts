import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readProfileCookies } from './cookies-store';

// A cookie store of our own making with Chromium's columns (no capture of a real profile is kept).
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function makeStore(dir: string): Database.Database {
  const db = new Database(join(dir, 'Cookies'));
  db.pragma('journal_mode = DELETE');
  db.exec(`CREATE TABLE cookies (host_key TEXT, name TEXT, value TEXT, creation_utc INTEGER,
    expires_utc INTEGER, has_expires INTEGER, is_httponly INTEGER)`);
  db.prepare('INSERT INTO cookies VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    '.example.com',
    'session',
    'secret',
    13_300_000_000_000_000n,
    13_400_000_000_000_000n,
    1,
    1,
  );
  return db;
}

describe('readProfileCookies', () => {
  it('reads a store the browser left mid-write (a hot rollback journal beside it)', () => {
    const live = mkdtempSync(join(tmpdir(), 'b3ai-cookies-live-'));
    const profile = mkdtempSync(join(tmpdir(), 'b3ai-cookies-prof-'));
    dirs.push(live, profile);
    const db = makeStore(live);
    // A transaction large enough to spill pages into the database file before its commit.
    db.pragma('cache_size = 2');
    db.exec('BEGIN');
    const ins = db.prepare('INSERT INTO cookies VALUES (?, ?, ?, 0, 0, 0, 0)');
    for (let i = 0; i < 2000; i++) ins.run(`.h${i}.com`, `c${i}`, 'x'.repeat(200));
    expect(existsSync(join(live, 'Cookies-journal'))).toBe(true);
    // What a copy taken at that moment holds: the half-written database and its journal.
    mkdirSync(join(profile, 'Default', 'Network'), { recursive: true });
    copyFileSync(join(live, 'Cookies'), join(profile, 'Default', 'Network', 'Cookies'));
    copyFileSync(join(live, 'Cookies-journal'), join(profile, 'Default', 'Network', 'Cookies-journal'));
    db.exec('ROLLBACK');
    db.close();

    const got = readProfileCookies(profile);
    // The journal rolled back on the private copy: the one committed cookie, never its value.
    expect(got).toEqual([expect.objectContaining({ host: '.example.com', name: 'session', httpOnly: true })]);
    expect(JSON.stringify(got)).not.toContain('secret');
    // The profile's own files are left as they were.
    expect(existsSync(join(profile, 'Default', 'Network', 'Cookies-journal'))).toBe(true);
  });

  it('gives [] for a profile with no cookie store', () => {
    const profile = mkdtempSync(join(tmpdir(), 'b3ai-cookies-none-'));
    dirs.push(profile);
    expect(readProfileCookies(profile)).toEqual([]);
  });
});
