import type { Page, Request, Response, Route } from 'playwright-core';
import { AppError } from '../../contract/errors';
import type { BrowserSpec } from '../../sources/define';
import { SourceError } from '../../sources/errors';
import { hostAllowed, redactUrl } from '../../sources/http';
import { codeForStatus, statusError } from '../../sources/http/http-errors';
import { INTERCEPTED_TYPE, makeRaw, type InterceptedAnswer, type RawPayload } from '../../sources/raw';

/** One page to read in a source's browser context. */
export interface PageRequest {
  url: string;
  spec: BrowserSpec;
  /** The whole page: navigation, `waitFor`, intercepted answers. */
  timeoutMs: number;
  /** The only hosts (`host[:port]`) any request of the page may reach (base URL's and `extraHosts`). */
  allowedHosts: readonly string[];
  /** Statuses of the page itself handed to the transform instead of raising. */
  acceptStatus?: readonly number[];
}

/** How long, after the page and its `waitFor`, to wait for the network to settle for `intercept`. */
const SETTLE_MS = 5_000;
const BLOCKABLE = new Set(['image', 'font', 'media']);

interface RouteState {
  allowedHosts: readonly string[];
  allow: Set<string>;
  /** A main-frame navigation to a host the source does not name (aborted). */
  blockedNavigation: string | null;
}

/** The current fetch's rules per page (a page is reused from fetch to fetch). */
const routes = new WeakMap<Page, RouteState>();

async function applyRules(page: Page, req: PageRequest): Promise<RouteState> {
  const state: RouteState = {
    allowedHosts: req.allowedHosts,
    allow: new Set<string>(req.spec.allow ?? []),
    blockedNavigation: null,
  };
  const installed = routes.has(page);
  routes.set(page, state);
  if (!installed) {
    await page.route('**/*', (route: Route) => {
      const rules = routes.get(page);
      const r = route.request();
      const type = r.resourceType();
      if (!rules || !hostAllowed(r.url(), rules.allowedHosts)) {
        if (rules && r.isNavigationRequest() && r.frame() === page.mainFrame())
          rules.blockedNavigation ??= r.url();
        return route.abort('blockedbyclient');
      }
      if (BLOCKABLE.has(type) && !rules.allow.has(type)) return route.abort('blockedbyclient');
      return route.continue();
    });
  }
  return state;
}

/**
 * Read one page: block images/fonts/media (unless allowed) and every request to a host the source
 * does not name; navigate; wait for `waitFor`; keep the intercepted answers; build the RawPayload
 * (the rendered DOM, or the intercepted JSON document). `failed` (the runtime's crash, timeout and
 * memory signal) ends it early with its reason.
 */
export async function readPage(page: Page, req: PageRequest, failed: Promise<never>): Promise<RawPayload> {
  const what = redactUrl(req.url);
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  const rules = await race(applyRules(page, req));
  const patterns = req.spec.intercept ?? [];
  const answers: Promise<InterceptedAnswer | null>[] = [];
  const matched = new Set<string>();
  let allMatched: () => void = () => undefined;
  const everyPattern = new Promise<void>((resolve) => (allMatched = resolve));
  // The page may be the last fetch's, navigated straight here: until the new document's own answer
  // has come, a request is the old document's, and its answer is not this page's data.
  let navAnswered = false;
  const fresh = new WeakSet<Request>();
  const onRequest = (r: Request): void => {
    if (navAnswered) fresh.add(r);
  };
  const onResponse = (res: Response): void => {
    const r = res.request();
    if (!navAnswered) {
      const ours = r.isNavigationRequest() && r.frame() === page.mainFrame() && !isRedirect(res.status());
      if (!ours) return;
      navAnswered = true;
    } else if (!fresh.has(r)) return;
    const hits = patterns.filter((p) => res.url().includes(p));
    if (hits.length === 0) return;
    answers.push(answerOf(res));
    for (const h of hits) matched.add(h);
    if (matched.size === patterns.length) allMatched();
  };
  if (patterns.length > 0) {
    page.on('request', onRequest);
    page.on('response', onResponse);
  }
  try {
    let main: Response | null;
    try {
      // With a selector to wait for, the DOM is enough to start looking; with answers to intercept,
      // the new document's start (they may all come before its load); else the whole load.
      const waitUntil = req.spec.waitFor ? 'domcontentloaded' : patterns.length > 0 ? 'commit' : 'load';
      main = await race(page.goto(req.url, { waitUntil, timeout: 0 }));
    } catch (error) {
      if (rules.blockedNavigation) throw blocked(what, rules.blockedNavigation);
      throw navigationError(error, what);
    }
    if (rules.blockedNavigation) throw blocked(what, rules.blockedNavigation);
    const status = main?.status() ?? 200;
    const ok = (status >= 200 && status < 400) || (req.acceptStatus?.includes(status) ?? false);
    if (req.spec.waitFor && ok)
      await race(page.waitForSelector(req.spec.waitFor, { state: 'attached', timeout: 0 }));
    if (patterns.length > 0 && matched.size < patterns.length) {
      // Not all come yet: they may still, until the page has loaded and its network settled.
      const idle = page
        .waitForLoadState('load', { timeout: 0 })
        .then(() => page.waitForLoadState('networkidle', { timeout: SETTLE_MS }))
        .catch(() => undefined);
      await race(Promise.race([everyPattern, idle]));
    }
    if (rules.blockedNavigation) throw blocked(what, rules.blockedNavigation);

    const fetchedAt = new Date().toISOString();
    const url = page.url();
    let raw: RawPayload;
    if (patterns.length > 0) {
      const got = (await race(Promise.all(answers))).filter((a): a is InterceptedAnswer => a !== null);
      const body = Buffer.from(JSON.stringify({ page: redactUrl(url), answers: got }));
      raw = makeRaw({ url, status, contentType: INTERCEPTED_TYPE, fetchedAt, body }, 'utf-8');
    } else {
      const body = Buffer.from(await race(page.content()));
      raw = makeRaw({ url, status, contentType: 'text/html; charset=utf-8', fetchedAt, body }, 'utf-8');
    }
    if (ok) return raw;
    throw statusError(codeForStatus(status), what, raw);
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400;

async function answerOf(res: Response): Promise<InterceptedAnswer | null> {
  try {
    const body = await res.text();
    return {
      url: redactUrl(res.url()),
      status: res.status(),
      contentType: res.headers()['content-type'] ?? null,
      body,
    };
  } catch {
    // A redirect or an answer whose body the browser dropped: nothing to keep.
    return null;
  }
}

function blocked(what: string, to: string): SourceError {
  let host = 'a non-http URL';
  try {
    host = new URL(to).host;
  } catch {
    /* keep the generic words */
  }
  return new SourceError(
    'BLOCKED',
    `${what}: the page navigated to ${host}, a host not configured for this source`,
    {
      url: what,
      redirectedTo: host,
    },
  );
}

/** A failed navigation as a typed error (the network errors Chromium names). */
function navigationError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const net = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (net)
    return new SourceError('UNAVAILABLE', `${what}: network error (${net})`, { url: what, networkCode: net });
  return new AppError('WORKER_CRASHED', `${what}: the browser failed (${message.split('\n')[0]})`, {
    url: what,
  });
}
