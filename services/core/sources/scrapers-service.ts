import type { NetworkStatus, ScraperEntry, ScraperHealth, ScraperTestResult } from '../../contract';
import { missingFieldsMessage } from '../../sources/file-query';
import { AppError, isAppError } from '../../contract';
import type { Source } from '../../sources/define';
import { ModelName } from '../../sources/models';
import { checkQuery, parseQueryText, queryText, type SourceQuery } from '../../sources/query';
import { resolveSourceId } from '../jobs/source-catalogue';
import type { SourceRegistry } from '../../sources/registry';
import { needsLogin, NO_SESSION_INFO, type SessionLookup } from './login-state';
import type { SourceRunner } from './source-runner';

/** A source id, an alias of it or an original platform name → the source (case-insensitive). */
export function resolveSource(registry: SourceRegistry, name: string): Source {
  const key = name.trim().toLowerCase();
  for (const s of registry.list()) {
    if (s.info.id === key || s.info.aliases.some((a) => a.toLowerCase() === key)) return s;
  }
  const known = resolveSourceId(name);
  const ids = registry.list().map((s) => s.info.id);
  throw new AppError(
    'NOT_FOUND',
    known
      ? `source "${name}" (${known}) is known but not available in this build; available: ${ids.join(', ')}`
      : `no source "${name}"; available: ${ids.join(', ')}`,
  );
}

export function scraperEntry(runner: SourceRunner, s: Source): ScraperEntry {
  // config.json's values only: the stored ones are looked up without decrypting them.
  const creds = runner.configuredCredentials(s.info.id);
  return {
    id: s.info.id,
    name: s.info.name,
    url: s.info.url,
    category: s.info.category,
    models: Object.keys(s.fetchers),
    requires_login: s.info.requiresLogin,
    uses_browser: s.info.usesBrowser,
    enabled: runner.health.isEnabled(s.info.id),
    credentials: s.info.credentials.map((c) => ({
      name: c.name,
      optional: c.optional,
      configured: Boolean(creds[c.name]) || runner.hasCredential(s.info.id, c.name),
    })),
    base_url: runner.baseUrl(s.info.id),
    rate_per_minute: s.info.ratePerMinute,
    aliases: s.info.aliases,
  };
}

export function listScrapers(runner: SourceRunner) {
  const scrapers = runner.registry.list().map((s) => scraperEntry(runner, s));
  const categories: Record<string, number> = {};
  for (const s of scrapers) categories[s.category] = (categories[s.category] ?? 0) + 1;
  const priv = scrapers.filter((s) => s.requires_login || s.credentials.some((c) => !c.optional)).length;
  return { total: scrapers.length, public: scrapers.length - priv, private: priv, categories, scrapers };
}

function toQuery(
  s: Source,
  model: ModelName,
  input: string | Record<string, string | number> | undefined,
): SourceQuery {
  if (input === undefined || input === '')
    return s.info.canary.model === model ? { ...s.info.canary.query } : {};
  if (typeof input === 'string') return parseQueryText(input, s.fetchers[model]?.primary ?? 'ticker');
  return checkQuery(input);
}

const MAX_TEST_ITEMS = 50;

/** Run one source now, outside the queue; failures are part of the answer, not thrown. */
export async function testScraper(
  runner: SourceRunner,
  input: {
    scraper: string;
    query?: string | Record<string, string | number> | undefined;
    model?: string | undefined;
    store?: boolean | undefined;
  },
): Promise<ScraperTestResult> {
  const s = resolveSource(runner.registry, input.scraper);
  const parsedModel = ModelName.safeParse(input.model ?? s.info.canary.model);
  if (!parsedModel.success || !s.fetchers[parsedModel.data]) {
    throw new AppError('INVALID_INPUT', `model: ${s.info.id} serves ${Object.keys(s.fetchers).join(', ')}`, {
      fields: ['model'],
    });
  }
  const model = parsedModel.data;
  const query = toQuery(s, model, input.query);
  const started = Date.now();
  const base = { scraper: s.info.id, model, query: queryText(query) };
  try {
    const missing = (s.fetchers[model]?.required ?? []).filter((f) => query[f] === undefined);
    if (missing.length)
      throw new AppError(
        'INVALID_INPUT',
        `query: ${s.info.id} ${model}: ${missingFieldsMessage(s, missing, { kind: 'api', model: null })}`,
        {
          fields: missing,
        },
      );
    const r = await runner.run({ source: s.info.id, model, query, store: input.store ?? false, force: true });
    return {
      ...base,
      success: true,
      execution_time: (Date.now() - started) / 1000,
      data: r.items.slice(0, MAX_TEST_ITEMS),
      item_count: r.items.length,
      snapshot_id: r.snapshotId,
      error: null,
    };
  } catch (e) {
    const err = isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));
    const snap = err.details?.['snapshot_id'];
    return {
      ...base,
      success: false,
      execution_time: (Date.now() - started) / 1000,
      data: null,
      item_count: 0,
      snapshot_id: typeof snap === 'number' ? snap : null,
      error: err.toJSON(),
    };
  }
}

/** How many sources `scrapers.testAll` tests at once. */
const TEST_ALL_AT_ONCE = 4;

export async function testAllScrapers(runner: SourceRunner) {
  const started = Date.now();
  const ids = runner.registry
    .list()
    // The AI chat sites have nothing to test here (no fetcher): the AI analyst uses them.
    .filter((s) => Object.keys(s.fetchers).length > 0)
    .map((s) => s.info.id)
    .filter((id) => runner.health.isEnabled(id));
  // Sources live on different sites: a few at once (the workers and each site's polite limits still
  // apply), answered in the registry's order.
  const results: ScraperTestResult[] = new Array<ScraperTestResult>(ids.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < ids.length; i = next++)
      results[i] = await testScraper(runner, { scraper: ids[i]! });
  };
  await Promise.all(Array.from({ length: Math.min(TEST_ALL_AT_ONCE, ids.length) }, lane));
  const passed = results.filter((r) => r.success).length;
  return {
    total: results.length,
    passed,
    failed: results.length - passed,
    execution_time: (Date.now() - started) / 1000,
    results,
  };
}

const ONLINE: NetworkStatus = {
  state: 'online',
  since: null,
  next_probe_at: null,
  failing_sources: [],
  last_code: null,
};

/** One source's health as shown: its record, then "needs setup" / "needs login" when that applies. */
export function sourceHealth(runner: SourceRunner, s: Source, sessions: SessionLookup): ScraperHealth {
  const h = runner.health.report(s.info.id, s.info.name);
  const missing = runner.missingCredentials(s.info.id);
  if (missing.length > 0 && h.status !== 'disabled')
    return { ...h, status: 'needs_setup', missing_credentials: missing };
  return needsLogin(s.info, h, sessions(s.info.id)) ? { ...h, status: 'needs_login' } : h;
}

/** The overall word for the sources: offline first, then from the ones that ran and could run. */
export function overallHealth(
  healthy: number,
  unhealthy: number,
  network: NetworkStatus,
): 'healthy' | 'degraded' | 'unhealthy' | 'unknown' | 'offline' {
  if (network.state === 'offline') return 'offline';
  if (healthy + unhealthy === 0) return 'unknown';
  return unhealthy === 0 ? 'healthy' : healthy === 0 ? 'unhealthy' : 'degraded';
}

/**
 * Per-source health and the summary. `sessions` is the sign-in cookie status per source (the
 * sign-in helper's); without it, a login source that never succeeded counts as "needs login".
 */
export function scrapersHealth(
  runner: SourceRunner,
  sessions: SessionLookup = NO_SESSION_INFO,
  network: NetworkStatus = ONLINE,
) {
  const scrapers: ScraperHealth[] = runner.registry.list().map((s) => sourceHealth(runner, s, sessions));
  const count = (st: ScraperHealth['status']): number => scrapers.filter((x) => x.status === st).length;
  const healthy = count('healthy');
  const unhealthy = count('unhealthy');
  const unknown = count('unknown');
  // A source waiting for a sign-in or a key is neither healthy nor failing: left out of the ratio.
  const tried = healthy + unhealthy;
  return {
    overall_health: overallHealth(healthy, unhealthy, network),
    total_scrapers: scrapers.length,
    healthy,
    unhealthy,
    unknown,
    needs_login: count('needs_login'),
    needs_setup: count('needs_setup'),
    healthy_percentage: tried === 0 ? 0 : Math.round((healthy / tried) * 1000) / 10,
    scrapers,
    network,
  };
}
