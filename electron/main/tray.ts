import { autostartEntry, setLinuxAutostart } from '../../services/desktop/shell/autostart-linux';
import { join } from 'node:path';
import { app, Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Core } from '../../services/core/app';
import type { DesktopHooks } from '../../services/core/desktop/hooks';
import { notificationSwitches, type DesktopSettingsStore } from '../../services/core/desktop/settings';
import { createLogger } from '../../services/core/logging/logger';
import { loginItemSettings } from '../../services/desktop/shell/background';
import { NoticeRouter, signinNotices, updateNotice } from '../../services/desktop/shell/notifications';
import {
  trayMenu,
  trayTooltip,
  updateAction,
  type ShellLocale,
} from '../../services/desktop/shell/tray-model';
import type { UpdateService } from '../../services/desktop/updates/update-service';

const log = createLogger('electron.tray');

/**
 * The thin Electron side of the tray, notifications and login item: every decision is in
 * services/desktop/shell (tested there); this file only builds Menu items, shows Notifications and
 * calls app.setLoginItemSettings. Electron-only: type-checked, not run in this repository.
 */
export function startShell(o: {
  core: Core;
  desktop: DesktopHooks;
  settings: DesktopSettingsStore;
  updates: UpdateService;
  resourcesDir: string;
  showWindow: () => void;
  quit: () => void;
  trayWanted: boolean;
}): { tray: Tray | null; refresh: () => void; dispose: () => void; notifyUpdate: (version: string) => void } {
  const locale = (): ShellLocale => (app.getLocale().toLowerCase().startsWith('pt') ? 'pt-BR' : 'en');
  let tray: Tray | null = null;
  if (o.trayWanted) {
    try {
      tray = new Tray(nativeImage.createFromPath(join(o.resourcesDir, 'tray', 'tray.png')));
      tray.on('click', o.showWindow);
    } catch (error) {
      log.warn('no tray on this desktop', { error });
      tray = null;
    }
  }

  const refresh = (): void => {
    if (!tray) return;
    const paused = o.desktop.schedules?.paused ?? false;
    const items = trayMenu({
      locale: locale(),
      updates: o.updates.status(),
      schedulesPaused: paused,
      schedulesAvailable: o.desktop.schedules !== undefined,
    });
    const template: MenuItemConstructorOptions[] = items.map((i) => {
      if (i.kind === 'separator') return { type: 'separator' };
      if (i.kind === 'toggle')
        return {
          type: 'checkbox',
          label: i.label,
          checked: i.checked,
          enabled: i.enabled,
          click: (item) => {
            o.desktop.schedules?.setPaused(item.checked);
            refresh();
          },
        };
      const click =
        i.id === 'open'
          ? o.showWindow
          : i.id === 'quit'
            ? o.quit
            : () => {
                const action = updateAction(o.updates.status().phase);
                if (action === 'install') void o.updates.install();
                else if (action === 'check') void o.updates.check().finally(refresh);
              };
      return { label: i.label, enabled: i.enabled, click };
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setToolTip(trayTooltip(locale(), paused));
  };

  const router = new NoticeRouter({
    enabled: (kind) => notificationSwitches(o.settings.get())[kind],
    locale,
    show: (n) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title: n.title, body: n.body });
      note.on('click', o.showWindow);
      note.show();
    },
  });
  const off = o.core.events.subscribe((name, payload) => {
    router.onEvent(name, payload);
    if (name === 'job.updated') refresh();
  });
  // Sign-ins about to expire: looked at a while after start, then twice a day.
  const checkSignins = (): void => {
    void o.core.call('scrapers.cookiesStatus', {}).then((r) => {
      if (!r.ok) return;
      for (const n of signinNotices(r.data as Parameters<typeof signinNotices>[0], locale())) router.offer(n);
    });
  };
  const first = setTimeout(checkSignins, 5 * 60_000);
  const every = setInterval(checkSignins, 12 * 60 * 60_000);
  const poll = setInterval(refresh, 60_000);
  refresh();

  const linuxAutostart = process.platform === 'linux' && app.isPackaged;
  o.desktop.shell = {
    capabilities: {
      tray: tray !== null,
      // Linux: an XDG autostart entry, for packaged builds (a dev run's executable is Electron's own).
      login_item: process.platform === 'win32' || process.platform === 'darwin' || linuxAutostart,
      os_notifications: Notification.isSupported(),
    },
    applyPrefs: (s) => {
      if (process.platform === 'win32' || process.platform === 'darwin')
        app.setLoginItemSettings(loginItemSettings(s.startAtLogin, process.platform));
      else if (linuxAutostart)
        setLinuxAutostart(s.startAtLogin, autostartEntry({ execPath: process.execPath, env: process.env }));
      refresh();
    },
  };

  return {
    tray,
    refresh,
    dispose: () => {
      off();
      clearTimeout(first);
      clearInterval(every);
      clearInterval(poll);
      tray?.destroy();
    },
    // The update downloaded: the caller wires UpdateService.onDownloaded to this.
    notifyUpdate: (version: string) => void router.offer(updateNotice(version, locale())),
  };
}
