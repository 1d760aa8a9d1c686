import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { AppError, describeZodError } from '../../contract/errors';
import { fetchWithin, hostKey } from '../../sources/http';
import { runFetchTask } from '../sources/fetch-task';
import type { TaskContext, TaskTable } from './worker-runtime';

// Workers never touch the databases: nothing here may import services/core/storage.

const DownloadInput = z.object({
  url: z.string().min(1),
  destDir: z.string().min(1),
  /** Hosts the download and its redirects may reach (F4); the URL's own host when absent. */
  allowedHosts: z.array(z.string()).optional(),
});

function parse<T>(schema: z.ZodType<T>, payload: unknown, task: string): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const { message, details } = describeZodError(r.error);
  throw new AppError('INVALID_INPUT', `${task}: ${message}`, details);
}

/** The file name a URL's last path segment names, made safe for any file system. */
function fileNameOf(url: URL): string {
  const raw = basename(decodeURIComponent(url.pathname));
  const safe = raw.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  return safe || 'download';
}

async function download(payload: unknown, ctx: TaskContext): Promise<{ path: string; bytes: number }> {
  const { url: text, destDir, allowedHosts } = parse(DownloadInput, payload, 'cotahist.download');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('INVALID_INPUT', `cotahist.download: not a URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'INVALID_INPUT',
      `cotahist.download: only http(s) URLs are allowed, got ${url.protocol} (${text})`,
    );
  }
  let res: Response;
  try {
    // Redirects followed one by one, each checked: never to a host the job was not given.
    res = await fetchWithin(url.href, { signal: ctx.signal }, allowedHosts ?? [hostKey(url) ?? '']);
  } catch (error) {
    if (ctx.signal.aborted || error instanceof AppError) throw error;
    const why =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new AppError('UNAVAILABLE', `cotahist.download: ${text} could not be fetched: ${why}`);
  }
  if (res.status >= 400 || !res.body) {
    await res.body?.cancel();
    const code = res.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE';
    throw new AppError(code, `cotahist.download: ${text} answered HTTP ${res.status}`, {
      url: text,
      status: res.status,
    });
  }
  await mkdir(destDir, { recursive: true });
  const finalPath = join(destDir, fileNameOf(url));
  const tempPath = join(destDir, `.${fileNameOf(url)}.${randomBytes(6).toString('hex')}.part`);
  const total = Number(res.headers.get('content-length')) || undefined;
  let bytes = 0;
  let lastReport = 0;
  const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes - lastReport >= 1 << 20) {
      lastReport = bytes;
      ctx.progress(bytes, total);
    }
  });
  try {
    await pipeline(body, createWriteStream(tempPath), { signal: ctx.signal });
    await rename(tempPath, finalPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  ctx.progress(bytes, total);
  ctx.log('info', 'downloaded', { url: text, path: finalPath, bytes });
  return { path: finalPath, bytes: (await stat(finalPath)).size };
}

const SleepInput = z.object({ ms: z.number().int().min(0).max(600_000) }).loose();

/** Wait `ms` (cancellable), then answer the payload: a stand-in for a slow fetch in tests. */
async function sleep(payload: unknown, ctx: TaskContext): Promise<unknown> {
  const { ms } = parse(SleepInput, payload, 'selftest.sleep');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    ctx.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new AppError('CANCELLED', 'selftest.sleep: cancelled'));
    });
  });
  return payload;
}

/** Every task the production worker knows, by name. */
export const tasks: TaskTable = {
  'selftest.noop': () => Promise.resolve({ ok: true }),
  'selftest.echo': (payload) => Promise.resolve(payload),
  'selftest.sleep': sleep,
  'cotahist.download': download,
  'source.fetch': (payload, ctx) => runFetchTask(payload, ctx.signal, ctx.jobId),
};
