import { describe, expect, it } from 'vitest';
import { INSTALL_PATHS, redactInstallPath } from './redact-paths';

describe('redactInstallPath', () => {
  it('knows the install path (the folder with package.json)', () => {
    expect(INSTALL_PATHS.length).toBeGreaterThan(0);
    expect(process.cwd().startsWith(INSTALL_PATHS.at(-1) ?? '!')).toBe(true);
  });

  it('replaces the install path in text and in JSON text (escaped backslashes too)', () => {
    const paths = ['C:\\\\app\\\\b3', 'C:\\app\\b3', '/opt/b3'];
    expect(redactInstallPath('Cannot find module /opt/b3/out/main/x.js', paths)).toBe(
      'Cannot find module <app>/out/main/x.js',
    );
    const json = JSON.stringify({ message: 'at C:\\app\\b3\\out\\x.js' });
    expect(redactInstallPath(json, paths)).toBe(JSON.stringify({ message: 'at <app>\\out\\x.js' }));
    expect(redactInstallPath('nothing here', paths)).toBe('nothing here');
  });

  it('scrubs this checkout from a message', () => {
    const root = INSTALL_PATHS.at(-1) ?? '';
    expect(redactInstallPath(`failed at ${root}/services/x.ts`)).toBe('failed at <app>/services/x.ts');
  });
});
