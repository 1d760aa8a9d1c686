import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The Portfolio view against the real `b3ai serve`: a trades file imported through the UI, its
 * positions and a month's DARF, then an alert that appears after a COTAHIST import moves a price.
 * The trades file is OURS (B3's "Negociação" sheet and header row, made-up trades); the COTAHIST
 * day is real.
 */
const NEG = fileURLToPath(
  new URL('../../services/core/portfolio/fixtures/negociacao-ours.xlsx', import.meta.url),
);

describe('Portfolio view in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  const text = async (testId: string) =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-portfolio-', { width: 1300, height: 1000 });
    page = session.page;
  });
  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('imports a trades file through the UI and shows the positions', async () => {
    await page.goto(`${session.serve.url}#/portfolio`);
    await page.locator('[data-app-state="ready"]').waitFor();
    expect(await page.getByTestId('nav-portfolio').getAttribute('aria-current')).toBe('page');
    expect(await text('portfolio-view')).toMatch(/^Minha carteira/);
    await page.getByTestId('portfolio-file').setInputFiles(NEG);
    await page.getByTestId('position-ITSA4').waitFor();
    expect(await text('portfolio-imported')).toContain('negociacao-ours.xlsx: 8 novas de 9 linhas');
    // 2 000 bought at 10 and 12, 500 sold: 1 500 at an average of 11,00.
    expect(await text('position-ITSA4-qty')).toBe('1.500');
    expect(await text('position-ITSA4')).toContain('R$ 11,00');
    expect(await text('position-PETR4-qty')).toBe('5');
  });

  it("shows March 2024's DARF: day trade 400 at 20% less IRRF 5,75", async () => {
    await page.getByTestId('tax-month').fill('2024-03');
    await page.getByTestId('tax-compute').click();
    await page.getByTestId('darf').waitFor();
    expect(await text('darf')).toBe('DARF 6015: R$ 74,25, vence em 30/04/2024');
    // Performance over Jan–Mar 2024: one row per month (no 2024 closes here, so no value: "—").
    await page.getByTestId('perf-from').fill('2024-01');
    await page.getByTestId('perf-to').fill('2024-03');
    await page.getByTestId('perf-run').click();
    await page.getByTestId('perf-summary').waitFor();
    expect(await page.locator('[data-testid="performance-panel"] tbody tr').count()).toBe(3);
    expect(await text('perf-summary')).toMatch(/^Retorno ponderado pelo tempo: —/);
  });

  it("shows 2024's yearly report and makes its PDF and CSV on request", async () => {
    await page.getByTestId('report-year').fill('2024');
    await page.getByTestId('report-show').click();
    await page.getByTestId('report-assets').waitFor();
    const row = page.locator('[data-testid="report-assets"] tr', { hasText: 'ITSA4' });
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toMatch(/^03-01\s?ITSA4\s?1\.500/);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export-pdf').click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('relatorio-ir-2024.pdf');
    const bytes = readFileSync(await pdf.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export-csv').click(),
    ]);
    expect(readFileSync(await csv.path(), 'utf8')).toMatch(
      /^section,code,item,quantity,value\r?\nbens_e_direitos,03-01,ITSA4,1500,/m,
    );
  });

  it('an alert appears after a COTAHIST import moves a price', async () => {
    const form = page.getByTestId('rule-form');
    await form.locator('select[name="kind"]').selectOption('price_above');
    await form.locator('input[name="ticker"]').fill('PETR4');
    await form.locator('input[name="level"]').fill('1');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-testid="rule-count"]', { hasText: 'Regras: 1' }).waitFor();
    expect(await page.getByTestId('alerts-list').count()).toBe(0);
    // A COTAHIST import through the running server's API (as the page's session): the import
    // event evaluates the rule and the alert reaches the view over the event stream.
    const status = await page.evaluate(async (path) => {
      const res = await fetch('/api/import/cotahist', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-B3AI-Client': 'web' },
        body: JSON.stringify({ paths: [path] }),
      });
      return res.status;
    }, COTAHIST_DAILY());
    expect(status).toBe(200);
    await page.locator('[data-testid="alerts-list"] li', { hasText: 'PETR4' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="alerts-list"] li').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'portfolio-view.png'), fullPage: true });
  });

  it('speaks English too', async () => {
    await page.getByTestId('lang-switch').click();
    await page.locator('[data-testid="portfolio-view"] h2', { hasText: 'My portfolio' }).waitFor();
    expect(await text('nav-portfolio')).toBe('Portfolio');
    expect(session.consoleErrors).toEqual([]);
  });
});
