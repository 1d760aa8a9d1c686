import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartDir, autostartEntry, setLinuxAutostart } from './autostart-linux';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Linux start at login (XDG autostart entry)', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart; a relative XDG_CONFIG_HOME is ignored', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/autostart');
    expect(autostartDir({}, '/home/u')).toBe('/home/u/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'rel' }, '/home/u')).toBe('/home/u/.config/autostart');
  });

  it('starts the AppImage (not its temporary mount) hidden, with paths quoted as the spec asks', () => {
    const e = autostartEntry({
      execPath: '/tmp/.mount_x/b3ai',
      env: { APPIMAGE: '/home/u/Apps/B3 AI.AppImage' },
    });
    expect(e).toContain('Exec="/home/u/Apps/B3 AI.AppImage" --hidden\n');
    expect(e.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
    expect(autostartEntry({ execPath: '/opt/B3 AI Analysis/b3ai-analysis' })).toContain(
      'Exec="/opt/B3 AI Analysis/b3ai-analysis" --hidden',
    );
    expect(autostartEntry({ execPath: '/usr/bin/b3ai' })).toContain('Exec=/usr/bin/b3ai --hidden');
    expect(() => autostartEntry({ execPath: '/a\nExec=evil' })).toThrow(/control characters/);
  });

  it('writes the entry when on and removes it when off', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'b3ai-autostart-')), 'autostart');
    dirs.push(dir);
    const file = setLinuxAutostart(true, autostartEntry({ execPath: '/usr/bin/b3ai' }), dir);
    expect(readFileSync(file, 'utf8')).toContain('Exec=/usr/bin/b3ai --hidden');
    setLinuxAutostart(false, '', dir);
    expect(existsSync(file)).toBe(false);
    setLinuxAutostart(false, '', dir); // already off: no error
  });
});
