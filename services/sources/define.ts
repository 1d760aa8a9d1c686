import type { ModelItem, ModelName } from './models';
import type { QueryField, SourceQuery } from './query';
import type { RawPayload } from './raw';

export const SOURCE_CATEGORIES = [
  'official',
  'fundamentals',
  'prices',
  'crypto',
  'news',
  'insiders',
  'options',
  'ai',
] as const;
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

export interface SourceInfo {
  /** Part of the contract: job, schedule, API and CLI all name sources by this id. */
  id: string;
  name: string;
  /** The site's home page, shown to users. */
  url: string;
  /** Where requests go by default; `<data-dir>/config.json` (and tests) can point it elsewhere. */
  baseUrl: string;
  /**
   * Other hosts (`host[:port]`) its requests or their redirects may reach besides the base URL's
   * (documented per source); requests anywhere else are refused (BLOCKED).
   */
  extraHosts?: string[];
  category: SourceCategory;
  requiresLogin: boolean;
  usesBrowser: boolean;
  /** Credentials it can use (token names); `optional` ones only raise limits. */
  credentials: { name: string; optional: boolean; description: string }[];
  /** Polite rate: requests per minute, and at most this many at once. */
  ratePerMinute: number;
  concurrency: number;
  /** The query `scrapers.test` runs to see whether the source works, per model it serves. */
  canary: { model: ModelName; query: SourceQuery };
  /** The original platform's names for it (matched case-insensitively). */
  aliases: string[];
  /**
   * For sources that `requiresLogin`: where the sign-in window opens, and the cookies whose
   * presence (on these hosts, or the base URL's) means a session. Never logged, never returned.
   */
  login?: { url: string; sessionCookies: string[]; cookieHosts?: string[] };
}

/**
 * A request that runs in a real browser (playwright-core, the source's persistent profile in
 * `<data-dir>/browser/<source-id>/`) instead of plain HTTP. The payload the vault keeps is the
 * rendered DOM (text/html), or, with `intercept`, the JSON answers the page loaded, as one
 * `application/x-b3ai-intercepted+json` document: `{page, answers: [{url, status, contentType, body}]}`
 * (read it with `readIntercepted` in raw.ts).
 */
export interface BrowserSpec {
  /** Read the page once this CSS selector is attached (a page that renders with JavaScript). */
  waitFor?: string;
  /** Keep the answers of requests whose URL contains one of these strings (the site's JSON endpoints). */
  intercept?: string[];
  /** Resource types to load anyway: images, fonts and media are blocked unless named here. */
  allow?: ('image' | 'font' | 'media')[];
}

export interface RequestSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * How to read the body as text: `auto` follows the Content-Type charset, then an HTML meta
   * charset, then UTF-8. Fundamentus and CVM are ISO-8859-1 (`latin1` is decoded as Windows-1252,
   * as browsers do).
   */
  encoding?: 'auto' | 'utf-8' | 'latin1';
  /** Statuses the transform reads itself instead of the runtime raising (Yahoo's 404 body). */
  acceptStatus?: number[];
  /** Refuse bodies larger than this (bytes). */
  maxBytes?: number;
  /** Fetch through the browser runtime (GET only); absent: plain HTTP. */
  browser?: BrowserSpec;
}

export interface FetchContext {
  baseUrl: string;
  /** Configured credentials by name; never logged. */
  credentials: Record<string, string | undefined>;
  /** "Now" for date-relative requests (incremental series). */
  now: Date;
}

export interface Fetcher<M extends ModelName = ModelName> {
  model: M;
  /** Bumped whenever the transform changes what it returns; stored with every snapshot. */
  parserVersion: number;
  /** The query field a bare text query fills, and the fields it cannot do without. */
  primary: QueryField;
  required: QueryField[];
  request(q: SourceQuery, ctx: FetchContext): RequestSpec;
  /** Raw payload → standard items. Throws SourceError; never returns a guess. */
  transform(raw: RawPayload, q: SourceQuery): ModelItem<M>[] | Promise<ModelItem<M>[]>;
  /** An empty answer is normal for this fetcher (no dividends yet), not EMPTY_DATA. */
  emptyIsValid?: boolean;
  /**
   * Query fields a saved file's published name tells (CVM's `dfp_cia_aberta_DRE_con_2022.csv`:
   * series DFP, year 2022), so parsing it needs no `--query` for them.
   */
  fromFileName?(name: string): Partial<SourceQuery>;
}

export interface Source {
  info: SourceInfo;
  fetchers: Partial<{ [M in ModelName]: Fetcher<M> }>;
}

export function defineFetcher<M extends ModelName>(f: Fetcher<M>): Fetcher<M> {
  return f;
}

export function defineSource(s: Source): Source {
  return s;
}
