import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Start the real `b3ai serve` on a free port and wait for the line that says where it listens. */
export function startServe(dataDir: string): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'b3ai.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--no-open'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, B3AI_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`b3ai serve did not start in time:\n${out}\n${err}`)),
      60_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: m[1],
        child,
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`b3ai serve exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}
