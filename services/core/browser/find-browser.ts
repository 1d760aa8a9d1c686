import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../contract/errors';

/**
 * Finding a Chromium-family browser already on the user's machine (Chrome, Chromium, Edge, Brave):
 * the configured path (`browser.executablePath` in config.json) or `B3AI_CHROMIUM` first, else the
 * standard install paths of the OS. Pure: the file-existence check and the environment are given.
 */
export interface FindBrowserOptions {
  /** `browser.executablePath` from the config. */
  configured?: string | undefined;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  exists?: (path: string) => boolean;
}

export interface FoundBrowser {
  path: string;
  /** Where it came from: `config`, `B3AI_CHROMIUM`, or the browser's name. */
  from: string;
}

interface Candidate {
  name: string;
  path: string;
}

const LINUX: Candidate[] = [
  { name: 'Google Chrome', path: '/usr/bin/google-chrome-stable' },
  { name: 'Google Chrome', path: '/usr/bin/google-chrome' },
  { name: 'Google Chrome', path: '/opt/google/chrome/chrome' },
  { name: 'Chromium', path: '/usr/bin/chromium' },
  { name: 'Chromium', path: '/usr/bin/chromium-browser' },
  { name: 'Chromium', path: '/snap/bin/chromium' },
  { name: 'Microsoft Edge', path: '/usr/bin/microsoft-edge-stable' },
  { name: 'Microsoft Edge', path: '/usr/bin/microsoft-edge' },
  { name: 'Brave', path: '/usr/bin/brave-browser' },
  { name: 'Brave', path: '/usr/bin/brave-browser-stable' },
  { name: 'Brave', path: '/snap/bin/brave' },
];

const MAC_APPS: Candidate[] = [
  { name: 'Google Chrome', path: 'Google Chrome.app/Contents/MacOS/Google Chrome' },
  { name: 'Chromium', path: 'Chromium.app/Contents/MacOS/Chromium' },
  { name: 'Microsoft Edge', path: 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge' },
  { name: 'Brave', path: 'Brave Browser.app/Contents/MacOS/Brave Browser' },
];

const WIN_APPS: Candidate[] = [
  { name: 'Google Chrome', path: 'Google\\Chrome\\Application\\chrome.exe' },
  { name: 'Chromium', path: 'Chromium\\Application\\chrome.exe' },
  { name: 'Microsoft Edge', path: 'Microsoft\\Edge\\Application\\msedge.exe' },
  { name: 'Brave', path: 'BraveSoftware\\Brave-Browser\\Application\\brave.exe' },
];

/** The standard install paths looked at on `platform`, in order of preference. */
export function standardPaths(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined> = {},
): Candidate[] {
  if (platform === 'darwin') {
    const home = env['HOME'];
    const roots = ['/Applications', ...(home ? [join(home, 'Applications')] : [])];
    return roots.flatMap((root) => MAC_APPS.map((c) => ({ name: c.name, path: `${root}/${c.path}` })));
  }
  if (platform === 'win32') {
    const roots = [
      env['PROGRAMFILES'] ?? 'C:\\Program Files',
      env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      ...(env['LOCALAPPDATA'] ? [env['LOCALAPPDATA']] : []),
    ];
    return WIN_APPS.flatMap((c) => roots.map((root) => ({ name: c.name, path: `${root}\\${c.path}` })));
  }
  return LINUX;
}

/** The browser to drive, or UNAVAILABLE whose message lists every browser and path looked for. */
export function findBrowser(o: FindBrowserOptions = {}): FoundBrowser {
  const env = o.env ?? process.env;
  const exists = o.exists ?? existsSync;
  const platform = o.platform ?? process.platform;
  const looked: string[] = [];
  const explicit: [string, string | undefined][] = [
    ['config', o.configured],
    ['B3AI_CHROMIUM', env['B3AI_CHROMIUM']],
  ];
  for (const [from, path] of explicit) {
    if (!path) continue;
    if (exists(path)) return { path, from };
    looked.push(`${path} (${from === 'config' ? 'browser.executablePath' : from})`);
  }
  const candidates = standardPaths(platform, env);
  for (const c of candidates) {
    if (exists(c.path)) return { path: c.path, from: c.name };
    looked.push(c.path);
  }
  const names = [...new Set(candidates.map((c) => c.name))].join(', ');
  throw new AppError(
    'UNAVAILABLE',
    `no Chromium-family browser found (looked for ${names}; set browser.executablePath in config.json ` +
      `or B3AI_CHROMIUM): ${looked.join(', ')}`,
    { browsers: [...new Set(candidates.map((c) => c.name))], looked },
  );
}

/**
 * Linux distributions' headless shells, packaged from the same sources as their Chromium and
 * installed at the same version (Debian's and Ubuntu's `chromium-headless-shell` depends on the exact
 * `chromium-common` its `chromium` does): the same profile format, lighter and faster for jobs that
 * never show a window. Keyed by the Chromium they belong to. Other shells (Playwright's or
 * Puppeteer's downloads) are not used: their version may not match the profile the user signed in with.
 */
const SHELLS: Record<string, string[]> = {
  // The binary itself: Debian's /usr/bin/chromium-headless-shell is a script that does not `exec` it,
  // so its pid would not be the browser's (a hung browser is killed by pid).
  '/usr/bin/chromium': ['/usr/lib/chromium/chromium-headless-shell'],
  '/usr/bin/chromium-browser': ['/usr/lib/chromium/chromium-headless-shell'],
};

/**
 * The browser for headless jobs: `findBrowser`'s, or the headless shell packaged with it where one
 * is installed (only for a browser found on the standard paths: a path the user set is used as is).
 */
export function findHeadlessBrowser(o: FindBrowserOptions = {}): FoundBrowser {
  const found = findBrowser(o);
  if (
    found.from === 'config' ||
    found.from === 'B3AI_CHROMIUM' ||
    (o.platform ?? process.platform) !== 'linux'
  )
    return found;
  const exists = o.exists ?? existsSync;
  const shell = SHELLS[found.path]?.find((p) => exists(p));
  return shell ? { path: shell, from: `${found.from} headless shell` } : found;
}
