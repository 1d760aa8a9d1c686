/** A real `b3ai serve` for bench/memory, from any checkout (so the same bench can measure the one before). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export interface Serve {
  url: string;
  token: string;
  child: ChildProcess;
  /** From spawning the process to the first 200 from `/health`, ms. */
  readyMs: number;
  /** An authorised call to the API; throws on a non-2xx answer. */
  api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it has exited. */
  stop(): Promise<void>;
}

const URL_RE = /(http:\/\/127\.0\.0\.1:\d+\/)/;

/** Start `ROOT/bin/b3ai.mjs serve` on a free port; resolves once `/health` answers 200. */
export async function startServe(root: string, dataDir: string): Promise<Serve> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'b3ai.mjs'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--no-open',
      '--pause-schedules',
    ],
    {
      cwd: root,
      env: { ...process.env, B3AI_LOG_LEVEL: process.env.B3AI_LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let seen = '';
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`b3ai serve did not start in 120 s:\n${err}`)), 120_000);
    const look = (d: Buffer, isErr: boolean): void => {
      if (isErr) err = (err + d.toString()).slice(-4000);
      seen = (seen + d.toString()).slice(-4000);
      const m = URL_RE.exec(seen);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', (d: Buffer) => look(d, false));
    child.stderr.on('data', (d: Buffer) => look(d, true));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`b3ai serve exited before listening:\n${err}`));
    });
  });
  for (;;) {
    const res = await fetch(`${url}health`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  return {
    url,
    token,
    child,
    readyMs,
    async api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      // node:http rather than fetch: a 2-million-bar import answers after fetch's 300 s header timeout.
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          `${url}${path}`,
          {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(payload === undefined
                ? {}
                : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (data += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
      if (status < 200 || status > 299)
        throw new Error(`${method} ${path}: HTTP ${status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
