/**
 * A throwaway Debian `redis-server` for the queue benchmark: loopback, a random free port, a temp dir,
 * AOF on with `appendfsync everysec`, no RDB snapshots. Started by the benchmark and always stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const REDIS_INSTALL_HINT = 'apt-get install redis-server';

export function redisAvailable(): boolean {
  return existsSync(REDIS_SERVER);
}

export interface RedisServer {
  port: number;
  dir: string;
  version: string;
  /** `CONFIG GET` of the durability settings, as the server reports them. */
  config: Record<string, string>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** One command over RESP on a fresh connection; resolves with the raw reply. */
export function redisCommand(port: number, args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let out = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`redis ${args[0]}: no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (err: Error | null): void => {
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(out);
    };
    sock.setEncoding('utf8');
    sock.once('error', finish);
    sock.on('connect', () =>
      sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`),
    );
    sock.on('data', (chunk: string) => {
      out += chunk;
      // Simple replies end at the first CRLF; bulk strings (INFO) and arrays of bulk strings
      // (CONFIG GET) carry their length up front.
      const bulk = /^\$(\d+)\r\n/.exec(out);
      const arr = /^\*(\d+)\r\n/.exec(out);
      const lines = out.split('\r\n').length - 1;
      if (bulk) {
        if (Buffer.byteLength(out) >= bulk[0].length + Number(bulk[1]) + 2) finish(null);
      } else if (arr ? lines >= 1 + 2 * Number(arr[1]) : lines >= 1) finish(null);
    });
    sock.on('end', () => finish(null));
  });
}

function parseArrayReply(reply: string): string[] {
  return reply
    .split('\r\n')
    .slice(1)
    .filter((_, i) => i % 2 === 1);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Start redis-server and wait until it answers PING. Throws (having cleaned up) if it does not. */
export async function startRedis(): Promise<RedisServer> {
  if (!redisAvailable()) throw new Error(`${REDIS_SERVER} not found; install it with: ${REDIS_INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'b3ai-bench-redis-'));
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--daemonize',
      'no',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  // Never leave a redis-server behind, whatever happens to this process.
  const killOnExit = (): void => {
    if (!exited(child)) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exitedP = new Promise<void>((resolve) => {
    if (exited(child)) resolve();
    else child.once('exit', () => resolve());
  });

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (!exited(child)) {
        await redisCommand(port, ['SHUTDOWN', 'NOSAVE']).catch(() => '');
        await Promise.race([exitedP, sleep(5_000)]);
        if (!exited(child)) {
          child.kill('SIGKILL');
          await exitedP;
        }
      }
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    })());

  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (exited(child)) throw new Error(`redis-server exited at start (see ${join(dir, 'redis.log')})`);
      const pong = await redisCommand(port, ['PING'], 500).catch(() => '');
      if (pong.startsWith('+PONG')) break;
      if (Date.now() > deadline) throw new Error('redis-server did not answer PING within 10 s');
      await sleep(50);
    }
    const info = await redisCommand(port, ['INFO', 'server']);
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
    const config: Record<string, string> = {};
    for (const key of ['appendonly', 'appendfsync', 'save']) {
      const [, value] = parseArrayReply(await redisCommand(port, ['CONFIG', 'GET', key]));
      config[key] = value ?? '?';
    }
    return { port, dir, version, config, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
