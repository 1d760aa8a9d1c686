/**
 * Timing one command as a user runs it: spawn → exit, or spawn → the moment a server answers.
 * Everything is a real process with the user's command line; nothing is imported in-process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Run {
  ms: number;
  /** Peak RSS in MB (GNU time), when measured. */
  rssMb?: number;
  stdout: string;
}

/** Runs a command to completion; throws (with its output) if it fails. */
export function timeExit(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Run {
  const withTime = existsSync(TIME);
  const rssFile = join(tmpdir(), `b3ai-bench-startup-rss-${process.pid}`);
  const t0 = performance.now();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { ...opts, encoding: 'utf8' })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr.slice(-3000)}`);
  let rssMb: number | undefined;
  if (withTime) {
    rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
    rmSync(rssFile, { force: true });
  }
  return { ms, ...(rssMb === undefined ? {} : { rssMb }), stdout: r.stdout };
}

export interface Started {
  /** Time to the URL line on stdout. */
  urlMs: number;
  /** Time to the first 200 from GET /health. */
  healthMs: number;
  url: string;
}

/**
 * Starts a server (`b3ai serve`, `npm start`) in its own process group, times the URL line and the
 * first 200 on /health, then stops it with SIGINT to the group (a terminal's Ctrl+C) and waits until
 * it is gone.
 */
export async function timeServer(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Started> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-6000)));
  const gone = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async (): Promise<void> => {
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      return;
    }
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 30_000);
    await gone;
    clearTimeout(t);
    // The group's last processes (workers) may outlive the pipe's close by a moment.
    for (let i = 0; i < 100 && groupAlive(child.pid!); i++) await sleep(50);
  };
  try {
    let url: string | undefined;
    let urlMs = 0;
    for (;;) {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m?.[1]) {
        url = `${m[1]}/`;
        urlMs = performance.now() - t0;
        break;
      }
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${cmd} ${args.join(' ')} exited before its URL:\n${out}\n${err}`);
      if (performance.now() - t0 > timeoutMs)
        throw new Error(`${cmd} ${args.join(' ')}: no URL in time\n${err}`);
      await sleep(5);
    }
    for (;;) {
      const status = await fetch(`${url}health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      if (performance.now() - t0 > timeoutMs) throw new Error(`${url}health never answered 200`);
      await sleep(5);
    }
    return { urlMs, healthMs: performance.now() - t0, url };
  } finally {
    await stop();
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
