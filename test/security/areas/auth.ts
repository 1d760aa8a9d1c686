import type { Probe } from '../http-client';
import { Tally } from '../tally';
import { ok, pool, type Target } from '../target';

/** Area 1: every way to reach the API without the token or a real browser session. */
export async function authTricks(t: Target): Promise<Tally> {
  const tally = new Tally('auth');
  const wrong = 'x'.repeat(t.token.length);
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const forged = `b3ai_session_${t.port}=${'A'.repeat(43)}`;
  const tricks: Array<[string, Record<string, string>, string?]> = [
    ['no credentials', {}],
    ['wrong token', { authorization: `Bearer ${wrong}` }],
    ['token minus its last character', { authorization: `Bearer ${t.token.slice(0, -1)}` }],
    ['token plus a character', { authorization: `Bearer ${t.token}x` }],
    ['token upper-cased', { authorization: `Bearer ${t.token.toUpperCase()}` }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['basic auth with the token', { authorization: `Basic ${b64(`${t.token}:`)}` }],
    ['"Token" scheme', { authorization: `Token ${t.token}` }],
    ['token without a scheme', { authorization: t.token }],
    ['token in X-API-Token', { 'x-api-token': t.token }],
    ['token in X-Auth-Token', { 'x-auth-token': t.token }],
    ['token as a cookie', { cookie: `api-token=${t.token}` }],
    ['token as the session cookie', { cookie: `b3ai_session_${t.port}=${t.token}` }],
    ['forged session cookie', { cookie: forged, 'x-b3ai-client': 'web' }],
    [
      'session cookie of another port',
      { cookie: t.cookie.replace(`_${t.port}=`, `_${t.port + 1}=`), 'x-b3ai-client': 'web' },
    ],
    ['real session without the UI header', { cookie: t.cookie }],
    [
      'real session, UI header, foreign Origin',
      { cookie: t.cookie, 'x-b3ai-client': 'web', origin: 'http://evil.example' },
    ],
    ['real session, UI header, null Origin', { cookie: t.cookie, 'x-b3ai-client': 'web', origin: 'null' }],
    ['real session, wrong UI header value', { cookie: t.cookie, 'x-b3ai-client': 'evil' }],
    ['huge bearer', { authorization: `Bearer ${'y'.repeat(64 * 1024)}` }],
    ['bearer with a homoglyph', { authorization: `Bearer ${t.token.slice(0, -1)}\u0430` }],
    ['token in the query string', {}, `token=${t.token}`],
    ['access_token in the query string', {}, `access_token=${t.token}`],
    ['auth code in the query string', {}, `auth=${t.token}`],
  ];
  const routes: Array<[string, string, string?]> = [
    ['GET', '/api/tickers/search?q=PE'],
    ['GET', '/api/jobs/list'],
    ['POST', '/api/jobs/create', '{"scraper_name":"selftest"}'],
    ['POST', '/api/uploads?name=x.TXT', 'x'],
    ['POST', '/api/session/link', ''],
    ['GET', '/api/events'],
    ['DELETE', '/api/analysis/ai/models/x'],
    ['GET', '/api/analysis/ai/models'],
  ];
  const probes: Array<[string, Probe]> = [];
  for (const [name, headers, query] of tricks)
    for (const [method, path, body] of routes) {
      const full = query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
      probes.push([
        `${name}: ${method} ${path}`,
        {
          method,
          path: full,
          headers,
          ...(body !== undefined ? { body } : {}),
          timeoutMs: 5_000,
          maxBytes: 1024,
        },
      ]);
    }
  // Paths that try to step around the /api/ prefix, without credentials.
  for (const path of [
    '/API/tickers/search',
    '/%61pi/tickers/search',
    '/api%2ftickers/search',
    '/./api/tickers/search',
    '/x/../api/tickers/search',
    '/api/./tickers/search',
  ])
    probes.push([`prefix trick ${path}`, { path, timeoutMs: 5_000 }]);
  // A session cannot mint more sessions; a used or guessed sign-in code does not sign in.
  probes.push([
    'session minting a link',
    { method: 'POST', path: '/api/session/link', headers: { cookie: t.cookie, 'x-b3ai-client': 'web' } },
  ]);
  for (const code of ['A'.repeat(43), t.token, '', '../../'])
    probes.push([`sign-in code ${code.slice(0, 8)}…`, { path: `/?auth=${encodeURIComponent(code)}` }]);
  await pool(probes, 8, async ([what, p]) => {
    const o = await t.send(p);
    // Worked: a protected answer (2xx under /api/, a session cookie, or JSON data at a prefix trick).
    const isSignIn = p.path.startsWith('/?auth=');
    const worked = isSignIn
      ? o.kind === 'answer' && Boolean(o.headers['set-cookie'])
      : ok(o) &&
        (p.path.includes('api') || p.path.includes('%61pi')) &&
        !(o.kind === 'answer' && /text\/html/.test(String(o.headers['content-type'])));
    tally.record(what, o, worked);
  });
  // The page anyone can load carries no token.
  for (const path of ['/', '/index.html', '/settings', '/docs', '/openapi.json', '/health']) {
    const o = await t.send({ path });
    tally.record(`page ${path} without a session`, o, o.kind === 'answer' && o.text.includes(t.token));
  }
  return tally;
}
