import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/** /redoc beside /docs: ReDoc's standalone bundle, served by `b3ai serve` itself (no network). */
describe('/redoc in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-redoc-', { width: 1400, height: 1000 });
    page = session.page;
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('renders the OpenAPI document, every operation, within the page CSP', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const res = await page.goto(`${session.serve.url}redoc`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'.*worker-src 'self' blob:/);
    await page
      .getByRole('heading', { name: /B3 AI Analysis API/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByText('/api/config/status').first().waitFor();
    expect(await page.getByText(/Run one read-only SQL statement/).count()).toBeGreaterThan(0);
    // Search works (its worker comes from a Blob URL, which the page's CSP allows).
    await page.getByPlaceholder('Search...').fill('sentiment');
    await page
      .locator('[data-role="search:results"] [data-item-id="operation/analysis.sentiment"]')
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'redoc.png') });
    const origin = new URL(session.serve.url).origin;
    expect(
      requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')),
    ).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
