import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

const nbsp = (s: string | null): string => (s ?? '').replace(/\u00a0/g, ' ');

// The home page (issue 15, item 2) on the real daily COTAHIST (25/06/2021) and Status Invest's
// real screener export: the same price and date as the asset page, an edited watchlist, and a
// screener result saved as a watchlist.
describe('home page in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;

  async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const token = readFileSync(join(session.dataDir, 'api-token'), 'utf8').trim();
    const res = await fetch(new URL(path, session.serve.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return res.json();
  }
  const homeReady = () => page.locator('[data-testid="home-view"][data-home-state="ready"]').waitFor();

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-home-', { width: 1366, height: 900 });
    page = session.page;
    await api('POST', '/api/import/cotahist', { paths: [COTAHIST_DAILY()] });
    await api('POST', '/api/sources/status-invest/ingest', {
      model: 'screener',
      file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
    });
  });
  afterAll(async () => {
    expect(await closeAppSession(session)).toBe(0);
  });

  it('opens on the home page with the default list, the same price and date as the asset page', async () => {
    await page.goto(session.serve.url);
    await page.locator('[data-app-state="ready"]').waitFor();
    await homeReady();
    expect(await page.getByTestId('nav-home').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('home-watchlist-default').waitFor();
    const price = page.getByTestId('home-price-PETR4');
    const homePrice = nbsp(await price.textContent());
    const homeAsOf = await price.getAttribute('data-as-of');
    expect(homePrice).toBe('R$ 29,10');
    expect(homeAsOf).toBe('2021-06-25');
    expect(nbsp(await page.getByTestId('home-date-PETR4').textContent())).toContain('25/06/2021');
    // One session in the local data: breadth says so instead of inventing a change.
    await page.getByTestId('home-breadth-single').waitFor();
    expect(await page.getByTestId('home-macro-selic').textContent()).toMatch(/432/);
    await page.screenshot({ path: join(ARTIFACTS, 'home-pt-BR.png'), fullPage: true });

    await page.locator('[data-testid="home-row-PETR4"] a').first().click();
    await page.getByTestId('asset-page').waitFor();
    expect(new URL(page.url()).hash).toBe('#/asset/PETR4');
    const close = page.getByTestId('last-close');
    await expect.poll(async () => nbsp(await close.textContent())).toContain(homePrice);
    expect(await close.getAttribute('data-as-of')).toBe(homeAsOf);
  });

  it('edits the watchlist: the default list becomes the user own, a ticker added and one removed', async () => {
    await page.getByTestId('nav-home').click();
    await homeReady();
    const first = await page.locator('[data-testid^="home-row-"]').first().getAttribute('data-testid');
    const removed = first!.replace('home-row-', '');
    await page.getByTestId('home-add-input').fill('wege3');
    await page.getByTestId('home-add').click();
    await page.getByTestId('home-row-WEGE3').waitFor();
    await page.getByTestId('home-watchlist-pick').waitFor();
    await page.getByTestId(`home-remove-${removed}`).click();
    await expect.poll(() => page.getByTestId(`home-row-${removed}`).count()).toBe(0);
    const saved = (await api('GET', '/api/watchlists')) as { items: { name: string; tickers: string[] }[] };
    expect(saved.items).toHaveLength(1);
    expect(saved.items[0]!.tickers).toContain('WEGE3');
    expect(saved.items[0]!.tickers).not.toContain(removed);
    // An unknown ticker is refused with a message, the list unchanged.
    await page.getByTestId('home-add-input').fill('ZZZZ9');
    await page.getByTestId('home-add').click();
    expect(await page.getByTestId('home-watchlist-error').textContent()).toContain('ZZZZ9');
  });

  it('saves a screener result as a watchlist and shows it on the home page', async () => {
    await page.getByTestId('nav-screener').click();
    await page.locator('[data-testid="screener-view"][data-screens-state="ready"]').waitFor();
    await page.getByTestId('screener-preset').selectOption('fundamentus');
    // Fields come from grouped, named lists.
    const og = page.locator('[data-testid="screener-cond-field-0"] optgroup');
    const groups: (string | null)[] = [];
    for (let k = 0; k < (await og.count()); k++) groups.push(await og.nth(k).getAttribute('label'));
    expect(groups).toEqual(
      expect.arrayContaining(['Valuation', 'Endividamento', 'Eficiência', 'Rentabilidade', 'Crescimento']),
    );
    await page.getByTestId('screener-run').click();
    await page.getByTestId('screener-table').waitFor();
    const rows = await page.locator('[data-testid^="screener-row-"]').count();
    expect(rows).toBeGreaterThan(0);
    await page.getByTestId('screener-watchlist-name').fill('Fundamentus barato');
    await page.getByTestId('screener-save-watchlist').click();
    expect(await page.getByTestId('screener-watchlist-note').textContent()).toContain('Fundamentus barato');
    await page.getByTestId('nav-home').click();
    await homeReady();
    const options = await page.locator('[data-testid="home-watchlist-pick"] option').allTextContents();
    expect(options).toContain('Fundamentus barato');
  });

  it('shows the home page in English', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('home-watchlist').textContent()).toContain('Watchlist');
    await page.screenshot({ path: join(ARTIFACTS, 'home-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
  });
});
