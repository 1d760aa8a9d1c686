import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDataDirChoice, LOCATION_FILE, resolveDataDir, writeDataLocation } from './data-location';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'b3ai-loc-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data folder the desktop app uses', () => {
  it('argument, then environment, then the chosen folder, then userData', () => {
    const userData = temp();
    const base = { userData, argv: [] as string[], env: {} };
    expect(resolveDataDir(base)).toEqual({ path: userData, source: 'default' });
    writeDataLocation(userData, '/srv/b3ai-data');
    expect(resolveDataDir(base)).toEqual({ path: '/srv/b3ai-data', source: 'chosen' });
    expect(resolveDataDir({ ...base, env: { B3AI_DATA_DIR: '/e/d' } })).toEqual({
      path: '/e/d',
      source: 'environment',
    });
    expect(
      resolveDataDir({ ...base, argv: ['x', '--data-dir', '/a/d'], env: { B3AI_DATA_DIR: '/e/d' } }),
    ).toEqual({
      path: '/a/d',
      source: 'argument',
    });
    expect(resolveDataDir({ ...base, argv: ['--data-dir=/b/d'] }).path).toBe('/b/d');
    // The file is private, and written whole.
    expect(statSync(join(userData, LOCATION_FILE)).mode & 0o777).toBe(0o600);
  });

  it('a damaged or relative location file is ignored: the default is used', () => {
    const userData = temp();
    const base = { userData, argv: [] as string[], env: {} };
    writeFileSync(join(userData, LOCATION_FILE), '{not json');
    expect(resolveDataDir(base).source).toBe('default');
    writeFileSync(join(userData, LOCATION_FILE), JSON.stringify({ version: 1, data_dir: 'relative/dir' }));
    expect(resolveDataDir(base).source).toBe('default');
    writeFileSync(join(userData, LOCATION_FILE), JSON.stringify({ version: 2, data_dir: '/x/y' }));
    expect(resolveDataDir(base).source).toBe('default');
  });

  it('accepts an empty folder, a new one, or an existing data folder of the app', () => {
    const root = temp();
    expect(checkDataDirChoice(join(root, 'new', 'data'), '/home/nobody')).toBe(join(root, 'new', 'data'));
    const used = join(root, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'state.sqlite'), '');
    writeFileSync(join(used, 'other'), '');
    expect(checkDataDirChoice(`${used}/`, '/home/nobody')).toBe(used);
  });

  it('refuses roots, the home folder, files, relative paths and folders of other files, naming no content', () => {
    const root = temp();
    const code = (p: string, home = '/home/nobody') => {
      try {
        checkDataDirChoice(p, home);
        return 'accepted';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code('/')).toBe('INVALID_INPUT');
    expect(code('/tmp')).toBe('INVALID_INPUT');
    expect(code('relative/x')).toBe('INVALID_INPUT');
    expect(code(root, root)).toBe('INVALID_INPUT');
    writeFileSync(join(root, 'file'), 'secret-content');
    expect(code(join(root, 'file'))).toBe('INVALID_INPUT');
    const docs = join(root, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'tax-2024.pdf'), 'secret-content');
    expect(code(docs)).toBe('CONFLICT');
    try {
      checkDataDirChoice(docs, '/home/nobody');
    } catch (e) {
      expect((e as Error).message).not.toMatch(/secret|tax-2024/);
    }
    expect(readFileSync(join(docs, 'tax-2024.pdf'), 'utf8')).toBe('secret-content');
  });
});
