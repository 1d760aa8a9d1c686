import { z } from 'zod';
import { defineMethod } from '../define';
import { ApiError } from '../errors';

/** A source as `/api/scrapers/list` shows it (the original platform's field names). */
export const ScraperEntry = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  category: z.string(),
  models: z.array(z.string()),
  requires_login: z.boolean(),
  uses_browser: z.boolean(),
  enabled: z.boolean(),
  /** Credentials it can use and whether each is set (never the value). */
  credentials: z.array(z.object({ name: z.string(), optional: z.boolean(), configured: z.boolean() })),
  base_url: z.string(),
  rate_per_minute: z.number(),
  aliases: z.array(z.string()),
});
export type ScraperEntry = z.infer<typeof ScraperEntry>;

const ScraperName = z.string().trim().min(1, 'name a source, e.g. fundamentus or FUNDAMENTUS');

/** A query as text ("PETR4", "series=432&from=2024-01-01") or as an object. */
const QueryInput = z.union([
  z.string().trim().max(200),
  z.record(z.string(), z.union([z.string(), z.number()])),
]);

export const ScraperTestResult = z.object({
  success: z.boolean(),
  scraper: z.string(),
  model: z.string(),
  query: z.string(),
  /** Seconds, as the original platform reported it. */
  execution_time: z.number(),
  data: z.array(z.unknown()).nullable(),
  /** How many items the answer held (data may be cut to the first 50). */
  item_count: z.number().int(),
  snapshot_id: z.number().int().nullable(),
  error: ApiError.nullable(),
});
export type ScraperTestResult = z.infer<typeof ScraperTestResult>;

export const CircuitState = z.object({
  state: z.enum(['closed', 'open', 'half-open']),
  consecutive_failures: z.number().int(),
  opened_at: z.string().nullable(),
});

/**
 * Whether this process reaches the sites: `offline` once fetches of several sources in a row failed
 * at the network level (DNS ENOTFOUND/EAI_AGAIN, connection refused) with no success between. Jobs
 * then wait as a group, at their own priority, until a probe reaches a site again.
 */
export const NetworkStatus = z.object({
  state: z.enum(['online', 'offline']),
  /** When it went offline (null online). */
  since: z.string().nullable(),
  /** When the next probe runs while offline. */
  next_probe_at: z.string().nullable(),
  /** The sources whose fetches failed at the network level since the last success. */
  failing_sources: z.array(z.string()),
  /** The network error last seen (ENOTFOUND, EAI_AGAIN, ECONNREFUSED). */
  last_code: z.string().nullable(),
});
export type NetworkStatus = z.infer<typeof NetworkStatus>;

export const ScraperHealth = z.object({
  id: z.string(),
  name: z.string(),
  /**
   * `needs_login`: the source requires a sign-in it does not have; `needs_setup`: it requires a key
   * or token that is not set (Settings). Neither counts as failing, and their schedules are skipped.
   */
  status: z.enum(['healthy', 'unhealthy', 'unknown', 'disabled', 'needs_login', 'needs_setup']),
  enabled: z.boolean(),
  last_success: z.string().nullable(),
  last_error: z.object({ at: z.string(), code: z.string(), message: z.string() }).nullable(),
  attempts: z.number().int(),
  /** Percentage of attempts that succeeded (null before the first attempt). */
  success_rate: z.number().nullable(),
  /** Seconds since the last success. */
  freshness_seconds: z.number().nullable(),
  /** Items the last success brought (a fetch, an ingested page, an imported file). */
  last_items: z.number().int().nullable(),
  /** Items brought over all successes. */
  items_total: z.number().int(),
  /** How the last success came: fetched from the site, a saved page ingested, a file imported. */
  last_via: z.enum(['fetch', 'ingest', 'import']).nullable(),
  /** Required credentials that are not set (names, never values): what `needs_setup` waits for. */
  missing_credentials: z.array(z.string()),
  circuit: CircuitState,
});
export type ScraperHealth = z.infer<typeof ScraperHealth>;

export const scrapersList = defineMethod({
  name: 'scrapers.list',
  summary: 'Every data source in this build, with the models it serves and whether it is enabled.',
  http: { method: 'GET', path: '/api/scrapers/list' },
  input: z.object({}),
  output: z.object({
    total: z.number().int(),
    public: z.number().int(),
    private: z.number().int(),
    categories: z.record(z.string(), z.number().int()),
    scrapers: z.array(ScraperEntry),
  }),
});

export const scrapersTest = defineMethod({
  name: 'scrapers.test',
  summary:
    'Run one source now (not queued): fetch, store the raw payload in the vault, parse; returns data, timing and errors.',
  http: { method: 'POST', path: '/api/scrapers/test' },
  input: z.object({
    scraper: ScraperName,
    query: QueryInput.optional(),
    /** Defaults to the model of the source's canary. */
    model: z.string().trim().min(1).optional(),
    /** Keep the items in the database too (default: only the vault snapshot). */
    store: z.boolean().optional(),
  }),
  output: ScraperTestResult,
});

export const scrapersTestAll = defineMethod({
  name: 'scrapers.testAll',
  summary: "Run every enabled source's canary query now; one result per source.",
  http: { method: 'POST', path: '/api/scrapers/test-all' },
  input: z.object({}),
  output: z.object({
    total: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    execution_time: z.number(),
    results: z.array(ScraperTestResult),
  }),
});

export const scrapersHealth = defineMethod({
  name: 'scrapers.health',
  summary: 'Per source: last success, last error, success rate, freshness and circuit state.',
  http: { method: 'GET', path: '/api/scrapers/health' },
  input: z.object({}),
  output: z.object({
    /** `offline`: the network is down (see `network`), whatever the sources' own states. */
    overall_health: z.enum(['healthy', 'degraded', 'unhealthy', 'unknown', 'offline']),
    total_scrapers: z.number().int(),
    healthy: z.number().int(),
    unhealthy: z.number().int(),
    unknown: z.number().int(),
    /** Sources waiting for the user's sign-in; left out of `healthy_percentage`. */
    needs_login: z.number().int(),
    /** Sources waiting for a key or token in Settings; left out of `healthy_percentage`. */
    needs_setup: z.number().int(),
    /** Healthy among the sources that ran and could run (needs-login and unknown ones excluded). */
    healthy_percentage: z.number(),
    scrapers: z.array(ScraperHealth),
    network: NetworkStatus,
  }),
});

export const scrapersSetEnabled = defineMethod({
  name: 'scrapers.setEnabled',
  summary: 'Enable or disable a source (a disabled source queues and runs nothing; kept across restarts).',
  http: { method: 'POST', path: '/api/scrapers/{scraper}/enabled' },
  input: z.object({ scraper: ScraperName, enabled: z.boolean() }),
  output: z.object({ scraper: ScraperEntry }),
});

/** Where a source's sign-in stands (computed from its browser profile's real cookies). */
export const LoginState = z.enum(['signed-in', 'expired', 'not-signed-in', 'signing-in']);

export const SessionCookie = z.object({
  name: z.string(),
  host: z.string(),
  /** Null for a cookie that ends with the browser session. */
  expires_at: z.string().nullable(),
  http_only: z.boolean(),
});

export const SourceSession = z.object({
  id: z.string(),
  name: z.string(),
  state: LoginState,
  signed_in: z.boolean(),
  /** A sign-in window is open for it now. */
  window_open: z.boolean(),
  /** The session cookies found in its profile: names and expiry, never values. */
  cookies: z.array(SessionCookie),
  expires_in_days: z.number().nullable(),
  needs_renewal: z.boolean(),
  /** Why it needs a sign-in again (expired cookie, or the site refused the session). */
  reason: z.string().nullable(),
});
export type SourceSession = z.infer<typeof SourceSession>;

export const CookieStatus = z.object({
  exists: z.boolean(),
  valid: z.boolean(),
  age_days: z.number().nullable(),
  expires_in_days: z.number().nullable(),
  needs_renewal: z.boolean(),
  severity: z.enum(['ok', 'warning', 'critical']),
  action_required: z.string().nullable(),
  /** Ids of the sources with a live session. */
  sites_covered: z.array(z.string()),
  sources: z.array(SourceSession),
});
export type CookieStatus = z.infer<typeof CookieStatus>;

export const scrapersLogin = defineMethod({
  name: 'scrapers.login',
  summary:
    "Open a sign-in window (the user's own browser, on the source's profile) on the source's login page; answers at once. The result arrives as a `scrapers.login` event and in the cookie status.",
  http: { method: 'POST', path: '/api/scrapers/{scraper}/login' },
  input: z.object({ scraper: ScraperName }),
  output: z.object({ scraper: z.string(), state: z.enum(['opened', 'already-open']) }),
});

export const scrapersLogout = defineMethod({
  name: 'scrapers.logout',
  summary:
    "Sign out: close its sign-in window, clear the source's browser profile and its encrypted cookie copy.",
  http: { method: 'POST', path: '/api/scrapers/{scraper}/logout' },
  input: z.object({ scraper: ScraperName }),
  output: z.object({ scraper: z.string(), cleared: z.boolean() }),
});

export const scrapersCookiesStatus = defineMethod({
  name: 'scrapers.cookiesStatus',
  summary:
    "Sign-in sessions from each profile's real cookies, in the original platform's shape, plus one entry per source that signs in (cookie names and expiry, never values).",
  http: { method: 'GET', path: '/api/scrapers/cookies/status' },
  input: z.object({}),
  output: CookieStatus,
});

/** A source's key or token (CoinMarketCap `apiKey`, brapi `token`), kept encrypted; never answered back. */
export const scrapersSetCredential = defineMethod({
  name: 'scrapers.setCredential',
  summary:
    "Set or clear one of a source's credentials (an API key or token); stored encrypted like the AI keys, never answered back.",
  http: { method: 'POST', path: '/api/scrapers/{scraper}/credentials' },
  input: z.object({
    scraper: ScraperName,
    name: z.string().trim().min(1).max(64),
    /** Empty clears it. */
    value: z.string().max(4_000),
  }),
  output: z.object({ scraper: ScraperEntry }),
});

export const scrapersMethods = {
  'scrapers.list': scrapersList,
  'scrapers.test': scrapersTest,
  'scrapers.testAll': scrapersTestAll,
  'scrapers.health': scrapersHealth,
  'scrapers.setEnabled': scrapersSetEnabled,
  'scrapers.login': scrapersLogin,
  'scrapers.logout': scrapersLogout,
  'scrapers.cookiesStatus': scrapersCookiesStatus,
  'scrapers.setCredential': scrapersSetCredential,
} as const;
