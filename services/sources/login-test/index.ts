import { z } from 'zod';
import { defineFetcher, defineSource, type RequestSpec, type Source } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { QuoteItem } from '../models';
import { readJson } from '../raw';

/**
 * A source for tests only: the local login test site (test/replay/login-site.ts), behind a sign-in
 * like fundamentei or opcoes-net. It is in the registry only when `B3AI_TEST_LOGIN_SITE` names the
 * site's URL (a test sets it); no build lists it otherwise. Its quote comes from a cookie-protected
 * JSON endpoint over plain HTTP, with the `Cookie` header the sign-in's encrypted copy gives
 * (credential `cookie`, filled by the app, never configured by hand).
 */
export const LOGIN_TEST_SOURCE_ID = 'login-test';

const Quote = z.object({
  ticker: z.string(),
  price: z.number().finite(),
  change: z.number().finite().nullable(),
  change_pct: z.number().finite().nullable(),
  currency: z.string().length(3),
  quoted_at: z.iso.datetime({ offset: true }),
});

const quoteFetcher = defineFetcher({
  model: 'quote',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx): RequestSpec {
    // `series=page`: the JavaScript-rendered quote page, read in the source's browser profile
    // (the session the sign-in window left there), not over HTTP with the cookie copy.
    if (q.series === 'page')
      return {
        url: `${ctx.baseUrl}/quote/${encodeURIComponent(q.ticker ?? '')}`,
        browser: { waitFor: '#rendered, #user' },
      };
    const cookie = ctx.credentials['cookie'];
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookie) headers['cookie'] = cookie;
    return {
      url: `${ctx.baseUrl}/api/quote?ticker=${encodeURIComponent(q.ticker ?? '')}`,
      headers,
      acceptStatus: [401, 404],
    };
  },
  transform(raw, q): QuoteItem[] {
    if (raw.contentType?.startsWith('text/html')) return fromPage(raw.text(), q.ticker ?? '', raw.fetchedAt);
    if (raw.status === 401)
      throw new SourceError('UNAUTHORIZED', 'not signed in, or the session has expired: sign in again');
    const body = readJson(raw, `login-test ${q.ticker ?? ''}`);
    if (raw.status === 404) throw new SourceError('NOT_FOUND', `login-test: no quote for ${q.ticker ?? ''}`);
    const r = Quote.safeParse(body);
    if (!r.success) throw layoutChanged(`login-test: ${r.error.issues[0]?.path.join('.') ?? ''}`);
    const d = r.data;
    return [
      {
        ticker: d.ticker,
        price: d.price,
        change: d.change,
        change_pct: d.change_pct,
        previous_close: null,
        open: null,
        high: null,
        low: null,
        volume: null,
        market_cap: null,
        currency: d.currency,
        quoted_at: d.quoted_at,
        name: null,
      },
    ];
  },
});

/** The rendered quote page; the login form instead means no session. */
function fromPage(html: string, ticker: string, fetchedAt: string): QuoteItem[] {
  if (/id="user"/.test(html))
    throw new SourceError('UNAUTHORIZED', 'not signed in, or the session has expired: sign in again');
  const price = /<span id="price">(\d+\.\d{2})<\/span>/.exec(html)?.[1];
  if (!price || !new RegExp(`<h1>${ticker}</h1>`).test(html)) throw layoutChanged('login-test: quote page');
  return [
    {
      ticker,
      price: Number(price),
      change: null,
      change_pct: null,
      previous_close: null,
      open: null,
      high: null,
      low: null,
      volume: null,
      market_cap: null,
      currency: 'BRL',
      quoted_at: fetchedAt,
      name: null,
    },
  ];
}

export function loginTestSource(baseUrl: string): Source {
  const base = baseUrl.replace(/\/+$/, '');
  return defineSource({
    info: {
      id: LOGIN_TEST_SOURCE_ID,
      name: 'Login test site',
      url: base,
      baseUrl: base,
      category: 'prices',
      requiresLogin: true,
      usesBrowser: true,
      credentials: [],
      ratePerMinute: 600,
      concurrency: 2,
      canary: { model: 'quote', query: { ticker: 'PETR4' } },
      aliases: [],
      login: { url: `${base}/login`, sessionCookies: ['b3_session'] },
    },
    fetchers: { quote: quoteFetcher },
  });
}
