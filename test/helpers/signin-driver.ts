import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Drive a sign-in window started in its test mode (headless, DevTools port in
 * `<profile>/DevToolsActivePort`) the way a user would: fill the login site's form, follow its
 * OAuth-style redirects, land signed in. Then disconnects, leaving the window to the app, or closes
 * it (`closeWindow`) as a user would.
 */
export async function driveSignin(
  profile: string,
  creds: { user: string; password: string },
  opts: { timeoutMs?: number; closeWindow?: boolean } = {},
): Promise<string> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const file = join(profile, 'DevToolsActivePort');
  const until = Date.now() + timeoutMs;
  let port = '';
  while (!port) {
    if (Date.now() > until) throw new Error(`no DevToolsActivePort in ${profile}`);
    if (existsSync(file)) port = readFileSync(file, 'utf8').split('\n')[0]?.trim() ?? '';
    if (!port) await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { timeout: timeoutMs });
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('the sign-in window has no context');
    let page = context.pages().find((p) => p.url().includes('/login'));
    for (let i = 0; !page && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = context.pages().find((p) => p.url().includes('/login'));
    }
    if (!page)
      throw new Error(
        `no login page open: ${context
          .pages()
          .map((p) => p.url())
          .join(', ')}`,
      );
    await page.waitForSelector('#user', { timeout: timeoutMs });
    await page.fill('#user', creds.user);
    await page.fill('#password', creds.password);
    await Promise.all([page.waitForURL(/\/account$/, { timeout: timeoutMs }), page.click('#submit')]);
    await page.waitForSelector('#welcome', { timeout: timeoutMs });
    const landed = page.url();
    // As a user closing the window: the browser quits (and writes its cookies as it does).
    if (opts.closeWindow) await (await browser.newBrowserCDPSession()).send('Browser.close');
    return landed;
  } finally {
    // Connected, not launched: this only disconnects.
    await browser.close();
  }
}
