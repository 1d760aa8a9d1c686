import { app, dialog, type BrowserWindow } from 'electron';
import type { DataDirStatus } from '../../services/contract';
import type { DataDirControl } from '../../services/core/desktop/hooks';
import { checkDataDirChoice, resolveDataDir, writeDataLocation } from '../../services/desktop/data-location';

/**
 * The data folder in the desktop app: resolved at start (services/desktop/data-location.ts), another
 * one picked in the OS folder dialog and kept for the next start. Electron-only: type-checked, not
 * run in this repository (the decisions live in data-location.ts and are tested there).
 */
export function dataDirControl(o: {
  current: string;
  window: () => BrowserWindow | undefined;
}): DataDirControl {
  const where = () =>
    resolveDataDir({ userData: app.getPath('userData'), argv: process.argv, env: process.env });
  const status = (): DataDirStatus => {
    const next = where();
    return {
      path: o.current,
      source: next.path === o.current ? next.source : 'chosen',
      can_choose: next.source !== 'argument' && next.source !== 'environment',
      next_start: next.path === o.current ? null : next.path,
    };
  };
  return {
    status,
    async choose() {
      const opts = {
        title: 'B3 AI Analysis',
        defaultPath: o.current,
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const win = o.window();
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      const picked = r.filePaths[0];
      if (r.canceled || !picked) return null;
      writeDataLocation(app.getPath('userData'), checkDataDirChoice(picked));
      return status();
    },
    restart() {
      app.relaunch();
      app.quit();
    },
  };
}
