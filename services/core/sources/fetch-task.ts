import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppError, describeZodError, type ApiError } from '../../contract/errors';
import type { Fetcher } from '../../sources/define';
import { withWhere, type SourceErrorWhere } from '../../sources/errors';
import { fetchRaw, HostLimiter, hostKey, rawOf, redactUrl } from '../../sources/http';
import { ModelName } from '../../sources/models';
import { checkQuery, queryText, type SourceQuery } from '../../sources/query';
import type { RawPayload } from '../../sources/raw';
import { createRegistry, type SourceRegistry } from '../../sources/registry';
import { runTransform } from '../../sources/run-transform';
import type { OpenPage } from '../browser/runtime';
import { BrowserTaskSettings, fetchInBrowser } from './browser-fetch';
import { putBlob, putScreenshot } from './vault-files';

// Runs in a worker process (and in-process where no workers run): fetch → vault file → parse.
// Never touches the databases: the main process indexes the snapshot and stores the items.

export const FetchTaskInput = z.object({
  source: z.string(),
  model: ModelName,
  query: z.record(z.string(), z.unknown()),
  baseUrl: z.string(),
  credentials: z.record(z.string(), z.string()),
  vaultDir: z.string(),
  /** Where to write items too many to send back over IPC. */
  spillDir: z.string(),
  timeoutMs: z.number().int().positive(),
  retries: z.number().int().min(0).max(10).optional(),
  /** For fetchers whose request has `browser`: the profiles dir and the configured browser. */
  browser: BrowserTaskSettings.optional(),
});
export type FetchTaskInput = z.infer<typeof FetchTaskInput>;

export interface FetchedMeta {
  sha256: string;
  url: string;
  status: number;
  contentType: string | null;
  bytes: number;
  storedBytes: number;
  fetchedAt: string;
  parserVersion: number;
  ms: number;
  /** A PNG of the page was kept beside the payload (`<sha256>.png`): a browser fetch on LAYOUT_CHANGED. */
  screenshot?: boolean;
}

export type FetchTaskResult =
  | { fetch: FetchedMeta; items: unknown[]; itemsFile?: undefined; error?: undefined }
  | { fetch: FetchedMeta; items?: undefined; itemsFile: string; count: number; error?: undefined }
  | { fetch: FetchedMeta; error: ApiError; items?: undefined; itemsFile?: undefined };

/** Items above this count go through a file, not the IPC channel. */
const INLINE_ITEMS = 20_000;

let registry: SourceRegistry | undefined;
const limiter = new HostLimiter();

/** `sources`: the registry to resolve the source in (tests give one with test-only sources). */
export async function runFetchTask(
  payload: unknown,
  signal: AbortSignal,
  jobId: string,
  sources?: SourceRegistry,
): Promise<FetchTaskResult> {
  const parsed = FetchTaskInput.safeParse(payload);
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', `source.fetch: ${describeZodError(parsed.error).message}`);
  const t = parsed.data;
  const reg = sources ?? (registry ??= createRegistry());
  const source = reg.get(t.source);
  const fetcher = reg.fetcher(t.source, t.model);
  if (!source || !fetcher) throw new AppError('NOT_FOUND', `source ${t.source} has no ${t.model} fetcher`);
  const query = checkQuery(t.query);
  const where = { source: t.source, model: t.model, query: queryText(query) };
  const started = Date.now();
  let raw: RawPayload;
  let fetchError: AppError | undefined;
  let page: OpenPage | undefined;
  // Only the base URL's host (default or configured) and the source's documented extra hosts.
  const allowedHosts = [hostKey(t.baseUrl) ?? '', ...(source.info.extraHosts ?? [])].filter(Boolean);
  try {
    const spec = fetcher.request(query, { baseUrl: t.baseUrl, credentials: t.credentials, now: new Date() });
    if (spec.browser) {
      page = await fetchInBrowser(
        t.browser,
        source,
        { ...spec, browser: spec.browser },
        {
          signal,
          timeoutMs: t.timeoutMs,
          allowedHosts,
          limiter,
        },
      );
      raw = page.raw;
    } else {
      raw = await fetchRaw(spec, {
        signal,
        timeoutMs: t.timeoutMs,
        allowedHosts,
        limiter,
        limits: { concurrency: source.info.concurrency, ratePerMinute: source.info.ratePerMinute },
        ...(t.retries !== undefined ? { retries: t.retries } : {}),
      });
    }
  } catch (error) {
    const got = rawOf(error);
    if (!got) throw withWhere(error, where);
    raw = got;
    fetchError = withWhere(error, where);
  }
  try {
    return await parseAndKeep(t, jobId, fetcher, raw, query, where, started, fetchError, page);
  } finally {
    await page?.close();
  }
}

async function parseAndKeep(
  t: FetchTaskInput,
  jobId: string,
  fetcher: Fetcher,
  raw: RawPayload,
  query: SourceQuery,
  where: SourceErrorWhere,
  started: number,
  fetchError: AppError | undefined,
  page: OpenPage | undefined,
): Promise<FetchTaskResult> {
  const blob = putBlob(t.vaultDir, raw.body);
  const meta: FetchedMeta = {
    sha256: blob.sha256,
    // Credentials in query strings (tokens, API keys) never reach the vault's index.
    url: redactUrl(raw.url),
    status: raw.status,
    contentType: raw.contentType,
    bytes: blob.bytes,
    storedBytes: blob.storedBytes,
    fetchedAt: raw.fetchedAt,
    parserVersion: fetcher.parserVersion,
    ms: Date.now() - started,
  };
  if (fetchError) return { fetch: meta, error: fetchError.toJSON() };
  try {
    const items = await runTransform(t.source, fetcher, raw, query);
    if (items.length <= INLINE_ITEMS) return { fetch: meta, items };
    mkdirSync(t.spillDir, { recursive: true });
    const file = join(t.spillDir, `${jobId.replace(/[^\w-]/g, '_')}-${blob.sha256.slice(0, 12)}.json.gz`);
    writeFileSync(file, gzipSync(JSON.stringify(items)));
    return { fetch: meta, itemsFile: file, count: items.length };
  } catch (error) {
    const failed = withWhere(error, where);
    // What the page looked like when the parser stopped knowing it.
    if (failed.code === 'LAYOUT_CHANGED' && page) {
      const png = await page.screenshot();
      if (png) {
        putScreenshot(t.vaultDir, blob.sha256, png);
        meta.screenshot = true;
      }
    }
    return { fetch: meta, error: failed.toJSON() };
  }
}
