import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../../services/contract/security';

/** The page's own origin: the dev server in development, the built files otherwise. */
export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ?? `file://${fileURLToPath(new URL('../renderer/index.html', import.meta.url))}`;
}

export function isAppUrl(url: string): boolean {
  const base = rendererUrl();
  return base.startsWith('file://')
    ? url.split('#')[0]?.split('?')[0] === base
    : url.startsWith(new URL(base).origin);
}

export function installContentSecurityPolicy(): void {
  const csp = process.env.ELECTRON_RENDERER_URL ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No permission (camera, geolocation, notifications...) is ever needed.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'B3 AI Analysis',
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  const contents = win.webContents;
  // Navigation away from the app and new windows are blocked; http(s) links open in the system browser.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl());
  return win;
}
