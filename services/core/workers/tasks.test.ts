import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors';
import { forkSpawner } from './fork';
import { createSupervisor } from './supervisor';
import { tasks } from './tasks';
import { memoryLogger } from './test-workers/helpers';
import type { TaskContext } from './worker-runtime';

const BODY = Buffer.from('00COTAHIST.2024BOVESPA 20240102\n'.repeat(1_000));
let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/files/COTAHIST_A2024.ZIP') {
      res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
    } else if (req.url === '/broken') {
      res.writeHead(503).end('down');
    } else if (req.url === '/stall') {
      res.writeHead(200, { 'content-length': 10_000 }).write('partial');
    } else {
      res.writeHead(404).end('nope');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'b3ai-workers-'));
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

function ctx(signal = new AbortController().signal): TaskContext {
  return {
    signal,
    jobId: 'j',
    deadline: Date.now() + 10_000,
    progress: () => undefined,
    log: () => undefined,
  };
}

const download = (payload: unknown, c = ctx()): Promise<unknown> => {
  const fn = tasks['cotahist.download'];
  if (!fn) throw new Error('no cotahist.download task');
  return fn(payload, c);
};

describe('worker tasks', () => {
  it('selftest.noop and selftest.echo', async () => {
    expect(await tasks['selftest.noop']?.(null, ctx())).toEqual({ ok: true });
    expect(await tasks['selftest.echo']?.({ x: [1, 2] }, ctx())).toEqual({ x: [1, 2] });
  });

  it('cotahist.download saves the file under its final name and leaves no temp file', async () => {
    const out = await download({ url: `${base}/files/COTAHIST_A2024.ZIP`, destDir: join(dir, 'ok') });
    expect(out).toEqual({ path: join(dir, 'ok', 'COTAHIST_A2024.ZIP'), bytes: BODY.length });
    expect(await readFile(join(dir, 'ok', 'COTAHIST_A2024.ZIP'))).toEqual(BODY);
    expect(await readdir(join(dir, 'ok'))).toEqual(['COTAHIST_A2024.ZIP']);
  });

  it('cotahist.download maps bad input and HTTP failures to typed errors naming the URL', async () => {
    const destDir = join(dir, 'bad');
    await expect(download({ url: 'ftp://example.com/x.zip', destDir })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(download({ url: 'file:///etc/passwd', destDir })).rejects.toBeInstanceOf(AppError);
    await expect(download({ destDir })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /url/ });
    await expect(download({ url: `${base}/missing.zip`, destDir })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/missing\.zip.*404/) as unknown,
    });
    await expect(download({ url: `${base}/broken`, destDir })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: /503/,
    });
  });

  it('cotahist.download stops when aborted and removes its temp file', async () => {
    const controller = new AbortController();
    const destDir = join(dir, 'abort');
    const pending = download({ url: `${base}/stall`, destDir }, ctx(controller.signal));
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toThrow();
    expect(await readdir(destDir).catch(() => [])).toEqual([]);
  });

  it('the production entry runs its tasks in a worker process', { timeout: 10_000 }, async () => {
    const log = memoryLogger();
    const entry = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
    const sup = createSupervisor({ spawn: forkSpawner(entry, { log }), size: 1, log, maxOldSpaceMb: 128 });
    try {
      await sup.start();
      const noop = await sup.run({ jobId: 'n', task: 'selftest.noop', payload: null, timeoutMs: 5_000 });
      expect(noop).toMatchObject({ ok: true, result: { ok: true } });
      const echo = await sup.run({
        jobId: 'e',
        task: 'selftest.echo',
        payload: { a: 'b' },
        timeoutMs: 5_000,
      });
      expect(echo).toMatchObject({ ok: true, result: { a: 'b' } });
      const dl = await sup.run({
        jobId: 'd',
        task: 'cotahist.download',
        payload: { url: `${base}/missing.zip`, destDir: dir },
        timeoutMs: 5_000,
      });
      expect(dl).toMatchObject({ ok: false, reason: 'error', code: 'NOT_FOUND' });
    } finally {
      await sup.stop(1_000);
    }
  });
});
