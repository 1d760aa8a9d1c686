import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { startCore, type Core } from '../../services/core/app';
import type { DesktopHooks } from '../../services/core/desktop/hooks';
import { DesktopSettingsStore } from '../../services/core/desktop/settings';
import { LocalApi } from '../../services/desktop/local-api';
import { updateOffer } from '../../services/desktop/updates/policy';
import { UpdateService } from '../../services/desktop/updates/update-service';
import { electronUpdaterEngine } from './updater';
import { onAllWindowsClosed, startHidden, trayExpected } from '../../services/desktop/shell/background';
import { startShell } from './tray';
import { createLogger } from '../../services/core/logging/logger';
import { forwardEvents, registerIpc } from './ipc';
import { electronPdfRenderer } from './pdf';
import { dataDirControl } from './data-dir';
import { resolveDataDir } from '../../services/desktop/data-location';
import { safeStorageCipher } from './safe-storage-cipher';
import { utilitySpawner } from './utility-worker';
import { createMainWindow, installContentSecurityPolicy, isAppUrl } from './window';

const log = createLogger('electron.main');
let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
/** Set once the shell (tray, settings) is up: what closing the last window does. */
let whenAllClosed: () => 'hide' | 'quit' | 'stay' = () => (process.platform === 'darwin' ? 'stay' : 'quit');

function resourcesDir(): string {
  // Packaged: electron-builder copies resources/migrations to <resources>/migrations (extraResources).
  return app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow();
    if (core) forwardEvents(core, mainWindow.webContents);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  installContentSecurityPolicy();
  const cipher = safeStorageCipher();
  if (!cipher) log.warn('safeStorage unavailable: model keys are kept in the data dir key file (mode 0600)');
  // Filled below once the parts that need the core exist (the desktop.* methods read it late).
  const desktop: DesktopHooks = {};
  // --data-dir, B3AI_DATA_DIR, the folder chosen in the wizard, or Electron's userData folder.
  const dataDir = resolveDataDir({
    userData: app.getPath('userData'),
    argv: process.argv,
    env: process.env,
  }).path;
  desktop.dataDir = dataDirControl({ current: dataDir, window: () => mainWindow });
  const c = await startCore({
    desktop,
    dataDir,
    resourcesDir: resourcesDir(),
    version: app.getVersion(),
    owner: 'electron',
    run: true,
    workers: { spawn: utilitySpawner(fileURLToPath(new URL('./worker.js', import.meta.url))) },
    // Model keys encrypted by the OS keychain where Electron can reach one; else the key file.
    ...(cipher ? { secretCipher: cipher } : {}),
    pdfRenderer: electronPdfRenderer(),
  });
  core = c;
  let unregister: (() => void) | undefined;
  // The IPC adapter is this shell's API component: started last, stopped first.
  await c.orchestrator.add({
    name: 'api',
    start: () => {
      unregister = registerIpc(c, (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url));
      return Promise.resolve();
    },
    stop: () => {
      unregister?.();
      return Promise.resolve();
    },
    health: () => Promise.resolve({ status: 'healthy', transport: 'ipc' }),
  });
  // The optional localhost REST port (Settings → API local): b3ai serve's adapter, off by default.
  const settings = new DesktopSettingsStore(() => c.stores().state);
  const localApi = new LocalApi({
    core: c,
    settings,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  });
  desktop.localApi = localApi;
  await c.orchestrator.add({
    name: 'local-api',
    start: () => localApi.startFromSettings().then(() => undefined),
    stop: () => localApi.close(),
    health: () => {
      const s = localApi.status();
      return Promise.resolve({
        status: s.enabled && !s.running ? 'degraded' : 'healthy',
        enabled: s.enabled,
        url: s.url,
      });
    },
  });
  // Auto-update: packaged builds only; checks a while after start, then daily; never blocks.
  const offer = updateOffer({ packaged: app.isPackaged, platform: process.platform, env: process.env });
  const late: { notifyUpdate?: (version: string) => void } = {};
  const updates = new UpdateService({
    engine: electronUpdaterEngine(),
    settings,
    currentVersion: app.getVersion(),
    offer,
    onDownloaded: (found) => late.notifyUpdate?.(found.version),
  });
  desktop.updates = updates;
  await c.orchestrator.add({
    name: 'updates',
    start: () => Promise.resolve(updates.start()),
    stop: () => Promise.resolve(updates.stop()),
    health: () => Promise.resolve({ status: 'healthy', phase: updates.status().phase }),
  });
  // Tray (open, update now, pause schedules, quit), notifications and the login item.
  const shell = startShell({
    core: c,
    desktop,
    settings,
    updates,
    resourcesDir: resourcesDir(),
    showWindow,
    quit: () => app.quit(),
    trayWanted: trayExpected(process.platform, process.env),
  });
  late.notifyUpdate = shell.notifyUpdate;
  desktop.shell?.applyPrefs(settings.get());
  app.once('will-quit', shell.dispose);
  whenAllClosed = () =>
    onAllWindowsClosed({
      keepRunning: settings.get().keepRunning ?? shell.tray !== null,
      trayAvailable: shell.tray !== null,
      platform: process.platform,
    });
  const loginItem = process.platform === 'linux' ? undefined : app.getLoginItemSettings();
  if (!startHidden(process.argv, loginItem?.wasOpenedAsHidden ?? false) || !shell.tray) showWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log.error('start failed', { error: e });
      app.exit(1);
    });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) showWindow();
  });
  app.on('window-all-closed', () => {
    // 'hide': the app stays in the tray and the schedules keep running; 'stay': macOS's Dock.
    if (whenAllClosed() === 'quit') app.quit();
  });
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    const c = core;
    core = undefined;
    c.close()
      .catch((e: unknown) => log.error('close failed', { error: e }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
