/**
 * What closing the last window does: `hide` keeps the app (and its schedules) running in the tray,
 * `quit` drains the jobs and exits, `stay` is macOS's own way (the app stays in the Dock).
 */
export function onAllWindowsClosed(o: {
  keepRunning: boolean;
  trayAvailable: boolean;
  platform: NodeJS.Platform;
}): 'hide' | 'quit' | 'stay' {
  if (o.keepRunning && o.trayAvailable) return 'hide';
  if (o.platform === 'darwin') return 'stay';
  return 'quit';
}

/** Whether a tray icon is expected to show on this desktop (Linux needs a StatusNotifier host). */
export function trayExpected(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  // GNOME without the AppIndicator extension shows no tray; most other desktops have one.
  const desktop = (env['XDG_CURRENT_DESKTOP'] ?? '').toLowerCase();
  if (!env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return false;
  return !desktop.split(':').includes('gnome') || env['B3AI_TRAY'] === '1';
}

/** `app.setLoginItemSettings` input: start hidden in the tray when launched at login. */
export function loginItemSettings(
  startAtLogin: boolean,
  platform: NodeJS.Platform,
): { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] } {
  if (platform === 'darwin') return { openAtLogin: startAtLogin, openAsHidden: true };
  return { openAtLogin: startAtLogin, args: startAtLogin ? ['--hidden'] : [] };
}

/** Launched at login (the args above): start in the tray, no window. */
export function startHidden(argv: readonly string[], wasOpenedAsHidden: boolean): boolean {
  return wasOpenedAsHidden || argv.includes('--hidden');
}
