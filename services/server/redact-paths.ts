import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the app's package.json above `from` (the install path), or null. */
function installRoot(from: string): string | null {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function variants(path: string): string[] {
  const out = new Set<string>([path]);
  try {
    out.add(realpathSync(path));
  } catch {
    /* gone: the literal path is enough */
  }
  // As JSON text shows it (backslashes doubled on Windows).
  for (const p of [...out]) out.add(JSON.stringify(p).slice(1, -1));
  // Longest first, so a prefix never leaves the rest of a longer one behind.
  return [...out].filter((p) => p.length > 1).sort((a, b) => b.length - a.length);
}

const ROOT = installRoot(dirname(fileURLToPath(import.meta.url)));

/** Where the app is installed: never shown in an answer (it says who and where the user is). */
export const INSTALL_PATHS: readonly string[] = ROOT ? variants(ROOT) : [];

export const INSTALL_PLACEHOLDER = '<app>';

/** `text` with every occurrence of the install path replaced by `<app>`. */
export function redactInstallPath(text: string, paths: readonly string[] = INSTALL_PATHS): string {
  let out = text;
  for (const p of paths) if (out.includes(p)) out = out.split(p).join(INSTALL_PLACEHOLDER);
  return out;
}
