#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; otherwise the same app served
// headless on 127.0.0.1 for a browser, with a message saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const args = process.argv.slice(2);

function electronBinary() {
  if (process.env.B3AI_HEADLESS === '1') return null;
  try {
    const path = require('electron'); // the binary's path, or throws when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (electronBinary()) {
  // Native modules (better-sqlite3) must match Electron's ABI; `npm run rebuild:node` switches back for the CLI.
  console.log('Starting the B3 AI Analysis desktop app…');
  run(npx, ['electron-builder', 'install-app-deps']);
  forward(spawn(npx, ['electron-vite', 'preview', ...args], { stdio: 'inherit' }));
} else {
  console.log(
    [
      'Electron is not installed on this machine (its binary was not downloaded: no access to',
      "Electron's download server during npm install, or ELECTRON_SKIP_BINARY_DOWNLOAD was set).",
      'Starting the same app headless instead: open the URL below in a browser.',
      '',
    ].join('\n'),
  );
  run(npx, ['electron-vite', 'build', '--logLevel', 'warn']);
  forward(spawn(process.execPath, ['bin/b3ai.mjs', 'serve', ...args], { stdio: 'inherit' }));
}
