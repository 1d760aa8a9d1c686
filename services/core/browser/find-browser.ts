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
