/**
 * Timing one command as a user runs it: spawn → exit, or spawn → the moment a server answers.
 * Everything is a real process with the user's command line; nothing is imported in-process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const TIME = '/usr/bin/time';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface Run {
  ms: number;
  /** CPU time (user + system) of the command and its children, when measured: unlike wall time, it
   * barely moves when other work shares the machine. */
  cpuMs?: number;
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
    ? spawnSync(TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args], { ...opts, encoding: 'utf8' })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr.slice(-3000)}`);
  if (!withTime) return { ms, stdout: r.stdout };
  const [rssKb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(rssFile, { force: true });
  return { ms, rssMb: rssKb! / 1024, cpuMs: (user! + sys!) * 1000, stdout: r.stdout };
}

export interface Started {
  /** Time to the URL line on stdout. */
  urlMs: number;
  /** Time to the first 200 from GET /health. */
  healthMs: number;
  /** CPU time (user + system) of the process group by then, where /proc tells it. */
  cpuMs?: number;
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
      if (status === 200) {
        const cpuMs = groupCpuMs(child.pid!);
        return { urlMs, healthMs: performance.now() - t0, url, ...(cpuMs === undefined ? {} : { cpuMs }) };
      }
      if (performance.now() - t0 > timeoutMs) throw new Error(`${url}health never answered 200`);
      await sleep(5);
    }
  } finally {
    await stop();
  }
}

/** utime + stime of every live process in a process group, in ms (Linux /proc; 100 ticks a second). */
function groupCpuMs(pgid: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      /* gone meanwhile */
    }
  }
  return ticks * 10;
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
