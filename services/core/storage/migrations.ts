import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract';
import { appPath } from '../app-root';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([\w-]+)\.sql$/;

/** Numbered SQL files (`0001_name.sql`) of one folder, in order; a duplicate number is an error. */
export function readMigrations(dir: string): Migration[] {
  const list = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = FILE.exec(f);
      if (!m)
        throw new AppError('INTERNAL', `migration file name must look like 0001_name.sql: ${join(dir, f)}`);
      return { version: Number(m[1]), name: m[2] ?? f, sql: readFileSync(join(dir, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  // Numbers may skip (a branch reserves its number while others are in flight); each is applied
  // once, by number, so a duplicate is the error.
  list.forEach((m, i) => {
    const prev = list[i - 1];
    if (m.version < 1 || (prev && prev.version === m.version))
      throw new AppError(
        'INTERNAL',
        `migrations in ${dir} must have distinct numbers from 1; found ${m.version} twice or below 1`,
      );
  });
  return list;
}

/** Where the shipped migrations live; the Electron shell passes its own resources folder. */
export function defaultResourcesDir(): string {
  return appPath('resources');
}
