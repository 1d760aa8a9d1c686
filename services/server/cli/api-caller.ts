import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Run `fn` against the API: through the server already running on this data dir when there is one
 * (it owns the data dir), else by opening the core here (jobs are then queued, and run when the
 * serving process starts).
 */
export async function withApi<T>(
  dataDirFlag: string | undefined,
  fn: (call: Call, where: 'server' | 'local') => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag);
  const server = readServerFile(dataDir);
  if (server) return fn(httpCaller(server.url, dataDir), 'server');
  return withCore(dataDirFlag, (core) =>
    fn(async (method, input) => {
      const r = await core.call(method, input);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
      return r.data as Output<typeof method>;
    }, 'local'),
  );
}
