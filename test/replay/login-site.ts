import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake site behind a sign-in, for the sign-in window, cookie status and browser tests (ours, no
 * real site behind it). Flow: `/login` (form, POST user+password) → `/oauth/authorize` (an
 * OAuth-style provider step, needs the provider cookie) → `/oauth/callback?code=…` (exchanges the
 * one-time code) → sets the HttpOnly `b3_session` cookie with Max-Age/Expires → `/account`.
 * Needing that session: `/account` (302 to /login without), `/api/quote?ticker=…` (JSON, 401
 * without), `/quote/<ticker>` (a page that renders its numbers with JavaScript after load, from
 * `/api/quote`). Tests expire a session with `revoke()` or a short `maxAgeSec`.
 */
export interface LoginSite {
  url: string;
  /** Every request received, as `METHOD path?query`. */
  requests: string[];
  readonly user: string;
  readonly password: string;
  /** The session cookie's name. */
  readonly cookieName: string;
  /** Every session value issued so far (tests search logs and API answers for them). */
  issued: string[];
  /** Max-Age of sessions issued from now on (seconds). */
  setMaxAge(seconds: number): void;
  /** End every session server-side (the cookie stays in the browser but is refused). */
  revoke(): void;
  close(): Promise<void>;
}

export const LOGIN_USER = 'investor@example.test';
export const LOGIN_PASSWORD = 'correct horse';
const SESSION = 'b3_session';
const IDP = 'idp_session';

/** The numbers the quote endpoint serves (as the test source's transform reads them). */
export const TEST_QUOTE = { ticker: 'PETR4', price: 38.17, change: 0.42, change_pct: 1.11 };

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

const QUOTE_PAGE = (ticker: string): string =>
  page(
    `${ticker} quote`,
    `<h1>${ticker}</h1><p>Price: <span id="price">…</span></p><p>Change: <span id="change">…</span></p>
<script>
fetch('/api/quote?ticker=${encodeURIComponent(ticker)}', { credentials: 'same-origin' })
  .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
  .then((q) => {
    document.getElementById('price').textContent = q.price.toFixed(2);
    document.getElementById('change').textContent = q.change_pct.toFixed(2) + '%';
    const done = document.createElement('div');
    done.id = 'rendered';
    done.textContent = 'rendered';
    document.body.appendChild(done);
  })
  .catch((s) => { document.getElementById('price').textContent = 'sign in (' + s + ')'; });
</script>`,
  );

export async function startLoginSite(opts: { maxAgeSec?: number } = {}): Promise<LoginSite> {
  let maxAge = opts.maxAgeSec ?? 30 * 86_400;
  const requests: string[] = [];
  const issued: string[] = [];
  const sessions = new Map<string, number>(); // value → expires at (ms)
  const idp = new Set<string>();
  const codes = new Set<string>();
  const token = (): string => randomBytes(18).toString('base64url');
  const signedIn = (req: IncomingMessage): boolean => {
    const v = cookiesOf(req).get(SESSION);
    const until = v ? sessions.get(v) : undefined;
    return until !== undefined && until > Date.now();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://login-site');
    requests.push(`${req.method ?? 'GET'} ${u.pathname}${u.search}`);
    const html = (status: number, body: string, headers: Record<string, string | string[]> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
    };
    const redirect = (to: string, headers: Record<string, string | string[]> = {}): void => {
      res.writeHead(302, { location: to, ...headers }).end();
    };
    const toLogin = (): void => redirect(`/login?next=${encodeURIComponent(u.pathname + u.search)}`);

    if (u.pathname === '/login' && req.method === 'GET') {
      return html(
        200,
        page(
          'Sign in',
          `<h1>Sign in</h1><form method="post" action="/login">
<label>E-mail <input name="user" id="user" autocomplete="username"></label>
<label>Password <input name="password" id="password" type="password"></label>
<button id="submit" type="submit">Sign in</button></form>`,
        ),
      );
    }
    if (u.pathname === '/login' && req.method === 'POST') {
      const form = await formOf(req);
      if (form.get('user') !== LOGIN_USER || form.get('password') !== LOGIN_PASSWORD)
        return html(401, page('Sign in', '<p id="error">Wrong e-mail or password.</p>'));
      const t = token();
      idp.add(t);
      const state = token();
      return redirect(`/oauth/authorize?client_id=b3ai&redirect_uri=%2Foauth%2Fcallback&state=${state}`, {
        'set-cookie': `${IDP}=${t}; Path=/oauth; HttpOnly; SameSite=Lax`,
      });
    }
    if (u.pathname === '/oauth/authorize') {
      const t = cookiesOf(req).get(IDP);
      if (!t || !idp.has(t)) return redirect('/login');
      const code = token();
      codes.add(code);
      const back = u.searchParams.get('redirect_uri') ?? '/oauth/callback';
      if (back !== '/oauth/callback') return html(400, page('Error', '<p>bad redirect_uri</p>'));
      return redirect(`${back}?code=${code}&state=${encodeURIComponent(u.searchParams.get('state') ?? '')}`);
    }
    if (u.pathname === '/oauth/callback') {
      const code = u.searchParams.get('code') ?? '';
      if (!codes.delete(code)) return html(400, page('Error', '<p>unknown or used code</p>'));
      const value = token();
      const until = Date.now() + maxAge * 1000;
      sessions.set(value, until);
      issued.push(value);
      return redirect('/account', {
        'set-cookie': `${SESSION}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}; Expires=${new Date(until).toUTCString()}`,
      });
    }
    if (u.pathname === '/account') {
      if (!signedIn(req)) return toLogin();
      return html(200, page('Account', `<h1 id="welcome">Welcome, ${LOGIN_USER}</h1>`));
    }
    if (u.pathname === '/api/quote') {
      if (!signedIn(req)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"not signed in"}');
        return;
      }
      const ticker = (u.searchParams.get('ticker') ?? '').toUpperCase();
      const body =
        ticker === TEST_QUOTE.ticker
          ? { ...TEST_QUOTE, currency: 'BRL', quoted_at: '2026-12-04T18:00:00-03:00' }
          : { error: 'unknown ticker' };
      res
        .writeHead(ticker === TEST_QUOTE.ticker ? 200 : 404, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
      return;
    }
    const quote = /^\/quote\/([A-Z0-9]{4,6})$/.exec(u.pathname);
    if (quote?.[1]) return html(200, QUOTE_PAGE(quote[1]));
    if (u.pathname === '/') return html(200, page('Test site', '<a href="/login">Sign in</a>'));
    res.writeHead(404, { 'content-type': 'text/plain' }).end('login site: not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    user: LOGIN_USER,
    password: LOGIN_PASSWORD,
    cookieName: SESSION,
    issued,
    setMaxAge: (s) => (maxAge = s),
    revoke: () => sessions.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
