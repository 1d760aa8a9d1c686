import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { findBrowser, findHeadlessBrowser, standardPaths } from './find-browser';

const only =
  (...paths: string[]) =>
  (p: string): boolean =>
    paths.includes(p);

function unavailable(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('UNAVAILABLE');
    return e as AppError;
  }
  throw new Error('expected UNAVAILABLE');
}

describe('findBrowser', () => {
  it('takes the configured path first, then B3AI_CHROMIUM, then the standard paths', () => {
    const env = { B3AI_CHROMIUM: '/opt/mine/chrome' };
    const exists = only('/custom/brave', '/opt/mine/chrome', '/usr/bin/chromium');
    expect(findBrowser({ configured: '/custom/brave', env, platform: 'linux', exists })).toEqual({
      path: '/custom/brave',
      from: 'config',
    });
    expect(findBrowser({ env, platform: 'linux', exists })).toEqual({
      path: '/opt/mine/chrome',
      from: 'B3AI_CHROMIUM',
    });
    expect(findBrowser({ env: {}, platform: 'linux', exists })).toEqual({
      path: '/usr/bin/chromium',
      from: 'Chromium',
    });
  });

  it('skips a configured path that does not exist and says so if nothing is found', () => {
    const exists = only('/usr/bin/brave-browser');
    expect(findBrowser({ configured: '/nope/chrome', env: {}, platform: 'linux', exists }).path).toBe(
      '/usr/bin/brave-browser',
    );
    const e = unavailable(() =>
      findBrowser({
        configured: '/nope/chrome',
        env: { B3AI_CHROMIUM: '/nope/env' },
        platform: 'linux',
        exists: () => false,
      }),
    );
    for (const part of [
      '/nope/chrome (browser.executablePath)',
      '/nope/env (B3AI_CHROMIUM)',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/microsoft-edge',
      '/usr/bin/brave-browser',
      'Google Chrome, Chromium, Microsoft Edge, Brave',
    ])
      expect(e.message).toContain(part);
  });

  it('prefers Chrome over Chromium, Edge and Brave on Linux', () => {
    const exists = only('/usr/bin/google-chrome', '/usr/bin/chromium', '/usr/bin/microsoft-edge');
    expect(findBrowser({ env: {}, platform: 'linux', exists })).toEqual({
      path: '/usr/bin/google-chrome',
      from: 'Google Chrome',
    });
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    const env = { HOME: '/Users/ana' };
    const edge = '/Users/ana/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser({ env, platform: 'darwin', exists: only(edge) })).toEqual({
      path: edge,
      from: 'Microsoft Edge',
    });
    const e = unavailable(() => findBrowser({ env, platform: 'darwin', exists: () => false }));
    expect(e.message).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(e.message).toContain('/Applications/Brave Browser.app/Contents/MacOS/Brave Browser');
  });

  it('looks in Program Files and LocalAppData on Windows', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' };
    const chrome = 'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser({ env, platform: 'win32', exists: only(chrome, edge) })).toEqual({
      path: chrome,
      from: 'Google Chrome',
    });
    expect(findBrowser({ env, platform: 'win32', exists: only(edge) }).from).toBe('Microsoft Edge');
    const paths = standardPaths('win32', env).map((c) => c.path);
    expect(paths).toContain('C:\\Program Files\\BraveSoftware\\Brave-Browser\\Application\\brave.exe');
  });

  it('really finds /usr/bin/chromium on this machine', () => {
    expect(existsSync('/usr/bin/chromium')).toBe(true);
    const found = findBrowser({ env: {}, platform: 'linux' });
    expect(existsSync(found.path)).toBe(true);
    expect(found.path).toBe('/usr/bin/chromium');
  });
});

describe('findHeadlessBrowser', () => {
  const shell = '/usr/lib/chromium/chromium-headless-shell';

  it("uses the distribution's headless shell packaged with the Chromium found", () => {
    const exists = only('/usr/bin/chromium', shell);
    expect(findHeadlessBrowser({ env: {}, platform: 'linux', exists })).toEqual({
      path: shell,
      from: 'Chromium headless shell',
    });
  });

  it('keeps the browser found when it has no shell, or is not Chromium', () => {
    expect(findHeadlessBrowser({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium') }).path).toBe(
      '/usr/bin/chromium',
    );
    const chrome = only('/usr/bin/google-chrome', '/usr/bin/chromium', shell);
    expect(findHeadlessBrowser({ env: {}, platform: 'linux', exists: chrome }).path).toBe(
      '/usr/bin/google-chrome',
    );
  });

  it('never replaces a path the user set', () => {
    const exists = only('/usr/bin/chromium', shell);
    expect(
      findHeadlessBrowser({ configured: '/usr/bin/chromium', env: {}, platform: 'linux', exists }),
    ).toEqual({
      path: '/usr/bin/chromium',
      from: 'config',
    });
    const env = { B3AI_CHROMIUM: '/usr/bin/chromium' };
    expect(findHeadlessBrowser({ env, platform: 'linux', exists }).from).toBe('B3AI_CHROMIUM');
  });

  it("really finds Debian's shell on this machine (.ci/run installs it)", () => {
    expect(findHeadlessBrowser({ env: {}, platform: 'linux' }).path).toBe(shell);
  });
});
