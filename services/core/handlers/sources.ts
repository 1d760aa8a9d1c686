import { NO_SESSION_INFO, type SessionLookup } from '../sources/login-state';
import { AppError } from '../../contract';
import { ModelName } from '../../sources/models';
import { parseQueryText } from '../../sources/query';
import type { Ctx } from '../context';
import { latestFundamentals } from '../sources/fundamentals-query';
import { fileSnapshotsOf } from '../analysis/current-loader';
import { loadFundamentalHistory } from '../analysis/history-loader';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceQuery } from '../../sources/query';
import { importsOf } from '../files/file-access';
import { findUpload, removeUpload, uploadsDir } from '../files/uploads';
import { userFile } from '../files/user-files';
import { ingestFile, type IngestResult } from '../sources/ingest';
import { reparse } from '../sources/reparse';
import {
  listScrapers,
  resolveSource,
  scraperEntry,
  scrapersHealth,
  testAllScrapers,
  testScraper,
} from '../sources/scrapers-service';
import type { SourceRunner } from '../sources/source-runner';
import { toApiSnapshot } from '../sources/vault';
import { hasScreenshot } from '../sources/vault-files';
import type { Handler } from './types';

function runner(ctx: Ctx): SourceRunner {
  if (!ctx.sources) throw new AppError('UNAVAILABLE', 'the data sources are not started');
  return ctx.sources;
}

export const scrapersListHandler: Handler<'scrapers.list'> = (_i, ctx) =>
  Promise.resolve().then(() => listScrapers(runner(ctx)));
export const scrapersTestHandler: Handler<'scrapers.test'> = (input, ctx) => testScraper(runner(ctx), input);
export const scrapersTestAllHandler: Handler<'scrapers.testAll'> = (_i, ctx) => testAllScrapers(runner(ctx));
export const scrapersHealthHandler: Handler<'scrapers.health'> = (_i, ctx) =>
  Promise.resolve().then(() => scrapersHealth(runner(ctx), sessionLookup(ctx), ctx.network?.status()));

/** A source's key or token from Settings: stored encrypted, answered only as "configured". */
export const scrapersSetCredentialHandler: Handler<'scrapers.setCredential'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const r = runner(ctx);
    const s = resolveSource(r.registry, input.scraper);
    // Names are checked against the source's own list (never a free key into the store).
    if (!s.info.credentials.some((c) => c.name === input.name))
      throw new AppError(
        'INVALID_INPUT',
        `name: ${s.info.id} takes ${s.info.credentials.map((c) => c.name).join(', ') || 'no credentials'}`,
        { fields: ['name'] },
      );
    if (!r.secrets) throw new AppError('UNAVAILABLE', 'the key store is not open');
    r.secrets.set(s.info.id, input.name, input.value.trim());
    return { scraper: scraperEntry(r, s) };
  });

/** Each sign-in source's session from its profile's cookies (the same figures as cookies/status). */
export function sessionLookup(ctx: Ctx): SessionLookup {
  if (!ctx.signin) return NO_SESSION_INFO;
  const byId = new Map(ctx.signin.status().sources.map((s) => [s.id, s.state]));
  return (id) => {
    const state = byId.get(id);
    if (state === undefined) return undefined;
    return state === 'signed-in' ? 'valid' : state === 'expired' ? 'expired' : 'missing';
  };
}

export const scrapersSetEnabledHandler: Handler<'scrapers.setEnabled'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const r = runner(ctx);
    const s = resolveSource(r.registry, input.scraper);
    r.health.setEnabled(s.info.id, input.enabled);
    return { scraper: scraperEntry(r, s) };
  });

export const fundamentalsGetHandler: Handler<'fundamentals.get'> = (input, ctx) =>
  latestFundamentals(ctx.pg, input.ticker);

export const fundamentalsHistoryHandler: Handler<'fundamentals.history'> = (input, ctx) =>
  loadFundamentalHistory(ctx.pg, input.ticker, fileSnapshotsOf(ctx.state));

export const snapshotsGetHandler: Handler<'snapshots.get'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const r = runner(ctx);
    const snap = r.vault.get(input.id);
    if (!snap)
      throw new AppError(
        'NOT_FOUND',
        `no snapshot ${input.id} (never stored, or removed by the vault retention)`,
      );
    return { snapshot: toApiSnapshot(snap, hasScreenshot(r.vaultDir, snap.sha256)) };
  });

export const sourcesIngestHandler: Handler<'sources.ingest'> = async (input, ctx) => {
  const r = runner(ctx);
  const s = resolveSource(r.registry, input.source);
  const model = ModelName.safeParse(input.model);
  if (!model.success)
    throw new AppError('INVALID_INPUT', `model: one of ${ModelName.options.join(', ')}`, {
      fields: ['model'],
    });
  const primary = s.fetchers[model.data]?.primary ?? 'ticker';
  const query = input.query ? parseQueryText(input.query, primary) : {};
  if (input.ticker) query.ticker = input.ticker;
  if (input.upload) return ingestInline(ctx, r, s.info.id, model.data, query, input.upload);
  if (input.upload_id === undefined)
    return ingestFile(r, s.info.id, model.data, userFile(ctx, input.file ?? '', 'file'), query);
  // An upload: read once, its provenance is its name (not where the server spooled it).
  const up = await findUpload(ctx.dataDir, input.upload_id);
  try {
    return await ingestFile(r, s.info.id, model.data, up.path, query, {
      url: `upload:${encodeURIComponent(up.name)}`,
      name: up.name,
    });
  } finally {
    await removeUpload(ctx.dataDir, up.id);
  }
};

/** A file sent inline (the desktop app): the upload cap, then the same path as a streamed upload. */
async function ingestInline(
  ctx: Ctx,
  r: SourceRunner,
  source: string,
  model: ModelName,
  query: SourceQuery,
  upload: { name: string; dataBase64: string },
): Promise<IngestResult> {
  const body = Buffer.from(upload.dataBase64, 'base64');
  const max = importsOf(ctx.config).maxUploadBytes;
  if (body.length > max)
    throw new AppError('PAYLOAD_TOO_LARGE', `${upload.name} is ${body.length} bytes; the limit is ${max}`, {
      file: upload.name,
      limit: max,
    });
  const spool = join(uploadsDir(ctx.dataDir), randomUUID());
  await mkdir(spool, { recursive: true, mode: 0o700 });
  try {
    const path = join(spool, 'file');
    await writeFile(path, body, { mode: 0o600 });
    return await ingestFile(r, source, model, path, query, {
      url: `upload:${encodeURIComponent(upload.name)}`,
      name: upload.name,
    });
  } finally {
    await rm(spool, { recursive: true, force: true });
  }
}

export const sourcesReparseHandler: Handler<'sources.reparse'> = (input, ctx) =>
  reparse(runner(ctx), input.source, { model: input.model, since: input.since });

export const sourcesPruneHandler: Handler<'sources.prune'> = (input, ctx) =>
  Promise.resolve().then(() => {
    const r = runner(ctx);
    const days = input.older_than_days ?? ctx.config?.vault.retentionDays ?? null;
    if (days === null) return { snapshots: 0, files: 0, retention_days: null };
    return { ...r.vault.prune(Date.now() - days * 86_400_000), retention_days: days };
  });

function signin(ctx: Ctx): NonNullable<Ctx['signin']> {
  if (!ctx.signin) throw new AppError('UNAVAILABLE', 'the data sources are not started');
  return ctx.signin;
}

export const scrapersLoginHandler: Handler<'scrapers.login'> = (input, ctx) =>
  Promise.resolve().then(() => signin(ctx).login(input.scraper));
export const scrapersLogoutHandler: Handler<'scrapers.logout'> = (input, ctx) =>
  signin(ctx).logout(input.scraper);
export const scrapersCookiesStatusHandler: Handler<'scrapers.cookiesStatus'> = (_i, ctx) =>
  Promise.resolve().then(() => signin(ctx).status());
