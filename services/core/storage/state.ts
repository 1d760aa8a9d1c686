import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../logging/logger';
import { readMigrations } from './migrations';

const log = createLogger('storage.state');

export type StateDb = Database.Database;

/** The operational state database (better-sqlite3, WAL), migrated to the latest schema. */
export function openState(dataDir: string, migrationsDir: string): StateDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'state.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
    );
    const done = new Set(
      db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
    for (const m of readMigrations(migrationsDir)) {
      if (done.has(m.version)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name);
      })();
      log.info('migration applied', { db: 'sqlite', version: m.version, name: m.name });
    }
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function setState(db: StateDb, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO app_state (key, value) VALUES (?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  ).run(key, JSON.stringify(value));
}

export function getState(db: StateDb, key: string): unknown {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM app_state WHERE key = ?').get(key);
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}
