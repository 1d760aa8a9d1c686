import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize, parse, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '../contract/errors';

/**
 * Where the desktop app keeps its data. Order: `--data-dir` on the command line, then
 * `B3AI_DATA_DIR`, then the folder the user chose in the first-run wizard (a small file in
 * Electron's own userData folder, which is never moved), then that userData folder itself.
 */
export const LOCATION_FILE = 'data-location.json';

export type DataDirSource = 'argument' | 'environment' | 'chosen' | 'default';

const LocationFile = z.object({ version: z.literal(1), data_dir: z.string().min(1).max(4096) });

function fromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length) || null;
    if (a === '--data-dir') return argv[i + 1] ?? null;
  }
  return null;
}

export function resolveDataDir(o: { userData: string; argv: readonly string[]; env: NodeJS.ProcessEnv }): {
  path: string;
  source: DataDirSource;
} {
  const arg = fromArgv(o.argv);
  if (arg) return { path: resolve(arg), source: 'argument' };
  const env = o.env['B3AI_DATA_DIR'];
  if (env) return { path: resolve(env), source: 'environment' };
  const file = join(o.userData, LOCATION_FILE);
  if (existsSync(file)) {
    try {
      const parsed = LocationFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      // A file that no longer reads, or names a relative path, is ignored (the default is used).
      if (parsed.success && isAbsolute(parsed.data.data_dir))
        return { path: normalize(parsed.data.data_dir), source: 'chosen' };
    } catch {
      /* unreadable: the default */
    }
  }
  return { path: o.userData, source: 'default' };
}

/** What a data dir holds once used (any one of them marks it as ours). */
const DATA_DIR_MARKERS = ['state.sqlite', 'pg', 'config.json', 'core.lock'];

/**
 * Whether a folder can hold the app's data: an absolute path, not a system root or the home folder
 * itself, a folder (or creatable), writable, and either empty or an existing data dir of this app
 * (never a folder of the user's own files). Errors name the path's problem, never its contents.
 */
export function checkDataDirChoice(path: string, home = homedir()): string {
  if (!isAbsolute(path))
    throw new AppError('INVALID_INPUT', 'the data folder must be an absolute path', { fields: ['path'] });
  const p = normalize(path).replace(/[\\/]+$/, '') || parse(path).root;
  const depth = p.split(sep).filter(Boolean).length;
  if (p === parse(p).root || depth < 2 || p === normalize(home))
    throw new AppError('INVALID_INPUT', 'choose a folder of its own, not a drive root or your home folder', {
      fields: ['path'],
    });
  if (existsSync(p)) {
    if (!statSync(p).isDirectory())
      throw new AppError('INVALID_INPUT', 'the chosen path is a file, not a folder', { fields: ['path'] });
    const entries = readdirSync(p).filter((n) => !n.startsWith('.'));
    if (entries.length > 0 && !entries.some((n) => DATA_DIR_MARKERS.includes(n)))
      throw new AppError(
        'CONFLICT',
        'the folder holds other files: choose an empty folder or an existing data folder of the app',
        { fields: ['path'] },
      );
  } else {
    mkdirSync(p, { recursive: true, mode: 0o700 });
  }
  try {
    accessSync(p, constants.W_OK);
    const probe = join(p, `.b3ai-write-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch {
    throw new AppError('FORBIDDEN', 'the app cannot write in that folder', { fields: ['path'] });
  }
  return p;
}

/** Record the choice (atomically); takes effect at the next start. */
export function writeDataLocation(userData: string, dataDir: string): void {
  mkdirSync(userData, { recursive: true });
  const file = join(userData, LOCATION_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ version: 1, data_dir: dataDir }, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}
