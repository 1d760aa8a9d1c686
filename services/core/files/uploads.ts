import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../contract/errors';

/**
 * Files a client sent (the browser UI, the CLI talking to a running server): streamed to
 * `<data-dir>/uploads/<id>` (0600) with a size cap, named by a random id the uploader gets back and
 * then hands to a method (`import.cotahist`, `sources.ingest`). An upload is used once, then removed;
 * unused ones are removed after an hour.
 */
export const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A file name as shown to the user: no folders, no control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
export const UPLOAD_NAME = /^[^/\\\u0000-\u001f\u007f]{1,200}$/;
/** The default cap of one upload: B3's largest COTAHIST ZIP is ~90 MB, its TXT ~700 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const MAX_PENDING = 16;
const STALE_MS = 60 * 60_000;

export interface Upload {
  id: string;
  name: string;
  bytes: number;
}

export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads');
}

/** Remove uploads older than an hour; answer how many are still waiting. */
async function sweep(dir: string, now: number): Promise<number> {
  let pending = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const id = name.replace(/\.(json|part)$/, '');
    if (!UPLOAD_ID.test(id)) continue;
    const path = join(dir, name);
    const st = await stat(path).catch(() => null);
    if (!st) continue;
    if (now - st.mtimeMs > STALE_MS) await rm(path, { force: true });
    else if (name === id) pending++;
  }
  return pending;
}

/**
 * Read a stream chunk by chunk (awaiting `onChunk`, so a slow disk slows the sender) up to `limit`
 * bytes. Over the limit it stops listening and rejects with PAYLOAD_TOO_LARGE, leaving the stream
 * open and paused: the caller still answers on the same connection (an HTTP 413), then drops it.
 */
export function readLimited(
  stream: Readable,
  limit: number,
  onChunk: (chunk: Buffer) => void | Promise<void>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let bytes = 0;
    let busy = Promise.resolve();
    const stop = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      stream.pause();
    };
    const fail = (e: unknown): void => {
      stop();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    function onData(chunk: Buffer): void {
      bytes += chunk.length;
      if (bytes > limit) return fail(new AppError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`));
      stream.pause();
      busy = busy.then(() => onChunk(chunk)).then(() => void stream.resume(), fail);
    }
    function onEnd(): void {
      stream.off('close', onClose);
      busy.then(() => {
        stop();
        resolve(bytes);
      }, fail);
    }
    const onError = (e: Error): void => fail(e);
    const onClose = (): void => fail(new AppError('CANCELLED', 'the client went away before the body ended'));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.resume();
  });
}

/** Stream `body` to a new upload; over `limit` bytes it stops reading and keeps nothing. */
export async function receiveUpload(
  dataDir: string,
  name: string,
  body: Readable,
  limit: number = DEFAULT_MAX_UPLOAD_BYTES,
): Promise<Upload> {
  if (!UPLOAD_NAME.test(name))
    throw new AppError('INVALID_INPUT', 'name: a file name without folders (1 to 200 characters)', {
      fields: ['name'],
    });
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if ((await sweep(dir, Date.now())) >= MAX_PENDING)
    throw new AppError('CONFLICT', `${MAX_PENDING} uploads are waiting to be used; try again later`);
  const id = randomUUID();
  const part = join(dir, `${id}.part`);
  const out = createWriteStream(part, { mode: 0o600 });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  try {
    const bytes = await readLimited(body, limit, (chunk) =>
      out.write(chunk) ? undefined : new Promise<void>((r) => out.once('drain', r)),
    ).finally(() => out.end());
    await closed;
    await writeFile(join(dir, `${id}.json`), JSON.stringify({ name, bytes }), { mode: 0o600 });
    await rename(part, join(dir, id));
    return { id, name, bytes };
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
}

/** The file of an upload by id (NOT_FOUND when unknown, used or expired). */
export async function findUpload(dataDir: string, id: string): Promise<Upload & { path: string }> {
  const dir = uploadsDir(dataDir);
  const path = join(dir, id);
  const meta = UPLOAD_ID.test(id) ? await readFile(join(dir, `${id}.json`), 'utf8').catch(() => null) : null;
  const st = meta ? await stat(path).catch(() => null) : null;
  if (!meta || !st?.isFile())
    throw new AppError('NOT_FOUND', `no upload ${id} (never sent, already used, or expired after an hour)`, {
      upload_id: id,
    });
  const { name } = JSON.parse(meta) as { name: string };
  return { id, name, bytes: st.size, path };
}

export async function removeUpload(dataDir: string, id: string): Promise<void> {
  if (!UPLOAD_ID.test(id)) return;
  const dir = uploadsDir(dataDir);
  await rm(join(dir, id), { force: true });
  await rm(join(dir, `${id}.json`), { force: true });
}
