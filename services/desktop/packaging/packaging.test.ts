import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../core/app-root';

// The packaging input holds together: every path the app opens at run time, found by reading the
// code (appPath(...), createRequire(...).resolve(...), new URL(..., import.meta.url) in the shell,
// join(resources...)), is covered by electron-builder.yml's files / extraResources / asarUnpack, and
// each file that exists in the repository or node_modules is there to be packaged.

const requireHere = createRequire(join(APP_ROOT, 'package.json'));
const yaml = requireHere('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  extraResources: Array<{ from: string; to: string; filter?: string[] }>;
  asarUnpack: string[];
  linux: { target: string[]; icon?: string };
  mac: { target: string[]; icon?: string };
  win: { target: string[]; icon?: string };
  directories: { buildResources: string };
}
const config = yaml.load(readFileSync(join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(join(APP_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter(
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('.test.ts') &&
        !f.includes('test-workers') &&
        !f.includes('fixtures'),
    )
    .map((f) => join(dir, f));
}

/** What the code opens, as found in it: `{ kind, path, where }`. */
function runtimePaths() {
  const found: Array<{ kind: 'app' | 'resource' | 'module'; path: string; where: string }> = [];
  const lit = (args: string): string[] | null => {
    const parts = args.split(',').map((a) => a.trim());
    if (!parts.every((p) => /^'[^']*'$/.test(p))) return null;
    return parts.map((p) => p.slice(1, -1));
  };
  for (const file of [...sources('services'), ...sources('electron')]) {
    const text = readFileSync(join(APP_ROOT, file), 'utf8');
    for (const m of text.matchAll(/createRequire\(appPath\('package\.json'\)\)\.resolve\('([^']+)'\)/g))
      found.push({ kind: 'module', path: m[1]!, where: file });
    for (const m of text.matchAll(/(?<![.\w])appPath\(([^()]*)\)/g)) {
      const parts = lit(m[1]!);
      if (parts) found.push({ kind: 'app', path: parts.join('/'), where: file });
    }
    // The shell finds its siblings in out/ relative to its bundle (out/main/index.js).
    if (file.startsWith('electron/main'))
      for (const m of text.matchAll(/new URL\('([^']+)', import\.meta\.url\)/g))
        found.push({ kind: 'app', path: join('out/main', m[1]!), where: file });
    for (const m of text.matchAll(/join\((?:resources|this\.o\.resourcesDir|resourcesDir), ([^()]*)\)/g)) {
      const parts = lit(m[1]!);
      if (parts) found.push({ kind: 'resource', path: parts.join('/'), where: file });
    }
  }
  return found;
}

const inFiles = (path: string): boolean => {
  let included = false;
  for (const g of config.files) {
    if (g.startsWith('!')) {
      if (minimatch(path, g.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, g, { dot: true })) included = true;
  }
  return included;
};
const unpacked = (path: string): boolean => config.asarUnpack.some((g) => minimatch(path, g, { dot: true }));
const asResource = (path: string) =>
  config.extraResources.find(
    (r) =>
      path === r.from.replace(/^resources\//, '') ||
      path.startsWith(`${r.from.replace(/^resources\//, '')}/`),
  );

const walk = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());

describe('packaging input (electron-builder.yml)', () => {
  const found = runtimePaths();

  it('finds the paths the code opens (the scan itself works)', () => {
    const paths = found.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'out/pg-template',
        'out/renderer',
        'out/main/worker.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'migrations/sqlite',
        'migrations/pg',
        'schedules/default.json',
        '@electric-sql/pglite/pglite.wasm',
      ]),
    );
  });

  it('covers every app file the code opens with `files` (inside app.asar)', () => {
    const missing = found
      .filter((f) => f.kind === 'app' && f.path.startsWith('out/'))
      .filter((f) => !inFiles(`${f.path}/x.js`) && !inFiles(f.path))
      .map((f) => `${f.path} (${f.where})`);
    expect(missing).toEqual([]);
    expect(inFiles(pkg.main)).toBe(true);
    expect(inFiles('package.json')).toBe(true);
    // The bundles electron-vite writes: main, worker, CLI, preload, renderer.
    for (const entry of [
      'out/main/index.js',
      'out/main/worker.js',
      'out/main/cli.js',
      'out/main/chunks/a.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index.css',
    ])
      expect(inFiles(entry), entry).toBe(true);
    expect(inFiles('out/main/index.js.map')).toBe(false);
    expect(inFiles('out/.build/main.json')).toBe(false);
    // The database template: read whole at first start, kept as plain files.
    for (const f of ['out/pg-template/cluster.tar.gz', 'out/pg-template/manifest.json']) {
      expect(inFiles(f), f).toBe(true);
      expect(unpacked(f), f).toBe(true);
    }
  });

  it('ships every resource the code opens (extraResources), with the files the repository has', () => {
    const resources = found.filter(
      (f) => f.kind === 'resource' || (f.kind === 'app' && f.path.startsWith('resources/')),
    );
    expect(resources.length).toBeGreaterThan(2);
    for (const r of resources) {
      const rel = r.path.replace(/^resources\//, '');
      const entry = asResource(rel);
      expect(entry, `${rel} (${r.where})`).toBeDefined();
      if (rel === '' || !entry) continue;
      const source = join(APP_ROOT, 'resources', rel);
      expect(existsSync(source), source).toBe(true);
      const files = statSync(source).isDirectory() ? walk(source).map((f) => join(rel, f)) : [rel];
      const shipped = files.filter(
        (f) =>
          !entry.filter ||
          entry.filter.some((g) => minimatch(relative(entry.from.replace(/^resources\//, ''), f), g)),
      );
      expect(shipped.length, `${rel}: files shipped`).toBeGreaterThan(0);
      // Every migration file is shipped (a filter must not drop one).
      if (rel.startsWith('migrations/')) expect(shipped).toEqual(files.filter((f) => f.endsWith('.sql')));
    }
    expect(asResource('tray/tray.png')).toBeDefined();
    expect(existsSync(join(APP_ROOT, 'resources', 'tray', 'tray.png'))).toBe(true);
  });

  it('resolves modules the code loads from production dependencies, PGlite unpacked', () => {
    // Loaded only from the sources (tsx) or optional with a fallback (redoc: /redoc answers 404 when absent).
    const devOnly = new Map([
      ['tsx', 'FROM_SOURCE only (services/core/workers/fork.ts)'],
      ['redoc/bundles/redoc.standalone.js', 'optional: /docs stays, /redoc is absent in installers'],
    ]);
    for (const m of found.filter((f) => f.kind === 'module')) {
      const name = m.path.startsWith('@') ? m.path.split('/').slice(0, 2).join('/') : m.path.split('/')[0]!;
      if (devOnly.has(m.path) || devOnly.has(name)) continue;
      expect(Object.keys(pkg.dependencies), `${m.path} (${m.where})`).toContain(name);
    }
    // What PGlite reads beside its module: the wasm, its file system image, initdb for a new cluster.
    const dist = join(APP_ROOT, 'node_modules', '@electric-sql', 'pglite', 'dist');
    for (const f of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) {
      expect(existsSync(join(dist, f)), f).toBe(true);
      expect(unpacked(`node_modules/@electric-sql/pglite/dist/${f}`), f).toBe(true);
    }
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(Object.keys(pkg.dependencies)).toEqual(
      expect.arrayContaining(['@electric-sql/pglite', 'better-sqlite3', 'bree', 'electron-updater']),
    );
  });

  it('targets AppImage, deb, NSIS, dmg and zip, with icons that exist and are large enough', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    const png = readFileSync(join(APP_ROOT, 'resources', 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = readFileSync(join(APP_ROOT, 'resources', 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    // Width byte 0 = 256 px, the size NSIS and Windows want.
    expect(ico[6]).toBe(0);
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon])
      expect(existsSync(join(APP_ROOT, icon!)), icon).toBe(true);
  });
});
