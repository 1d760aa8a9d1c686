#!/usr/bin/env node
// The root package's postinstall (`npm install` runs it after the dependencies are in place).
// 1. Electron's binary: package.json's allowScripts denies Electron's own install script, whose
//    failure (no access to Electron's download server) would make npm fail and remove node_modules.
//    Here the same installer runs with a time limit; if it fails, one line says why and the install
//    goes on: `npm start` then serves the app for a browser instead of opening the desktop shell.
// 2. The build: `npm run build` bundles the app into out/ (CLI, server, workers, UI), so that `b3ai`
//    and `npm start` run compiled JavaScript from the first run on. Skipped when out/ is up to date.
// Always exits 0: nothing here may undo the install; `npm start` re-checks both and says what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT, buildState } from '../bin/build-state.mjs';

const ELECTRON_TIMEOUT_S = Number(process.env.B3AI_ELECTRON_DOWNLOAD_TIMEOUT_S ?? 300);

/** The first line of an installer's error that says something (not a stack frame). */
function reason(output) {
  const lines = String(output ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
  return (
    lines.find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|timed out/i.test(l)) ??
    lines[0] ??
    ''
  ).slice(0, 160);
}

function installElectron() {
  const installer = join(APP_ROOT, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return; // dev dependencies omitted: the headless app needs no Electron
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(
      'b3ai: desktop shell not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set); npm start serves the app for a browser.',
    );
    return;
  }
  const r = spawnSync(process.execPath, [installer], {
    cwd: join(APP_ROOT, 'node_modules', 'electron'),
    encoding: 'utf8',
    timeout: ELECTRON_TIMEOUT_S * 1000,
    killSignal: 'SIGKILL',
  });
  if (r.status === 0) return;
  const why =
    r.error?.code === 'ETIMEDOUT'
      ? `no answer in ${ELECTRON_TIMEOUT_S} s`
      : reason(r.stderr) || reason(r.stdout) || `exit code ${r.status}`;
  console.log(
    `b3ai: desktop shell unavailable: Electron's binary could not be downloaded (${why}); npm start serves the app for a browser (retry: node node_modules/electron/install.js).`,
  );
}

function build() {
  if (!existsSync(join(APP_ROOT, 'node_modules', 'electron-vite'))) {
    console.log(
      'b3ai: not building the app (electron-vite, a dev dependency, is not installed); run "npm install".',
    );
    return;
  }
  if (buildState(['main', 'preload', 'renderer']).fresh) return;
  const started = Date.now();
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build', '--silent'], { cwd: APP_ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '--silent'], {
        cwd: APP_ROOT,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (r.status === 0)
    console.log(`b3ai: app built into out/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  else console.log('b3ai: the build failed (its errors are above); "npm run build" runs it again.');
}

installElectron();
build();
