import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The first-run wizard reopened from Settings in the browser UI of `b3ai serve`: it says where the
 * data is and why (serve's own folder: no folder dialog here; the desktop app's dialog is Electron's,
 * unverified in this repository), then the history and the sources steps, and closes on Finish.
 */
describe('first-run wizard in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-wizard-', { width: 1366, height: 900 });
    page = session.page;
  });
  afterAll(async () => {
    expect(await closeAppSession(session)).toBe(0);
  });

  it('reopens from Settings and names the data folder and why', async () => {
    await page.goto(`${session.serve.url}#/settings`);
    await page.getByTestId('prefs-wizard').click();
    const wizard = page.getByTestId('first-run-wizard');
    await wizard.waitFor();
    expect(await wizard.getAttribute('data-step')).toBe('language');
    const dir = (await page.getByTestId('data-dir').textContent()) ?? '';
    expect(dir).toContain(`Seus dados ficam em ${session.dataDir}`);
    expect(dir).toContain('a pasta do b3ai serve');
    expect(await page.getByTestId('data-dir-choose').count()).toBe(0);
    await wizard.screenshot({ path: join(ARTIFACTS, 'wizard-language.png') });
  });

  it('walks history and sources, then closes', async () => {
    await page.getByTestId('wizard-next').click();
    expect(await page.getByTestId('first-run-wizard').getAttribute('data-step')).toBe('history');
    await page.getByTestId('wizard-next').click();
    await page.locator('.wizard-sources li').first().waitFor();
    expect(await page.locator('.wizard-sources li').count()).toBeGreaterThan(10);
    await page.getByTestId('wizard-finish').click();
    await page.getByTestId('first-run-wizard').waitFor({ state: 'detached' });
    expect(session.consoleErrors).toEqual([]);
  });
});
