#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; otherwise the same app served
// headless on 127.0.0.1 for a browser, with one line saying why. Builds first only when out/ is
// older than the sources (a stat per source file), so a started-once app starts in about a second.
// Imports nothing from node_modules, so that a broken install gets a message, not a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT, buildState, missingDependencies } from '../bin/build-state.mjs';

const args = process.argv.slice(2);

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** What a broken install lacks, and the command that fixes it. */
function checkInstall() {
  if (!existsSync(join(APP_ROOT, 'node_modules')))
    fail('the dependencies are not installed (there is no node_modules folder); run "npm install"');
  const missing = missingDependencies();
  if (missing.length > 0)
    fail(`node_modules is incomplete (missing: ${missing.join(', ')}); run "npm install"`);
  if (
    !existsSync(join(APP_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))
  )
    fail(
      'better-sqlite3\'s native module was never built (its install script did not run); run "npm rebuild better-sqlite3"',
    );
}

function electronBinary() {
  if (process.env.B3AI_HEADLESS === '1') return null;
  try {
    const path = createRequire(import.meta.url)('electron'); // the binary's path; throws when never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Runs a package's own CLI with this Node (no npx: it would offer to download what is missing). */
function packageBin(name, file) {
  const path = join(APP_ROOT, 'node_modules', name, file);
  if (!existsSync(path)) fail(`${name} (a dev dependency, needed here) is not installed; run "npm install"`);
  return path;
}

/** `npm run build` (electron-vite plus any step package.json adds), only when out/ is not up to date. */
function buildIfStale(targets) {
  const state = buildState(targets);
  if (state.fresh) return;
  packageBin('electron-vite', join('bin', 'electron-vite.js'));
  console.log(`Building the app first (${state.reason})…`);
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build', '--silent'], { cwd: APP_ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '--silent'], {
        cwd: APP_ROOT,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (r.status !== 0) fail('the build failed (its errors are above); "npm run build" runs it alone');
}

checkInstall();
if (electronBinary()) {
  buildIfStale(['main', 'preload', 'renderer']);
  console.log('Starting the B3 AI Analysis desktop app…');
  // Native modules (better-sqlite3) must match Electron's ABI; `npm run rebuild:node` switches back for the CLI.
  const deps = spawnSync(process.execPath, [packageBin('electron-builder', 'install-app-deps.js')], {
    cwd: APP_ROOT,
    stdio: 'inherit',
  });
  if (deps.status !== 0) process.exit(deps.status ?? 1);
  const child = spawn(
    process.execPath,
    [packageBin('electron-vite', join('bin', 'electron-vite.js')), 'preview', '--skipBuild', ...args],
    { cwd: APP_ROOT, stdio: 'inherit' },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  buildIfStale(['main', 'renderer']);
  console.log(
    process.env.B3AI_HEADLESS === '1'
      ? 'B3AI_HEADLESS=1: serving the app for a browser.'
      : "No desktop shell here (Electron's binary was not downloaded at npm install): serving the app for a browser.",
  );
  // The same process runs `b3ai serve` (saves starting a second Node); its Ctrl+C handling applies.
  const cli = join(APP_ROOT, 'out', 'main', 'cli.js');
  process.argv = [process.argv[0], cli, 'serve', ...args];
  await import(pathToFileURL(cli).href);
}
