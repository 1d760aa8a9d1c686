import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_TEST_SOURCE_ID } from '../../services/sources/login-test';
import { driveSignin } from '../helpers/signin-driver';
import { startLoginSite, type LoginSite } from '../replay/login-site';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import type { ServeProcess } from './serve-process';

/**
 * The Data Sources view's sign-in against the real `b3ai serve` and the local login site: "Entrar"
 * starts the sign-in window (Debian's Chromium as a plain process; in its test mode, headless with a
 * DevTools port, so this test fills the form as a user would), the chip follows the session, and a
 * session the site ends brings the renewal prompt. The login test source exists only because this
 * test names the site in B3AI_TEST_LOGIN_SITE (inherited by serve and its workers).
 */
describe('sign-in from the data sources view in Chromium against b3ai serve', () => {
  const ID = LOGIN_TEST_SOURCE_ID;
  let site: LoginSite;
  let dataDir: string;
  let serve: ServeProcess;
  let page: Page;
  let consoleErrors: string[] = [];
  let session: AppSession | undefined;
  const answers: string[] = [];

  const chip = () => page.getByTestId(`sources-session-${ID}`);

  async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const res = await fetch(new URL(path, serve.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    answers.push(text);
    expect(res.status).toBe(200);
    return JSON.parse(text);
  }

  beforeAll(async () => {
    site = await startLoginSite();
    process.env['B3AI_TEST_LOGIN_SITE'] = site.url;
    process.env['B3AI_TEST_SIGNIN'] = 'driveable';
    try {
      session = await openAppSession(
        'b3ai-e2e-signin-',
        { width: 1500, height: 950 },
        (dir) => {
          writeFileSync(join(dir, 'config.json'), JSON.stringify({ sources: { [ID]: { retries: 0 } } }));
        },
        'info',
      );
    } finally {
      delete process.env['B3AI_TEST_LOGIN_SITE'];
      delete process.env['B3AI_TEST_SIGNIN'];
    }
    ({ dataDir, serve, page, consoleErrors } = session);
    page.on('response', (r) => {
      if (r.url().includes('/api/'))
        void r.text().then(
          (t) => answers.push(t),
          () => undefined,
        );
    });
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    await site?.close();
    expect(code).toBe(0);
  });

  it('shows the source that signs in as not signed in, with "Entrar"', async () => {
    await page.goto(`${serve.url}#/sources`);
    await page.locator('[data-app-state="ready"]').waitFor();
    await page.getByTestId(`sources-row-${ID}`).waitFor();
    expect(await chip().getAttribute('data-state')).toBe('not-signed-in');
    expect(await chip().textContent()).toBe('Não conectado');
    expect(await page.getByTestId(`sources-signin-${ID}`).textContent()).toBe('Entrar');
    expect(await page.getByTestId('sources-signin-cell-fundamentus').textContent()).toBe('—');
    expect(await page.getByTestId('signin-renewal').count()).toBe(0);
  });

  it('"Entrar" opens the window; signing in there turns the chip to signed in with its expiry', async () => {
    await page.getByTestId(`sources-signin-${ID}`).click();
    await expect.poll(() => page.getByTestId('signin-notice').getAttribute('data-kind')).toBe('opened');
    await expect.poll(() => chip().getAttribute('data-state')).toBe('signing-in');
    expect(await chip().textContent()).toBe('Aguardando login…');

    await driveSignin(join(dataDir, 'browser', ID), { user: site.user, password: site.password });
    // The app notices the session cookie in the profile (Chromium writes it within ~30 s).
    await expect
      .poll(() => page.getByTestId('signin-notice').getAttribute('data-kind'), { timeout: 90_000 })
      .toBe('signed-in');
    await expect.poll(() => chip().getAttribute('data-state')).toBe('signed-in');
    expect(await chip().textContent()).toMatch(/^Conectado · expira em (29|30) dias$/);
    expect(await page.getByTestId(`sources-signout-${ID}`).textContent()).toBe('Sair');
    await page.screenshot({ path: join(ARTIFACTS, 'sources-signed-in.png'), fullPage: true });

    const status = (await api('GET', '/api/scrapers/cookies/status')) as {
      severity: string;
      sites_covered: string[];
      sources: { id: string; cookies: { name: string; http_only: boolean }[] }[];
    };
    expect(status.severity).toBe('ok');
    expect(status.sites_covered).toEqual([ID]);
    expect(status.sources.find((s) => s.id === ID)?.cookies).toEqual([
      expect.objectContaining({ name: 'b3_session', http_only: true }),
    ]);
  }, 150_000);

  it('a session the site ended: the test fails UNAUTHORIZED and the view asks to sign in again (en)', async () => {
    site.revoke();
    const r = (await api('POST', '/api/scrapers/test', { scraper: ID })) as {
      success: boolean;
      error: { code: string } | null;
    };
    expect(r.success).toBe(false);
    expect(r.error?.code).toBe('UNAUTHORIZED');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('sources-refresh').click();
    await expect.poll(() => chip().getAttribute('data-state')).toBe('expired');
    expect(await chip().textContent()).toBe('Session expired');
    const prompt = page.getByTestId(`signin-renewal-${ID}`);
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain(
      'the session has expired; its jobs fail until you sign in again',
    );
    expect(await page.getByTestId(`signin-renew-${ID}`).textContent()).toBe('Sign in again');
    // "Signed in" no longer holds: that notice is gone.
    expect(await page.getByTestId('signin-notice').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'sources-session-expired.png'), fullPage: true });
  }, 60_000);

  it('"Sign out" clears the profile; the chip says not signed in', async () => {
    await page.getByTestId(`sources-signout-${ID}`).click();
    await expect.poll(() => chip().getAttribute('data-state')).toBe('not-signed-in');
    expect(existsSync(join(dataDir, 'browser', ID))).toBe(false);
    expect(await page.getByTestId('signin-renewal').count()).toBe(0);
  });

  it('no cookie value in any API answer, page or log file; no console errors', async () => {
    expect(site.issued.length).toBeGreaterThan(0);
    const html = await page.content();
    const logDir = join(dataDir, 'logs');
    const logs = existsSync(logDir)
      ? readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8'))
      : [];
    expect(logs.join('')).toContain('sign-in window opened');
    for (const v of site.issued) {
      for (const a of answers) expect(a).not.toContain(v);
      expect(html).not.toContain(v);
      for (const l of logs) expect(l).not.toContain(v);
    }
    expect(consoleErrors).toEqual([]);
  });
});
