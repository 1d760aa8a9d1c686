import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's own files are, the same whether this code runs from its TypeScript sources
 * (services/core/app-root.ts, under tsx or vitest) or bundled (out/main/*.js, out/main/chunks/*.js,
 * inside Electron's app.asar too): the nearest folder above this module holding package.json.
 * Paths are computed from there, never relative to this module, whose depth differs once bundled.
 */
function findAppRoot(from: string): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}: the app's files are not where expected`);
    dir = up;
  }
}

const here = fileURLToPath(import.meta.url);

/** The folder with package.json, resources/ and out/. */
export const APP_ROOT: string = findAppRoot(dirname(here));

/** True when running the .ts sources (tsx, vitest); false in the bundle built into out/. */
export const FROM_SOURCE: boolean = here.endsWith('.ts');

/** A path inside the app's folder. */
export function appPath(...parts: string[]): string {
  return join(APP_ROOT, ...parts);
}

/**
 * The worker processes' entry: the bundled out/main/worker.js when this code is bundled (the CLI,
 * `b3ai serve`), the TypeScript source (run through tsx, a dev dependency) when it is not.
 */
export function workerEntry(): string {
  return FROM_SOURCE
    ? appPath('services', 'core', 'workers', 'worker-main.ts')
    : appPath('out', 'main', 'worker.js');
}
