import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

/** A spawned `b3ai serve`, whatever state it is in. */
export interface SpawnedServe {
  child: ChildProcess;
  /** Resolves with the URL once it says where it listens. */
  ready: Promise<string>;
  /** The one-time sign-in link it printed (`<url>?auth=<code>`), once it did. */
  signIn: Promise<string>;
  /** Resolves with the exit code (null when a signal ended it; see `stderr()`). */
  exited: Promise<number | null>;
  /** The last few KB of its stderr, plus the signal that ended it, if any. */
  stderr(): string;
}

/** Spawn the real `b3ai serve` on a free port and the given data dir. */
export function spawnServe(dataDir: string, logLevel = 'warn'): SpawnedServe {
  const child = spawn(
    process.execPath,
    // Schedules paused: a schedule firing mid-test would queue jobs for the real sites.
    [
      join(REPO_ROOT, 'bin', 'b3ai.mjs'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--no-open',
      '--pause-schedules',
    ],
    {
      cwd: REPO_ROOT,
      // The built bundle (`npm test` builds first); the sources through tsx while out/ is stale (dev).
      env: {
        ...process.env,
        B3AI_LOG_LEVEL: logLevel,
        B3AI_FROM_SOURCE: process.env.B3AI_FROM_SOURCE ?? 'if-stale',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-8_000)));
  let gotSignIn: (url: string) => void = () => undefined;
  const signIn = new Promise<string>((resolve) => (gotSignIn = resolve));
  const ready = new Promise<string>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)(\?auth=[\w-]+)?/.exec(out);
      if (m?.[1]) {
        if (m[2]) gotSignIn(m[1] + m[2]);
        resolve(m[1]);
      }
    });
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (signal) err += `\n[exited on ${signal}]`;
      resolve(code);
    }),
  );
  return { child, ready, signIn, exited, stderr: () => err };
}

export interface ServeProcess {
  url: string;
  /** The one-time link `b3ai serve` printed: signs one browser in (then it is used up). */
  signInUrl: string;
  child: ChildProcess;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Start `b3ai serve` and wait until it listens (or fail with what it printed). */
export async function startServe(dataDir: string, logLevel?: string): Promise<ServeProcess> {
  const s = spawnServe(dataDir, logLevel);
  let timer: NodeJS.Timeout | undefined;
  const url = await Promise.race([
    s.ready,
    s.exited.then((code) =>
      Promise.reject(new Error(`b3ai serve exited with ${code} before listening:\n${s.stderr()}`)),
    ),
    new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`b3ai serve did not start in time:\n${s.stderr()}`)),
          60_000,
        )),
    ),
  ]).finally(() => clearTimeout(timer));
  return {
    url,
    signInUrl: await s.signIn,
    child: s.child,
    stop: () => {
      s.child.kill('SIGTERM');
      return s.exited;
    },
  };
}
