import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * "Start at login" on Linux: Electron's app.setLoginItemSettings does nothing there, so the app
 * writes an XDG autostart entry (freedesktop.org Desktop Application Autostart Specification) in
 * `$XDG_CONFIG_HOME/autostart/` (default `~/.config/autostart/`), and removes it when turned off.
 */
export const AUTOSTART_FILE = 'b3ai-analysis.desktop';

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const base = env['XDG_CONFIG_HOME'];
  return join(base && base.startsWith('/') ? base : join(home, '.config'), 'autostart');
}

/** An Exec= argument quoted as the Desktop Entry spec asks (reserved characters in double quotes). */
function quoteArg(a: string): string {
  if (/[\0\n\r]/.test(a)) throw new Error('an autostart argument cannot hold control characters');
  if (!/[\s"'\\$`<>~|&;*?#()%]/.test(a)) return a;
  return `"${a
    .replace(/\\/g, '\\\\\\\\')
    .replace(/(["`$])/g, '\\\\$1')
    .replace(/%/g, '%%')}"`;
}

/**
 * The entry: the AppImage itself when run from one (`APPIMAGE` is set by its runtime; the mounted
 * executable's path changes every run), else the installed executable; started hidden in the tray.
 */
export function autostartEntry(o: { execPath: string; env?: NodeJS.ProcessEnv; name?: string }): string {
  const exe = o.env?.['APPIMAGE'] || o.execPath;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${o.name ?? 'B3 AI Analysis'}`,
    'Comment=Collects B3 market data on its schedules',
    `Exec=${[exe, '--hidden'].map(quoteArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Write (atomically) or remove the entry; returns its path. */
export function setLinuxAutostart(enabled: boolean, entry: string, dir = autostartDir()): string {
  const file = join(dir, AUTOSTART_FILE);
  if (!enabled) {
    rmSync(file, { force: true });
    return file;
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, entry, { mode: 0o644 });
  renameSync(tmp, file);
  return file;
}
