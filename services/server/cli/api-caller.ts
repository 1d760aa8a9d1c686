import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import {
  AppError,
  ApiError,
  methods,
  toHttpRequest,
  type Input,
  type MethodName,
  type Output,
} from '../../contract';
import { resolveDataDir } from '../../core/config/paths';
import { readServerFile } from '../server-file';
import { withCore } from './run-core';

export type Call = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;

/** Call the API of the `b3ai serve` running on this data dir over HTTP, with its token. */
export function httpCaller(url: string, dataDir: string): Call {
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  return async (method, input) => {
    const spec = toHttpRequest(methods[method], input);
    const res = await fetch(new URL(spec.url, url), {
      method: spec.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(spec.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(spec.body ? { body: spec.body } : {}),
    });
    const body = await res.json();
    if (res.ok) return body as Output<typeof method>;
    const err = ApiError.safeParse((body as { error?: unknown }).error);
    if (err.success) throw new AppError(err.data.code, err.data.message, err.data.details);
    throw new AppError('UNAVAILABLE', `the server answered HTTP ${res.status}`);
  };
}

/** Stream a local file to the server's `POST /api/uploads`; answers its upload_id. */
export type Upload = (file: string) => Promise<string>;

/**
 * The server cannot read the user's files (only those under its import folders): the CLI, which
 * runs as the user, reads them and streams them to the server.
 */
export function httpUploader(url: string, dataDir: string): Upload {
  const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  return async (file) => {
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new AppError('FILE_NOT_FOUND', `cannot read ${file}: ${why}`, { file });
    }
    const target = new URL(`/api/uploads?name=${encodeURIComponent(basename(file))}`, url);
    const body = Readable.toWeb(createReadStream(file));
    // Streamed, not read whole: a COTAHIST file can be hundreds of MB.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    };
    const res = await fetch(target, init);
    const answer = (await res.json()) as { upload_id?: string; error?: unknown };
    if (res.ok && answer.upload_id) return answer.upload_id;
    const err = ApiError.safeParse(answer.error);
    if (err.success) throw new AppError(err.data.code, err.data.message, err.data.details);
    throw new AppError('UNAVAILABLE', `the server answered HTTP ${res.status} to the upload`);
  };
}

/**
 * Run `fn` against the API: through the server already running on this data dir when there is one
 * (it owns the data dir), else by opening the core here (jobs are then queued, and run when the
 * serving process starts). Through the server, files go up with `upload`; locally it is null (the
 * core reads the user's paths itself).
 */
export async function withApi<T>(
  dataDirFlag: string | undefined,
  fn: (call: Call, where: 'server' | 'local', upload: Upload | null) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag);
  const server = readServerFile(dataDir);
  if (server) return fn(httpCaller(server.url, dataDir), 'server', httpUploader(server.url, dataDir));
  return withCore(dataDirFlag, (core) =>
    fn(
      async (method, input) => {
        const r = await core.call(method, input);
        if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
        return r.data as Output<typeof method>;
      },
      'local',
      null,
    ),
  );
}
