import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoginSite, TEST_QUOTE, type LoginSite } from '../replay/login-site';

// The local login test site itself (what the sign-in, cookie and browser tests stand on): the
// redirect round trip over plain HTTP, the session's cookie attributes, what needs the session,
// and the page that renders its numbers with JavaScript.

let site: LoginSite;
let browser: Browser | undefined;

beforeAll(async () => {
  site = await startLoginSite({ maxAgeSec: 120 });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const get = (path: string, cookie?: string) =>
  fetch(site.url + path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const cookiePair = (setCookie: string | null): string => (setCookie ?? '').split(';')[0] ?? '';

/** Form → provider → callback, by hand: the session's Set-Cookie header. */
async function signIn(): Promise<string> {
  const form = await fetch(`${site.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user: site.user, password: site.password }).toString(),
  });
  expect(form.status).toBe(302);
  const authorize = await get(form.headers.get('location')!, cookiePair(form.headers.get('set-cookie')));
  expect(authorize.status).toBe(302);
  const back = authorize.headers.get('location')!;
  expect(back).toMatch(/^\/oauth\/callback\?code=[\w-]+&state=/);
  const callback = await get(back);
  expect(callback.headers.get('location')).toBe('/account');
  // A code works once.
  expect((await get(back)).status).toBe(400);
  return callback.headers.get('set-cookie')!;
}

describe('the local login test site', () => {
  it('refuses a wrong password and anything protected without a session', async () => {
    const bad = await fetch(`${site.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ user: site.user, password: 'nope' }),
    });
    expect(bad.status).toBe(401);
    expect((await get('/api/quote?ticker=PETR4')).status).toBe(401);
    const account = await get('/account');
    expect(account.status).toBe(302);
    expect(account.headers.get('location')).toBe('/login?next=%2Faccount');
    expect((await get('/oauth/authorize?redirect_uri=%2Foauth%2Fcallback')).headers.get('location')).toBe(
      '/login',
    );
  });

  it('signs in through the OAuth-style round trip: an HttpOnly session cookie with an expiry', async () => {
    const setCookie = await signIn();
    expect(setCookie).toMatch(/^b3_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=120; Expires=/);
    const cookie = cookiePair(setCookie);
    expect((await get('/account', cookie)).status).toBe(200);
    const quote = (await (await get('/api/quote?ticker=PETR4', cookie)).json()) as { price: number };
    expect(quote.price).toBe(TEST_QUOTE.price);
    site.revoke();
    expect((await get('/api/quote?ticker=PETR4', cookie)).status).toBe(401);
  });

  it('renders the quote page with JavaScript once signed in (nothing in the HTML itself)', async () => {
    const cookie = cookiePair(await signIn());
    const html = await (await get('/quote/PETR4', cookie)).text();
    expect(html).not.toContain('38.17');
    browser = await chromium.launch({
      executablePath: process.env['B3AI_CHROMIUM'] ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const context = await browser.newContext();
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: site.url, httpOnly: true }]);
    const page = await context.newPage();
    await page.goto(`${site.url}/quote/PETR4`);
    await page.waitForSelector('#rendered', { state: 'attached' });
    expect(await page.textContent('#price')).toBe('38.17');
    expect(await page.textContent('#change')).toBe('1.11%');
    // Without the session the page says so instead of numbers.
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${site.url}/quote/PETR4`);
    await expect.poll(() => anon.textContent('#price')).toBe('sign in (401)');
  }, 60_000);
});
