import { AppError, isAppError } from '../../contract';
import { ModelName } from '../../sources/models';
import { parseQueryText } from '../../sources/query';
import { makeRaw } from '../../sources/raw';
import { runTransform } from '../../sources/run-transform';
import { diffItems, type ItemsDiff } from './items-diff';
import { itemsDigest, keepParsed, readParsed } from './parsed-items';
import { resolveSource } from './scrapers-service';
import type { SourceRunner } from './source-runner';
import { readBlob } from './vault-files';

export interface ReparseChange {
  snapshot_id: number;
  model: string;
  query: string;
  fetched_at: string;
  before: { status: string; items: number | null };
  after: { status: string; items: number | null; message?: string };
  diff: ItemsDiff | null;
}

export interface ReparseReport {
  source: string;
  model: string | null;
  since: string | null;
  snapshots: number;
  unchanged: number;
  changed: number;
  /** Failed before, parse now. */
  fixed: number;
  /** Parsed before, fail now. */
  broken: number;
  still_failing: number;
  /** Rows written to the database by the new parse. */
  stored: number;
  changes: ReparseChange[];
}

/**
 * Re-run today's parser over a source's stored payloads, store what it now reads (with the same
 * snapshot ids) and report what changed against the previous parse.
 */
export async function reparse(
  runner: SourceRunner,
  sourceName: string,
  opts: { model?: string | undefined; since?: string | undefined },
): Promise<ReparseReport> {
  const s = resolveSource(runner.registry, sourceName);
  let model: ModelName | undefined;
  if (opts.model) {
    const m = ModelName.safeParse(opts.model);
    if (!m.success || !s.fetchers[m.data]) {
      throw new AppError(
        'INVALID_INPUT',
        `model: ${s.info.id} serves ${Object.keys(s.fetchers).join(', ')}`,
        { fields: ['model'] },
      );
    }
    model = m.data;
  }
  const since = opts.since ? Date.parse(`${opts.since}T00:00:00Z`) : undefined;
  const report: ReparseReport = {
    source: s.info.id,
    model: model ?? null,
    since: opts.since ?? null,
    snapshots: 0,
    unchanged: 0,
    changed: 0,
    fixed: 0,
    broken: 0,
    still_failing: 0,
    stored: 0,
    changes: [],
  };
  for (const snap of runner.vault.list(s.info.id, model, since)) {
    const m = ModelName.safeParse(snap.model);
    const fetcher = m.success ? s.fetchers[m.data] : undefined;
    if (!m.success || !fetcher) continue;
    report.snapshots++;
    const query = parseQueryText(snap.query, fetcher.primary);
    const raw = makeRaw(
      {
        url: snap.url,
        status: snap.status,
        contentType: snap.content_type,
        fetchedAt: new Date(snap.fetched_at).toISOString(),
        body: readBlob(runner.vaultDir, snap.sha256),
      },
      fetcher.request(query, {
        baseUrl: runner.baseUrl(s.info.id),
        credentials: {},
        now: new Date(snap.fetched_at),
      }).encoding ?? 'auto',
    );
    const before = { status: snap.parse_status, items: snap.item_count };
    const change = {
      snapshot_id: snap.id,
      model: snap.model,
      query: snap.query,
      fetched_at: raw.fetchedAt,
      before,
    };
    // Error answers (HTTP 404 pages…) were never parsed as data; they stay what they were.
    if (snap.status >= 400 && snap.parse_status !== 'ok') {
      report.still_failing++;
      continue;
    }
    let items: unknown[];
    try {
      items = await runTransform(s.info.id, fetcher, raw, query);
    } catch (e) {
      const code = isAppError(e) ? e.code : 'INTERNAL';
      const message = e instanceof Error ? e.message : String(e);
      runner.vault.markParsed(snap.id, {
        status: code,
        message,
        count: null,
        digest: null,
        parserVersion: fetcher.parserVersion,
      });
      if (before.status === 'ok') {
        report.broken++;
        report.changes.push({ ...change, after: { status: code, items: null, message }, diff: null });
      } else report.still_failing++;
      continue;
    }
    const digest = itemsDigest(items);
    const old = readParsed(runner.vaultDir, snap.id);
    report.stored += await runner.store(
      s.info.id,
      m.data,
      items,
      snap.id,
      raw.fetchedAt,
      snap.sha256,
      snap.url,
    );
    runner.vault.markParsed(snap.id, {
      status: 'ok',
      message: null,
      count: items.length,
      digest,
      parserVersion: fetcher.parserVersion,
    });
    keepParsed(runner.vaultDir, snap.id, items);
    if (before.status !== 'ok') {
      report.fixed++;
      report.changes.push({ ...change, after: { status: 'ok', items: items.length }, diff: null });
    } else if (digest === snap.items_digest) report.unchanged++;
    else {
      report.changed++;
      report.changes.push({
        ...change,
        after: { status: 'ok', items: items.length },
        diff: old ? diffItems(old, items) : null,
      });
    }
  }
  return report;
}
