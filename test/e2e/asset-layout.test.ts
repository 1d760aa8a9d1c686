import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import type { ServeProcess } from './serve-process';

const nbsp = (s: string | null): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * The asset page laid out for reading (issue 15, item 8): a header that stays at the top while
 * scrolling, with the current price, change, sector, P/L, P/VP, DY and the data's date (each with
 * its source); linkable sections reachable by keyboard; fundamentals grouped as Status Invest groups
 * them, with only the columns that add something. Real data: Fundamentus' WEGE3 page, Status
 * Invest's export (601 tickers) and B3's daily COTAHIST of 2021-06-25. Screenshots of WEGE3 and
 * PETR4 in both languages go to test-results/e2e/.
 */
describe('asset page layout in Chromium against b3ai serve', () => {
  let dataDir: string;
  let serve: ServeProcess;
  let page: Page;
  let consoleErrors: string[] = [];
  const ready = () => page.locator('[data-app-state="ready"]').waitFor();
  const text = async (testId: string) => nbsp(await page.getByTestId(testId).textContent());

  async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const res = await fetch(new URL(path, serve.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, `${method} ${path}`).toBe(200);
    return res.json();
  }

  /** Opens a ticker's page and waits for its header numbers and its fundamentals. */
  async function open(ticker: string, section = ''): Promise<void> {
    await page.goto(`${serve.url}#/asset/${ticker}${section ? `/${section}` : ''}`);
    await ready();
    await page.locator('[data-testid="asset-current-pl"][data-value]').waitFor();
    await page.locator('[data-testid="fundamentals-panel"][data-consensus-state="ready"]').waitFor();
    await page.locator('[data-testid="fundamentals-panel"][data-history-state="ready"]').waitFor();
  }

  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-asset-layout-', { width: 1366, height: 800 });
    ({ dataDir, serve, page, consoleErrors } = session);
    await api('POST', '/api/sources/fundamentus/ingest', {
      model: 'fundamentals',
      file: fixture('fundamentus', 'wege3_details.html'),
      ticker: 'WEGE3',
    });
    await api('POST', '/api/sources/fundamentus/ingest', {
      model: 'dividends',
      file: fixture('fundamentus', 'wege3_dividends.html'),
      ticker: 'WEGE3',
    });
    await api('POST', '/api/sources/status-invest/ingest', {
      model: 'screener',
      file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
    });
    await api('POST', '/api/import/cotahist', { paths: [COTAHIST_DAILY()] });
    // The app opened (signing in) on an empty database: load it again, as a user would.
    await page.goto(serve.url);
    await page.reload();
    await ready();
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it("heads WEGE3's page with the current price, change, sector, P/L, P/VP, DY and the data's date, each with its source", async () => {
    await open('WEGE3');
    // Fundamentus' quote of 03/07/2026 (newer than the 2021 bar) and its own "Oscilação dia".
    expect(await text('last-close')).toMatch(/^R\$ 46,48/);
    expect(await page.getByTestId('last-close').getAttribute('data-source')).toBe('fundamentus');
    expect(await page.getByTestId('asset-change').getAttribute('data-source')).toBe('fundamentus');
    expect(await page.getByTestId('asset-change').getAttribute('data-as-of')).toBe('2026-07-03');
    expect(await text('asset-change')).toBe('+0,48%');
    expect(await text('asset-sector')).toBe('Máquinas e Equipamentos');
    expect(await page.getByTestId('asset-sector').getAttribute('data-source')).toBe('fundamentus');
    expect(await text('asset-current-pl')).toBe('31,03');
    expect(await page.getByTestId('asset-current-pvp').getAttribute('data-source')).toBe('fundamentus');
    expect(await page.getByTestId('asset-current-dy').getAttribute('data-as-of')).toBe('2026-07-03');
    expect(await text('asset-data-date')).toBe('03/07/2026');
  });

  it('keeps the header at the top after scrolling to the end of the page', async () => {
    await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    await expect.poll(() => page.evaluate('window.scrollY')).toBeGreaterThan(1500);
    const box = await page.getByTestId('asset-header').boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(2);
    expect(await page.getByTestId('asset-current-pl').isVisible()).toBe(true);
    // The last section is the one being read.
    await expect
      .poll(() => page.getByTestId('asset-tab-report').getAttribute('aria-current'))
      .toBe('location');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-scrolled-pt-BR.png') });
    // No other view under the page (the import box of an empty database).
    await expect(page.getByTestId('empty-state').count()).resolves.toBe(0);
  });

  it('opens a section by its tab, with the keyboard, and by its link', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    // Tab to the Valuation tab and press Enter.
    await page.getByTestId('asset-tab-indicators').focus();
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')"))
      .toBe('asset-tab-valuation');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/asset/WEGE3/valuation');
    const underHeader = async (section: string) => {
      const head = await page.getByTestId('asset-header').boundingBox();
      const box = await page.getByTestId(`asset-section-${section}`).boundingBox();
      return Math.abs((box?.y ?? -999) - ((head?.y ?? 0) + (head?.height ?? 0)));
    };
    await expect.poll(() => underHeader('valuation')).toBeLessThan(30);
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('asset-section-valuation');
    await expect
      .poll(() => page.getByTestId('asset-tab-valuation').getAttribute('aria-current'))
      .toBe('location');

    await page.getByTestId('asset-tab-dividends').click();
    await expect.poll(() => underHeader('dividends')).toBeLessThan(30);
    expect(new URL(page.url()).hash).toBe('#/asset/WEGE3/dividends');

    // A link to a section opens the page there (after a reload, once the content has loaded).
    await open('WEGE3', 'indicators');
    await page.reload();
    await ready();
    await page.locator('[data-testid="fundamentals-panel"][data-consensus-state="ready"]').waitFor();
    await expect.poll(() => underHeader('indicators')).toBeLessThan(30);
    expect(new URL(page.url()).hash).toBe('#/asset/WEGE3/indicators');
  });

  it('groups the fundamentals as Status Invest does, with only the columns that add something', async () => {
    const groups = await Promise.all(
      (await page.locator('[data-testid^="fund-group-"]').all()).map((l) => l.getAttribute('data-testid')),
    );
    expect(groups.slice(0, 4)).toEqual([
      'fund-group-valuation',
      'fund-group-debt',
      'fund-group-efficiency',
      'fund-group-profitability',
    ]);
    expect(groups).toContain('fund-group-market');
    await page.getByTestId('fund-group-valuation').getByTestId('fund-row-pl').waitFor();
    await page.getByTestId('fund-group-profitability').getByTestId('fund-row-roe').waitFor();
    await page.getByTestId('fund-group-debt').getByTestId('fund-row-net_debt_to_equity').waitFor();
    // Two sources (Fundamentus' page, Status Invest's export): the consensus columns stay; no CVM
    // statements: no "Calculado (CVM)" column; one dated year (2026): no yearly chart, and a note.
    const columns = (await page.getByTestId('fund-table').getAttribute('data-columns')) ?? '';
    expect(columns.split(' ')).toEqual(['consensus', 'source:fundamentus']);
    const heads = await page.getByTestId('fund-table-valuation').locator('thead th').allTextContents();
    expect(heads).toContain('Confiança');
    expect(heads).not.toContain('Calculado (CVM)');
    expect(await text('fund-no-filings')).toMatch(/nenhuma demonstração da CVM/);
    expect(await text('fund-history-note')).toMatch(/^Só há um ano nos dados locais \(2026\)/);
    expect(await text('fund-history-note')).toMatch(/ficam fora do gráfico\.$/);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-pt-BR.png'), fullPage: true });
    await page
      .getByTestId('fundamentals-panel')
      .screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-fundamentals-pt-BR.png') });
    await page
      .getByTestId('asset-header')
      .screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-header-pt-BR.png') });
  });

  it('reads the fundamentals per year through the API, the undated export kept apart', async () => {
    const h = (await api('GET', '/api/fundamentals/WEGE3/history')) as {
      metrics: { key: string; years: { year: number; value: number; source: string }[]; undated: number }[];
    };
    const pl = h.metrics.find((m) => m.key === 'pl');
    expect(pl?.years).toEqual([expect.objectContaining({ year: 2026, value: 31.03, source: 'fundamentus' })]);
    expect(pl?.undated).toBe(1);
  });

  it("heads PETR4's page with B3's close and the export's P/L of unknown date; one source, so no consensus columns", async () => {
    await open('PETR4');
    expect(await text('last-close')).toMatch(/^R\$ 29,10/);
    expect(await page.getByTestId('last-close').getAttribute('data-source')).toBe('b3-cotahist');
    // One bar: no change to compute, and none from a site.
    expect(await text('asset-change')).toBe('—');
    expect(await text('asset-current-pl')).toBe('2,72');
    expect(await text('asset-current-pl-badge')).toBe('data desconhecida');
    expect(await text('asset-data-date')).toBe('25/06/2021');
    // The API's current P/L, as Compare and the screener read it.
    const { values } = (await api('GET', '/api/analysis/stock/PETR4/current')) as {
      values: Record<string, { value: number; source: string; as_of: string | null }>;
    };
    const pl = page.getByTestId('asset-current-pl');
    expect(Number(await pl.getAttribute('data-value'))).toBe(values['pl']?.value);
    expect(await pl.getAttribute('data-source')).toBe(values['pl']?.source);
    expect(await pl.getAttribute('data-as-of')).toBe(values['pl']?.as_of ?? '');
    expect((await page.getByTestId('fund-table').getAttribute('data-columns'))?.split(' ')).toEqual([
      'value',
    ]);
    const heads = await page.getByTestId('fund-table-valuation').locator('thead th').allTextContents();
    expect(heads).toEqual(['Indicador', 'Valor']);
    expect(await text('fund-consensus-dy')).toBe('49,56%');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-PETR4-pt-BR.png'), fullPage: true });
    await page
      .getByTestId('fundamentals-panel')
      .screenshot({ path: join(ARTIFACTS, 'asset-PETR4-fundamentals-pt-BR.png') });
  });

  it('speaks English: header, tabs and groups', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('asset-tab-dividends').textContent()).toBe('Dividends');
    expect(await page.getByTestId('asset-sections-nav').textContent()).toBe(
      'SummaryChartIndicatorsValuationDividendsNewsReport',
    );
    expect(await text('asset-current-pl')).toBe('2.72');
    expect(await text('asset-data-date')).toBe('06/25/2021');
    expect(await page.getByTestId('fund-group-valuation').locator('h4').textContent()).toBe('Valuation');
    expect(await page.getByTestId('fund-group-profitability').locator('h4').textContent()).toBe(
      'Profitability',
    );
    const heads = await page.getByTestId('fund-table-valuation').locator('thead th').allTextContents();
    expect(heads).toEqual(['Metric', 'Value']);
    await page.screenshot({ path: join(ARTIFACTS, 'asset-PETR4-en.png'), fullPage: true });
    await open('WEGE3');
    expect(await text('asset-current-pl')).toBe('31.03');
    expect(await text('asset-data-date')).toBe('07/03/2026');
    await page.screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-en.png'), fullPage: true });
    await page
      .getByTestId('fundamentals-panel')
      .screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-fundamentals-en.png') });
    await page.getByTestId('asset-header').screenshot({ path: join(ARTIFACTS, 'asset-WEGE3-header-en.png') });
    await page.getByTestId('lang-switch').click();
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    const unexpected = consoleErrors.filter((m) => !/status of 404/.test(m));
    expect(unexpected).toEqual([]);
  });
});
