import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { AppError, isAppError } from '../../contract';
import type { Source } from '../../sources/define';
import type { ModelName } from '../../sources/models';
import { queryText, type SourceQuery } from '../../sources/query';
import type { SourceRegistry } from '../../sources/registry';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../logging/logger';
import type { Pg } from '../storage/pg';
import type { StateDb } from '../storage/state';
import type { WorkerOutcome } from '../workers/types';
import { unwrap } from '../jobs/job-types';
import { storeCotahist } from './cotahist-store';
import { runFetchTask, type FetchTaskInput, type FetchTaskResult } from './fetch-task';
import { itemsDigest, keepParsed } from './parsed-items';
import { networkFailureCode } from './network-codes';
import { SourceHealth } from './source-health';
import type { SourceSecrets } from './source-secrets';
import { storeItems } from './source-store';
import { Vault } from './vault';
import { readBlob, vaultDir } from './vault-files';

export type RunTask = (
  jobId: string,
  task: string,
  payload: unknown,
  timeoutMs: number,
) => Promise<WorkerOutcome>;

export interface RunRequest {
  source: string;
  model: ModelName;
  query: SourceQuery;
  /** Store the items in the database (jobs: yes; `scrapers.test`: only when asked). */
  store: boolean;
  jobId?: string;
  /** Bypass the enabled flag and the circuit breaker (an explicit test by the user). */
  force?: boolean;
  timeoutMs?: number;
}

export interface RunResult {
  snapshotId: number;
  items: unknown[];
  stored: number;
  ms: number;
}

/**
 * Runs sources in the main process's name: circuit breaker → a worker fetches and parses (the raw
 * payload goes to the vault before parsing) → the snapshot is indexed → items stored with its id.
 */
export class SourceRunner {
  readonly vault: Vault;
  readonly health: SourceHealth;
  readonly vaultDir: string;

  constructor(
    private readonly o: {
      registry: SourceRegistry;
      state: StateDb;
      pg: Pg;
      dataDir: string;
      config: AppConfig;
      log: Logger;
      /** Runs a task in a worker process; absent where no workers run (one-shot CLI), then in-process. */
      runTask?: RunTask;
      /** Told after items are stored: the tickers they concern, or null for market-wide data. */
      onStored?: (tickers: string[] | null) => void;
      /**
       * The `Cookie` header of a signed-in source (the sign-in's encrypted copy), sent to its fetch
       * as the reserved credential `cookie`; null when it has none.
       */
      sessionCookie?: (id: string) => string | null;
      /** Keys and tokens set from Settings (encrypted); config.json's `credentials` win over them. */
      secrets?: SourceSecrets;
      /** Told how each fetch ended at the network level (the offline detector). */
      onNetwork?: (source: string, outcome: { ok: true } | { ok: false; code: string }) => void;
    },
  ) {
    this.vaultDir = vaultDir(o.dataDir);
    this.vault = new Vault(o.state, this.vaultDir);
    this.health = new SourceHealth(o.state);
  }

  get registry(): SourceRegistry {
    return this.o.registry;
  }

  setRunTask(runTask: RunTask | undefined): void {
    this.o.runTask = runTask;
  }

  source(id: string): Source {
    const s = this.o.registry.get(id);
    if (!s) throw new AppError('NOT_FOUND', `no source "${id}" in this build`);
    return s;
  }

  baseUrl(id: string): string {
    return (this.o.config.sources[id]?.baseUrl ?? this.source(id).info.baseUrl).replace(/\/+$/, '');
  }

  credentials(id: string): Record<string, string> {
    return { ...(this.o.secrets?.all(id) ?? {}), ...(this.o.config.sources[id]?.credentials ?? {}) };
  }

  /** config.json's credentials of a source (the stored ones are not decrypted for a listing). */
  configuredCredentials(id: string): Record<string, string> {
    return { ...(this.o.config.sources[id]?.credentials ?? {}) };
  }

  get secrets(): SourceSecrets | undefined {
    return this.o.secrets;
  }

  /** Whether a credential is set (config.json or Settings), without decrypting anything. */
  hasCredential(id: string, name: string): boolean {
    return (
      Boolean(this.o.config.sources[id]?.credentials?.[name]) || (this.o.secrets?.has(id, name) ?? false)
    );
  }

  /** The required (not optional) credentials of a source that are not set: it "needs setup". */
  missingCredentials(id: string): string[] {
    return this.source(id)
      .info.credentials.filter((c) => !c.optional && !this.hasCredential(id, c.name))
      .map((c) => c.name);
  }

  /** The configured credentials plus, for a signed-in source, its session as `cookie`. */
  private fetchCredentials(id: string): Record<string, string> {
    const cookie = this.source(id).info.requiresLogin ? this.o.sessionCookie?.(id) : null;
    return cookie ? { ...this.credentials(id), cookie } : this.credentials(id);
  }

  timeoutMs(id: string): number {
    return (
      this.o.config.sources[id]?.timeoutMs ?? (id === 'cvm' || id === 'b3-cotahist' ? 15 * 60_000 : 60_000)
    );
  }

  async run(r: RunRequest): Promise<RunResult> {
    const src = this.source(r.source);
    if (!src.fetchers[r.model]) {
      throw new AppError(
        'INVALID_INPUT',
        `${r.source} serves ${Object.keys(src.fetchers).join(', ')}, not ${r.model}`,
        {
          fields: ['model'],
        },
      );
    }
    const where = `${r.source} ${r.model} (${queryText(r.query)})`;
    const missing = this.missingCredentials(r.source);
    if (missing.length > 0) {
      // Nothing to ask the site without its key: "needs setup", not a failure of the site.
      throw new AppError(
        'UNAUTHORIZED',
        `${where}: needs setup — set ${missing.join(', ')} in Settings (Data source keys)`,
        { needs_setup: missing },
      );
    }
    if (!r.force) {
      if (!this.health.isEnabled(r.source))
        throw new AppError('UNAVAILABLE', `${where}: the source is disabled`);
      const gate = this.health.breaker(r.source).allow();
      if (!gate.ok) {
        throw new AppError(
          'UNAVAILABLE',
          `${where}: circuit open after repeated failures; next probe in ${Math.ceil(gate.retryInMs / 1000)} s`,
          { circuit: 'open', retryInMs: gate.retryInMs },
        );
      }
    }
    const started = Date.now();
    const jobId = r.jobId ?? `run-${randomUUID()}`;
    const timeoutMs = r.timeoutMs ?? this.timeoutMs(r.source);
    const payload: FetchTaskInput = {
      source: r.source,
      model: r.model,
      query: r.query,
      baseUrl: this.baseUrl(r.source),
      credentials: this.fetchCredentials(r.source),
      vaultDir: this.vaultDir,
      spillDir: join(this.o.dataDir, 'tmp'),
      timeoutMs,
      // Browser sources: their profiles under <data-dir>/browser, the configured browser and limits.
      browser: { dir: join(this.o.dataDir, 'browser'), ...this.o.config.browser },
      ...(this.o.config.sources[r.source]?.retries !== undefined
        ? { retries: this.o.config.sources[r.source]?.retries }
        : {}),
    };
    let result: FetchTaskResult;
    try {
      result = await this.execute(jobId, payload, timeoutMs);
    } catch (e) {
      const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
      const net = networkFailureCode(err);
      if (net) this.o.onNetwork?.(r.source, { ok: false, code: net });
      if (err.code !== 'CANCELLED') this.health.recordFailure(r.source, err.code, err.message);
      throw err;
    }
    const f = result.fetch;
    // An answer came (even an error page): the network is up.
    this.o.onNetwork?.(r.source, { ok: true });
    const snapshotId = this.vault.record({
      sha256: f.sha256,
      source: r.source,
      model: r.model,
      query: queryText(r.query),
      url: f.url,
      status: f.status,
      contentType: f.contentType,
      bytes: f.bytes,
      storedBytes: f.storedBytes,
      fetchedAt: Date.parse(f.fetchedAt),
      parserVersion: f.parserVersion,
    });
    if (result.error) {
      this.vault.markParsed(snapshotId, {
        status: result.error.code,
        message: result.error.message,
        count: null,
        digest: null,
      });
      this.health.recordFailure(r.source, result.error.code, result.error.message);
      throw new AppError(result.error.code, result.error.message, {
        ...result.error.details,
        snapshot_id: snapshotId,
      });
    }
    const items = result.items ?? this.readSpill(result.itemsFile);
    let stored = 0;
    if (r.store)
      stored = await this.store(r.source, r.model, items, snapshotId, f.fetchedAt, f.sha256, f.url);
    this.vault.markParsed(snapshotId, {
      status: 'ok',
      message: null,
      count: items.length,
      digest: itemsDigest(items),
    });
    keepParsed(this.vaultDir, snapshotId, items);
    this.health.recordSuccess(r.source, items.length, 'fetch');
    return { snapshotId, items, stored, ms: Date.now() - started };
  }

  /** Store parsed items with their snapshot id (b3-cotahist through the COTAHIST importer). */
  async store(
    source: string,
    model: ModelName,
    items: unknown[],
    snapshotId: number,
    fetchedAt: string,
    sha: string,
    url: string,
  ): Promise<number> {
    const stored =
      source === 'b3-cotahist'
        ? await storeCotahist(
            this.o.pg,
            readBlob(this.vaultDir, sha),
            snapshotId,
            basename(new URL(url).pathname) || 'COTAHIST',
          )
        : await storeItems(this.o.pg, model, items, { source, snapshotId, fetchedAt });
    // News feeds no analysis block (reports read it fresh): no cached answer to drop.
    this.o.onStored?.(model === 'news' ? [] : tickersOf(source, items));
    return stored;
  }

  private async execute(jobId: string, payload: FetchTaskInput, timeoutMs: number): Promise<FetchTaskResult> {
    if (!this.o.runTask) return runFetchTask(payload, AbortSignal.timeout(timeoutMs + 5_000), jobId);
    const out = await this.o.runTask(jobId, 'source.fetch', payload, timeoutMs + 5_000);
    return unwrap(out) as FetchTaskResult;
  }

  private readSpill(file: string | undefined): unknown[] {
    if (!file) return [];
    try {
      return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as unknown[];
    } finally {
      rmSync(file, { force: true });
    }
  }
}

/** The tickers a batch of items concerns; null when it is market-wide (COTAHIST, macro, screeners). */
function tickersOf(source: string, items: readonly unknown[]): string[] | null {
  if (source === 'b3-cotahist' || items.length > 50) return null;
  const out = new Set<string>();
  for (const i of items) {
    const t = (i as { ticker?: unknown }).ticker;
    if (typeof t !== 'string') return null;
    out.add(t);
  }
  return [...out];
}
