import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../contract';
import type { ModelName } from '../../sources/models';
import { fileQuery } from '../../sources/file-query';
import { queryText, type SourceQuery } from '../../sources/query';
import { rawFromFile } from '../../sources/raw';
import { runTransform } from '../../sources/run-transform';
import { itemsDigest, keepParsed } from './parsed-items';
import { resolveSource } from './scrapers-service';
import type { SourceRunner } from './source-runner';
import { putBlob } from './vault-files';

export interface IngestResult {
  source: string;
  model: ModelName;
  query: string;
  snapshot_id: number;
  items: number;
  stored: number;
}

/** Parse a page the user saved and store it like a fetched one, with a vault snapshot (`file://` URL). */
export async function ingestFile(
  runner: SourceRunner,
  sourceName: string,
  model: ModelName,
  file: string,
  query: SourceQuery,
  /** How the snapshot and messages name the file (an upload: its name, not the spool path). */
  shown: { url: string; name: string } | null = null,
): Promise<IngestResult> {
  const s = resolveSource(runner.registry, sourceName);
  const fetcher = s.fetchers[model];
  if (!fetcher) {
    throw new AppError('INVALID_INPUT', `model: ${s.info.id} serves ${Object.keys(s.fetchers).join(', ')}`, {
      fields: ['model'],
    });
  }
  const path = resolve(file);
  const name = shown?.name ?? path;
  let body: Buffer;
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
    body = readFileSync(path);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new AppError('FILE_NOT_FOUND', `cannot read ${name}: ${why}`, { file: name });
  }
  const url = shown?.url ?? pathToFileURL(path).href;
  // What the file's published name tells, then the required fields (named as the API takes them).
  query = fileQuery(s, fetcher, basename(name), query, { kind: 'api', model: null });
  const raw = rawFromFile(
    body,
    url,
    fetcher.request(query, { baseUrl: runner.baseUrl(s.info.id), credentials: {}, now: new Date() })
      .encoding ?? 'auto',
  );
  const blob = putBlob(runner.vaultDir, body);
  const snapshotId = runner.vault.record({
    sha256: blob.sha256,
    source: s.info.id,
    model,
    query: queryText(query),
    url,
    status: 200,
    contentType: null,
    bytes: blob.bytes,
    storedBytes: blob.storedBytes,
    fetchedAt: Date.now(),
    parserVersion: fetcher.parserVersion,
  });
  let items: unknown[];
  try {
    items = await runTransform(s.info.id, fetcher, raw, query);
  } catch (e) {
    const err = e as AppError;
    runner.vault.markParsed(snapshotId, {
      status: err.code,
      message: err.message,
      count: null,
      digest: null,
    });
    throw new AppError(err.code, err.message, { ...err.details, snapshot_id: snapshotId });
  }
  const stored = await runner.store(s.info.id, model, items, snapshotId, raw.fetchedAt, blob.sha256, url);
  runner.vault.markParsed(snapshotId, {
    status: 'ok',
    message: null,
    count: items.length,
    digest: itemsDigest(items),
  });
  keepParsed(runner.vaultDir, snapshotId, items);
  runner.health.recordSuccess(s.info.id, items.length, 'ingest');
  return {
    source: s.info.id,
    model,
    query: queryText(query),
    snapshot_id: snapshotId,
    items: items.length,
    stored,
  };
}
