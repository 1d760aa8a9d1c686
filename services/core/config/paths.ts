import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The product name Electron derives `userData` from; the headless core uses the same folder. */
export const PRODUCT_NAME = 'B3 AI Analysis';

/** Electron's `appData` for this OS, computed the way Electron does. */
export function appDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  // An empty variable counts as unset (XDG spec; Electron does the same).
  if (platform === 'win32') return env.APPDATA || join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

/** Data dir: the --data-dir flag, else B3AI_DATA_DIR, else Electron's userData folder. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.B3AI_DATA_DIR) return resolve(env.B3AI_DATA_DIR);
  return resolve(appDataDir(process.platform, env), PRODUCT_NAME);
}
