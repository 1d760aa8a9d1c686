#!/usr/bin/env node
// CI: `electron-builder --dir` without downloading Electron, then a check of what app.asar holds.
// electronDist is node_modules/electron/dist when Electron's postinstall fetched it, else a stand-in
// folder (an `electron` script and a version file): the layout, asar and extraResources are real,
// the binary is not (and native modules keep Node's ABI: npmRebuild needs Electron's headers).
// Needs `npm run build` first (out/ with the bundles and the database template).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
const version = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

let dist = join(ROOT, 'node_modules', 'electron', 'dist');
if (!existsSync(join(dist, 'electron'))) {
  dist = join(tmpdir(), `b3ai-electron-standin-${version}`);
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in for Electron: not runnable"\nexit 1\n');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), `v${version}\n`);
  writeFileSync(join(dist, 'LICENSE'), '');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), '');
}
const builder = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
const r = spawnSync(
  process.execPath,
  [
    builder,
    '--dir',
    '--linux',
    `-c.electronDist=${dist}`,
    `-c.electronVersion=${version}`,
    '-c.npmRebuild=false',
  ],
  { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
);
if (r.status !== 0) process.exit(r.status ?? 1);

const out = join(ROOT, 'release', 'linux-unpacked', 'resources');
const listing = new Set(require('@electron/asar').listPackage(join(out, 'app.asar')));
const inAsar = [
  '/package.json',
  '/out/main/index.js',
  '/out/main/worker.js',
  '/out/main/cli.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
  '/out/pg-template/manifest.json',
  '/out/pg-template/cluster.tar.gz',
  '/node_modules/@electric-sql/pglite/dist/pglite.wasm',
  '/node_modules/@electric-sql/pglite/dist/pglite.data',
  '/node_modules/@electric-sql/pglite/dist/initdb.wasm',
  '/node_modules/better-sqlite3/package.json',
  '/node_modules/bree/package.json',
  '/node_modules/electron-updater/package.json',
];
const unpacked = [
  'app.asar.unpacked/node_modules/@electric-sql/pglite/dist/pglite.wasm',
  'app.asar.unpacked/node_modules/@electric-sql/pglite/dist/pglite.data',
  'app.asar.unpacked/out/pg-template/cluster.tar.gz',
  'migrations/pg/0001_daily_bars.sql',
  'migrations/sqlite/0001_app_state.sql',
  'schedules/default.json',
  'tray/tray.png',
  'app-update.yml',
];
const missing = [
  ...inAsar.filter((p) => !listing.has(p)).map((p) => `app.asar${p}`),
  ...unpacked.filter((p) => !existsSync(join(out, p))),
];
const leaked = [...listing].filter(
  (p) =>
    p.endsWith('.map') || p.startsWith('/node_modules/electron/') || p.startsWith('/node_modules/vitest/'),
);
if (missing.length || leaked.length) {
  console.error(
    `pack-dir: missing ${JSON.stringify(missing)}; should not ship ${JSON.stringify(leaked.slice(0, 10))}`,
  );
  process.exit(1);
}
console.log(`pack-dir: app.asar holds ${listing.size} entries; every runtime file is in place`);
