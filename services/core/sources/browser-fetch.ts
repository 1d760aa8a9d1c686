import { z } from 'zod';
import { SourceError } from '../../sources/errors';
import type { RequestSpec, Source } from '../../sources/define';
import type { HostLimiter } from '../../sources/http';
import { BrowserRuntime, type BrowserRuntimeOptions, type OpenPage } from '../browser/runtime';

// The worker's side of browser sources: one BrowserRuntime per worker process (it keeps one browser
// per source, each closed when idle), fed by the settings the main process sends with each task.

export const BrowserTaskSettings = z.object({
  /** `<data-dir>/browser`: the sources' persistent profiles. */
  dir: z.string().min(1),
  executablePath: z.string().min(1).optional(),
  idleCloseMs: z.number().int().positive().optional(),
  pageMemoryMb: z.number().int().positive().optional(),
});
export type BrowserTaskSettings = z.infer<typeof BrowserTaskSettings>;

let runtime: BrowserRuntime | undefined;

/** The worker's runtime; a change of profile dir, browser or memory cap starts a new one. */
export function workerBrowser(s: BrowserTaskSettings): BrowserRuntime {
  const options: BrowserRuntimeOptions = {
    profilesDir: s.dir,
    executablePath: s.executablePath,
    idleCloseMs: s.idleCloseMs,
    pageMemoryMb: s.pageMemoryMb,
  };
  const o = runtime?.options;
  if (
    runtime &&
    o?.profilesDir === options.profilesDir &&
    o.executablePath === options.executablePath &&
    o.pageMemoryMb === options.pageMemoryMb
  ) {
    runtime.options = { ...o, idleCloseMs: options.idleCloseMs };
    return runtime;
  }
  void runtime?.closeAll();
  runtime = new BrowserRuntime(options);
  return runtime;
}

export interface BrowserFetchOptions {
  signal: AbortSignal;
  timeoutMs: number;
  allowedHosts: readonly string[];
  limiter: HostLimiter;
}

/** Read `spec` (which has `browser`) in the source's browser, politely (the source's rate limits). */
export async function fetchInBrowser(
  settings: BrowserTaskSettings | undefined,
  source: Source,
  spec: RequestSpec & { browser: NonNullable<RequestSpec['browser']> },
  o: BrowserFetchOptions,
): Promise<OpenPage> {
  if (!settings)
    throw new SourceError(
      'UNAVAILABLE',
      'this task was sent without browser settings (no browser profiles dir)',
    );
  if (spec.method && spec.method !== 'GET')
    throw new SourceError('INVALID_INPUT', `a browser request is a GET (got ${spec.method})`);
  const rt = workerBrowser(settings);
  const release = await o.limiter.acquire(
    spec.url,
    { concurrency: source.info.concurrency, ratePerMinute: source.info.ratePerMinute },
    o.signal,
  );
  try {
    return await rt.open(
      source.info.id,
      {
        url: spec.url,
        spec: spec.browser,
        timeoutMs: o.timeoutMs,
        allowedHosts: o.allowedHosts,
        ...(spec.acceptStatus ? { acceptStatus: spec.acceptStatus } : {}),
      },
      o.signal,
    );
  } finally {
    release();
  }
}

/** Close the worker's browsers (tests; a worker's exit kills them anyway). */
export async function closeWorkerBrowser(): Promise<void> {
  await runtime?.closeAll();
  runtime = undefined;
}
