import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, PRODUCT_NAME, resolveDataDir } from './paths';

describe('appDataDir', () => {
  it('Linux: $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(appDataDir('linux', { XDG_CONFIG_HOME: '/xdg/conf' })).toBe('/xdg/conf');
    expect(appDataDir('linux', {})).toBe(join(homedir(), '.config'));
    expect(appDataDir('freebsd', {})).toBe(join(homedir(), '.config'));
  });

  it('Linux: an empty $XDG_CONFIG_HOME counts as unset (XDG spec, Electron)', () => {
    expect(appDataDir('linux', { XDG_CONFIG_HOME: '' })).toBe(join(homedir(), '.config'));
  });

  it('macOS: ~/Library/Application Support, whatever the environment says', () => {
    expect(appDataDir('darwin', { XDG_CONFIG_HOME: '/xdg', APPDATA: 'C:\\x' })).toBe(
      join(homedir(), 'Library', 'Application Support'),
    );
  });

  it('Windows: %APPDATA%, else ~/AppData/Roaming', () => {
    expect(appDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })).toBe(
      'C:\\Users\\u\\AppData\\Roaming',
    );
    expect(appDataDir('win32', { XDG_CONFIG_HOME: '/xdg' })).toBe(join(homedir(), 'AppData', 'Roaming'));
  });
});

describe('resolveDataDir', () => {
  it('the --data-dir flag wins, made absolute', () => {
    expect(resolveDataDir('/data/b3', { B3AI_DATA_DIR: '/env/b3' })).toBe('/data/b3');
    expect(resolveDataDir('rel/dir', {})).toBe(resolve('rel/dir'));
  });

  it('then $B3AI_DATA_DIR, made absolute', () => {
    expect(resolveDataDir(undefined, { B3AI_DATA_DIR: '/env/b3', XDG_CONFIG_HOME: '/xdg' })).toBe('/env/b3');
    expect(resolveDataDir(undefined, { B3AI_DATA_DIR: 'env-rel' })).toBe(resolve('env-rel'));
    expect(resolveDataDir('', { B3AI_DATA_DIR: '/env/b3' })).toBe('/env/b3');
  });

  it("then the desktop app's userData folder", () => {
    const env = { XDG_CONFIG_HOME: '/xdg', APPDATA: '/appdata' };
    expect(resolveDataDir(undefined, env)).toBe(join(appDataDir(process.platform, env), PRODUCT_NAME));
    expect(PRODUCT_NAME).toBe('B3 AI Analysis');
    expect(resolveDataDir(undefined, { B3AI_DATA_DIR: '' })).toBe(
      join(appDataDir(process.platform, {}), 'B3 AI Analysis'),
    );
  });

  it.runIf(process.platform === 'linux')('on Linux, under $XDG_CONFIG_HOME', () => {
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/B3 AI Analysis');
  });

  it('is always absolute', () => {
    for (const env of [{}, { B3AI_DATA_DIR: 'x' }, { XDG_CONFIG_HOME: '' }, { APPDATA: '' }]) {
      expect(resolveDataDir(undefined, env), JSON.stringify(env)).toBe(
        resolve(resolveDataDir(undefined, env)),
      );
    }
  });
});
