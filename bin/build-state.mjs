// Is out/ up to date with the sources? The build writes out/.build/<target>.json (see
// electron.vite.config.ts): when it ran and which source files went into it. Up to date means every
// entry file is there and no listed source changed (or vanished) since: one stat per file, ~300 files.
// Shared by bin/b3ai.mjs, scripts/start.mjs and scripts/postinstall.mjs; no dependencies.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * @param {string[]} targets build targets to check: 'main' (CLI, server, workers, Electron main),
 *   'preload', 'renderer' (the UI)
 * @returns {{ fresh: true } | { fresh: false, reason: string }}
 */
export function buildState(targets = ['main'], root = APP_ROOT) {
  for (const target of targets) {
    let info;
    try {
      info = JSON.parse(readFileSync(join(root, 'out', '.build', `${target}.json`), 'utf8'));
    } catch {
      return { fresh: false, reason: `out/ has no complete build of the ${target} code` };
    }
    for (const entry of info.entries) {
      if (!existsSync(join(root, entry))) return { fresh: false, reason: `${entry} is missing` };
    }
    for (const source of info.sources) {
      let mtime;
      try {
        mtime = statSync(join(root, source)).mtimeMs;
      } catch {
        return { fresh: false, reason: `${source} was removed since the last build` };
      }
      if (mtime > info.builtAt) return { fresh: false, reason: `${source} changed since the last build` };
    }
  }
  return { fresh: true };
}

/** Packages the app needs at run time (package.json's dependencies) that node_modules lacks. */
export function missingDependencies(root = APP_ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {}).filter(
    (name) => !existsSync(join(root, 'node_modules', name, 'package.json')),
  );
}
