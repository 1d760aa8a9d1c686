import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Electron cannot run here, so the shell's security settings are checked in its source: the
// preload goes to the app's own window only (never to sign-in or PDF windows), every window is
// sandboxed with context isolation and no Node, IPC is accepted from the app's frame only.

const dir = import.meta.dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const text = (f: string): string => readFileSync(join(dir, f), 'utf8');

/** The options object of each `new BrowserWindow({...})`, by brace matching. */
function windows(src: string): string[] {
  const out: string[] = [];
  for (let i = src.indexOf('new BrowserWindow('); i >= 0; i = src.indexOf('new BrowserWindow(', i + 1)) {
    let depth = 0;
    let j = src.indexOf('{', i);
    const start = j;
    for (; j < src.length; j++) {
      if (src[j] === '{') depth++;
      else if (src[j] === '}' && --depth === 0) break;
    }
    out.push(src.slice(start, j + 1));
  }
  return out;
}

describe('Electron shell security (source checks)', () => {
  it('only the main window gets the preload', () => {
    const withPreload = files.filter((f) => /\bpreload\s*:/.test(text(f)));
    expect(withPreload).toEqual(['window.ts']);
    const main = windows(text('window.ts'));
    expect(main).toHaveLength(1);
    expect(main[0]).toMatch(/preload:/);
  });

  it('every BrowserWindow is sandboxed, context-isolated and without Node', () => {
    const all = files.flatMap((f) => windows(text(f)).map((w) => ({ f, w })));
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const { f, w } of all) {
      expect(w, f).toMatch(/sandbox:\s*true/);
      expect(w, f).toMatch(/contextIsolation:\s*true/);
      expect(w, f).toMatch(/nodeIntegration:\s*false/);
    }
    // Sign-in windows are the user's own browser (playwright), never an Electron window with our preload.
    expect(files.join(' ')).not.toMatch(/signin/i);
  });

  it('IPC answers the app frame only; CSP, no permissions, no webviews, no navigation away', () => {
    const index = text('index.ts');
    expect(index).toMatch(
      /registerIpc\(c, \(event\) => event\.senderFrame !== null && isAppUrl\(event\.senderFrame\.url\)\)/,
    );
    expect(index).toMatch(/will-attach-webview[\s\S]{0,80}preventDefault/);
    const win = text('window.ts');
    expect(win).toMatch(/installContentSecurityPolicy/);
    expect(win).toMatch(/setPermissionRequestHandler\([\s\S]{0,80}callback\(false\)/);
    expect(win).toMatch(/will-navigate[\s\S]{0,80}preventDefault/);
    expect(win).toMatch(/action: 'deny'/);
  });
});
