import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY } from '../helpers/fixtures';
import { cliEnv, runCli } from '../integration/cli-runner';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The SQL console view against the real `b3ai serve`, with one real COTAHIST day imported by the
 * CLI before the server starts.
 */
describe('SQL console in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;

  const text = async (testId: string) =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
  const runSql = async (sql: string): Promise<void> => {
    await page.getByTestId('sql-input').fill(sql);
    await page.getByTestId('sql-run').click();
    await page.locator('[data-testid="sql-run"]:not([disabled])').waitFor();
  };

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-sql-', { width: 1400, height: 1000 }, async (dataDir) => {
      const r = await runCli(['import', 'cotahist', COTAHIST_DAILY(), '--data-dir', dataDir], cliEnv());
      expect(r.code, r.stderr).toBe(0);
    });
    page = session.page;
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('opens at #/sql with the readable tables and their columns', async () => {
    await page.goto(`${session.serve.url}#/sql`);
    await page.locator('[data-app-state="ready"]').waitFor();
    await page.locator('[data-testid="sql-view"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('nav-sql').getAttribute('aria-current')).toBe('page');
    expect(await text('sql-view')).toMatch(/^Console SQL/);
    await page.getByTestId('sql-table-daily_bars').waitFor();
    expect(await page.getByTestId('sql-table-schema_migrations').count()).toBe(0);
    await page.getByTestId('sql-columns-securities').click();
    expect(await text('sql-table-securities')).toMatch(/ticker\s*text[\s\S]*last_date\s*date/);
  });

  it('runs a query started from a table, and one with a row cap that says it was cut', async () => {
    await page.getByTestId('sql-use-securities').click();
    expect(await page.getByTestId('sql-input').inputValue()).toBe('SELECT *\nFROM securities\nLIMIT 100');
    await page.getByTestId('sql-run').click();
    await page.locator('[data-testid="sql-status"][data-rows="100"]').waitFor();
    expect(await page.locator('[data-testid="sql-result-table"] tbody tr').count()).toBe(100);

    await page.getByTestId('sql-limit').fill('5');
    await runSql('SELECT ticker, close, volume\nFROM daily_bars\nORDER BY volume DESC');
    await page.locator('[data-testid="sql-status"][data-rows="5"][data-truncated="true"]').waitFor();
    expect(await text('sql-truncated')).toMatch(/primeiras 5 linhas/);
    const headers = await page.locator('[data-testid="sql-result-table"] thead th').allTextContents();
    expect(headers).toEqual(['ticker', 'close', 'volume']);
    await page.screenshot({ path: join(ARTIFACTS, 'sql-console.png'), fullPage: true });
  });

  it('exports the rows as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sql-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sql-[\d-]+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('ticker,close,volume');
    expect(lines).toHaveLength(6);
    const first = await page
      .locator('[data-testid="sql-result-table"] tbody tr')
      .first()
      .locator('td')
      .allTextContents();
    expect(lines[1]).toBe(first.join(','));
  });

  it("shows PostgreSQL's error with its position, and refuses writes", async () => {
    await runSql('SELECT tickr FROM securities');
    await page.getByTestId('sql-error').waitFor();
    expect(await page.getByTestId('sql-error').getAttribute('data-error-code')).toBe('SQL_ERROR');
    expect(await text('sql-error')).toMatch(/column "tickr" does not exist.*posição 8/);
    expect(await page.getByTestId('sql-result').count()).toBe(0);

    await runSql('DELETE FROM news');
    await page.locator('[data-testid="sql-error"][data-error-code="FORBIDDEN"]').waitFor();
    expect(await text('sql-error')).toMatch(/somente leitura|read-only/);
    await page.screenshot({ path: join(ARTIFACTS, 'sql-console-error.png'), fullPage: true });
  });

  it('reads in English after the language switch, with no unexpected console errors', async () => {
    await page.getByTestId('lang-switch').click();
    expect(await text('sql-view')).toMatch(/^SQL console/);
    // The refused statements above answered 400 and 403 on purpose.
    const unexpected = session.consoleErrors.filter((m) => !/status of (400|403)/.test(m));
    expect(unexpected).toEqual([]);
  });
});
