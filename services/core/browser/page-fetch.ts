import type { Page, Response, Route } from 'playwright-core';
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

/**
 * Read one page in `context`: block images/fonts/media (unless allowed) and every request to a host
 * the source does not name; navigate; wait for `waitFor`; keep the intercepted answers; build the
 * RawPayload (the rendered DOM, or the intercepted JSON document). Cancels with `failed` (the
 * runtime's crash/timeout/memory signal), whose reason is thrown.
 */
export async function readPage(page: Page, req: PageRequest, failed: Promise<never>): Promise<RawPayload> {
  const what = redactUrl(req.url);
  const allow = new Set<string>(req.spec.allow ?? []);
  let blockedNavigation: string | null = null;
  await page.route('**/*', (route: Route) => {
    const r = route.request();
    const type = r.resourceType();
    if (!hostAllowed(r.url(), req.allowedHosts)) {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) blockedNavigation ??= r.url();
      return route.abort('blockedbyclient');
    }
    if (BLOCKABLE.has(type) && !allow.has(type)) return route.abort('blockedbyclient');
    return route.continue();
  });

  const patterns = req.spec.intercept ?? [];
  const answers: Promise<InterceptedAnswer | null>[] = [];
  const matched = new Set<string>();
  let allMatched: () => void = () => undefined;
  const everyPattern = new Promise<void>((resolve) => (allMatched = resolve));
  if (patterns.length > 0) {
    page.on('response', (res: Response) => {
      const url = res.url();
      const hits = patterns.filter((p) => url.includes(p));
      if (hits.length === 0) return;
      answers.push(answerOf(res));
      for (const h of hits) matched.add(h);
      if (matched.size === patterns.length) allMatched();
    });
  }

  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);
  let main: Response | null;
  try {
    main = await race(page.goto(req.url, { waitUntil: 'load', timeout: 0 }));
  } catch (error) {
    if (blockedNavigation) throw blocked(what, blockedNavigation);
    throw navigationError(error, what);
  }
  if (blockedNavigation) throw blocked(what, blockedNavigation);
  const status = main?.status() ?? 200;
  if (req.spec.waitFor && (status < 400 || req.acceptStatus?.includes(status))) {
    await race(page.waitForSelector(req.spec.waitFor, { state: 'attached', timeout: 0 }));
  }
  if (patterns.length > 0 && matched.size < patterns.length) {
    const idle = page.waitForLoadState('networkidle', { timeout: SETTLE_MS }).catch(() => undefined);
    await race(Promise.race([everyPattern, idle]));
  }
  if (blockedNavigation) throw blocked(what, blockedNavigation);

  const fetchedAt = new Date().toISOString();
  const pageUrl = page.url();
  let raw: RawPayload;
  if (patterns.length > 0) {
    const got = (await race(Promise.all(answers))).filter((a): a is InterceptedAnswer => a !== null);
    const doc = { page: redactUrl(pageUrl), answers: got };
    raw = makeRaw(
      {
        url: pageUrl,
        status,
        contentType: INTERCEPTED_TYPE,
        fetchedAt,
        body: Buffer.from(JSON.stringify(doc)),
      },
      'utf-8',
    );
  } else {
    const html = await race(page.content());
    raw = makeRaw(
      { url: pageUrl, status, contentType: 'text/html; charset=utf-8', fetchedAt, body: Buffer.from(html) },
      'utf-8',
    );
  }
  if ((status >= 200 && status < 400) || req.acceptStatus?.includes(status)) return raw;
  throw statusError(codeForStatus(status), what, raw);
}

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
