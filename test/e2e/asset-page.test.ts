import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, COTAHIST_EXCERPT } from '../helpers/fixtures';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import type { ServeProcess } from './serve-process';

const nbsp = (s: string | null): string => (s ?? '').replace(/\u00a0/g, ' ');

describe('asset page in Chromium against b3ai serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let consoleErrors: string[] = [];

  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-', { width: 1280, height: 800 });
    ({ serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('shows what to do on an empty database, without asking for the API token', async () => {
    await page.goto(serve.url);
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByTestId('empty-state').isVisible()).resolves.toBe(true);
    expect(await page.getByTestId('empty-state').textContent()).toMatch(/COTAHIST/);
    await page.screenshot({ path: join(ARTIFACTS, 'empty-state.png') });
  });

  it('names the file and line when an import is refused, and imports nothing', async () => {
    await page.getByTestId('import-file-input').setInputFiles(COTAHIST_EXCERPT());
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    // In the user's language, keeping the file and the line (issue 15: it said "line 13" in pt-BR).
    expect(await banner.textContent()).toContain(
      'COTAHIST_EXAMPLE_20260417.TXT, linha 13: o registro final diz',
    );
    await expect(page.getByTestId('empty-state').isVisible()).resolves.toBe(true);
  });

  it('imports the daily file, finds PETR4 and shows its chart with the close R$ 29,10', async () => {
    await page.getByTestId('import-file-input').setInputFiles(COTAHIST_DAILY());
    const search = page.getByTestId('ticker-search');
    await search.waitFor();
    await search.fill('PETR4');
    await page.getByTestId('search-result-PETR4').click();
    await page.getByTestId('asset-page').waitFor();
    await page.locator('[data-testid="price-chart"] canvas').first().waitFor();
    expect(nbsp(await page.getByTestId('last-close').textContent())).toContain('R$ 29,10');
    expect(nbsp(await page.getByTestId('last-date').textContent())).toContain('25/06/2021');
    expect(nbsp(await page.getByTestId('day-range').textContent())).toMatch(/28,95.*29,79/);
    expect(nbsp(await page.getByTestId('volume').textContent())).toMatch(/2[.,]?4|2\.498\.432\.530/);
    const box = await page.getByTestId('price-chart').boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(200);
    await page.screenshot({ path: join(ARTIFACTS, 'asset-page-PETR4.png'), fullPage: true });
  });

  it('keeps the header (price, P/L, tabs) at the top after scrolling, and opens a section by its tab (issue 15)', async () => {
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await expect.poll(() => page.evaluate('window.scrollY')).toBeGreaterThan(300);
    const head = await page.getByTestId('asset-header').boundingBox();
    expect(head?.y).toBeGreaterThanOrEqual(0);
    expect(head?.y).toBeLessThan(2);
    expect(nbsp(await page.getByTestId('last-close').textContent())).toContain('R$ 29,10');
    await page.getByTestId('asset-tab-chart').click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/asset/PETR4/chart');
    await expect
      .poll(async () => {
        const h = await page.getByTestId('asset-header').boundingBox();
        const box = await page.getByTestId('asset-section-chart').boundingBox();
        return Math.abs((box?.y ?? -999) - ((h?.y ?? 0) + (h?.height ?? 0)));
      })
      .toBeLessThan(30);
    expect(await page.getByTestId('asset-tab-chart').getAttribute('aria-current')).toBe('location');
    expect(await page.getByTestId('asset-ticker').textContent()).toBe('PETR4');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-page-PETR4-chart-section.png') });
  });

  it('search finds what people mean: "petrobras" + Enter opens PETR4, "itau" lists ITUB4 first (issue 15)', async () => {
    const search = page.getByTestId('ticker-search');
    // Enter right away (before the debounce): the search runs, then the first result opens.
    await search.fill('petrobras');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('asset-ticker').textContent()).toBe('PETR4');
    await search.fill('Itaú');
    await page.getByTestId('search-result-ITUB4').waitFor();
    const first = page.locator('[data-testid^="search-result-"]').first();
    expect(await first.getAttribute('data-testid')).toBe('search-result-ITUB4');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('asset-ticker').textContent()).toBe('ITUB4');
    await search.fill('PETR4');
    await page.getByTestId('search-result-PETR4').click();
    await expect.poll(() => page.getByTestId('asset-ticker').textContent()).toBe('PETR4');
  });

  it('switches to English formatting', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => nbsp(await page.getByTestId('last-close').textContent())).toMatch(/29\.10/);
    expect(nbsp(await page.getByTestId('last-date').textContent())).toContain('06/25/2021');
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    // Chromium logs error answers as failed resource loads: the refused import (422) is expected; the
    // report card asking for a report of a ticker that has none yet is an empty answer, not a 404.
    const unexpected = consoleErrors.filter((m) => !/status of 422/.test(m));
    expect(unexpected).toEqual([]);
  });
});
