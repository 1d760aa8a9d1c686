#!/usr/bin/env node
// CI's check of the README's second command: `npm start` prints its URL, GET /health answers 200,
// Ctrl+C (SIGINT to its process group, as a terminal sends it) stops it with exit code 0 and leaves
// no process of the group behind. The data dir is a fresh temp folder ($B3AI_DATA_DIR) and the port
// a free one (--port 0); everything else is `npm start` as written.
//   node scripts/ci-start-smoke.mjs [--timeout-s 180]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT } from '../bin/build-state.mjs';

const timeoutS = Number(process.argv[process.argv.indexOf('--timeout-s') + 1] || 180);

function electronInstalled() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}

/** Pids whose process group is `pgid` (Linux /proc; elsewhere the check is skipped). */
function groupPids(pgid) {
  if (!existsSync('/proc/self/stat')) return [];
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'b3ai-start-smoke-'));
  const env = { ...process.env, B3AI_DATA_DIR: dataDir };
  // A machine where Electron's binary did download would open a window: CI has no display.
  if (electronInstalled()) {
    env.B3AI_HEADLESS = '1';
    console.log('smoke: Electron is installed here; B3AI_HEADLESS=1 (no display in CI)');
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const started = Date.now();
  const child = spawn(npm, ['start', '--', '--port', '0', '--no-open'], {
    cwd: APP_ROOT,
    env,
    detached: true, // its own process group, so SIGINT reaches npm, start.mjs and the workers alike
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err = (err + d).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const fail = async (message) => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    console.error(`smoke: FAILED: ${message}\n--- stdout\n${out}\n--- stderr (tail)\n${err.slice(-4000)}`);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(1);
  };

  let url;
  for (;;) {
    const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (m) {
      url = `${m[1]}/`;
      break;
    }
    if (child.exitCode !== null || child.signalCode !== null)
      return fail('npm start exited before printing its URL');
    if (Date.now() - started > timeoutS * 1000) return fail(`no URL within ${timeoutS} s`);
    await sleep(50);
  }
  const toUrl = Date.now() - started;
  const health = await fetch(`${url}health`).catch((e) => ({ status: `error ${e.message}` }));
  if (health.status !== 200) return fail(`GET ${url}health answered ${health.status}`);
  console.log(`smoke: npm start printed ${url} after ${(toUrl / 1000).toFixed(1)} s; GET /health 200`);

  const group = groupPids(child.pid);
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => void fail('still running 30 s after Ctrl+C'), 30_000);
  const { code, signal } = await exited;
  // npm runs the script through `sh -c`; dash defers the SIGINT until its child (our app) exits and
  // then dies of it, so npm reports the signal even when the app stopped cleanly. The app's own stop
  // is judged below: every process gone, server.json and core.lock removed, no uncaught stack trace.
  if (!(code === 0 || code === 130 || signal === 'SIGINT'))
    return fail(`npm start ended with ${signal ?? `exit code ${code}`} after Ctrl+C`);
  while (groupPids(child.pid).length > 0) await sleep(100);
  clearTimeout(timer);
  const stopMs = Date.now() - started - toUrl;
  if (existsSync(join(dataDir, 'server.json'))) return fail('server.json was not removed on stop');
  if (existsSync(join(dataDir, 'core.lock'))) return fail('the data dir lock was not released on stop');
  if (/^\s+at\s/m.test(err)) return fail('a stack trace was printed');
  console.log(
    `smoke: Ctrl+C stopped it (${group.length} processes, none left; data dir released; ${(stopMs / 1000).toFixed(1)} s)`,
  );
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
