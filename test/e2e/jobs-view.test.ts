import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import type { ServeProcess } from './serve-process';

const SCHEDULE = 'fundamentus-daily';
/** Under the store's 10 s fallback refresh: a status reached within it came from a job.updated event. */
const LIVE_MS = 8_000;

describe('jobs view in Chromium against b3ai serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let consoleErrors: string[] = [];

  const ready = () => page.locator('[data-app-state="ready"]').waitFor();
  const statusOf = (id: string) => page.getByTestId(`job-status-${id}`).getAttribute('data-status');

  /** Fills the create form, submits it and returns the new job's id. */
  async function createJob(source: string, query: string): Promise<string> {
    await page.getByTestId('job-create-source').fill(source);
    await page.getByTestId('job-create-ticker').fill('');
    await page.getByTestId('job-create-query').fill(query);
    await page.getByTestId('job-create-priority').selectOption('high');
    const result = page.getByTestId('job-create-result');
    const before = (await result.count()) > 0 ? await result.getAttribute('data-job-id') : null;
    await page.getByTestId('job-create-submit').click();
    await expect
      .poll(async () => ((await result.count()) > 0 ? await result.getAttribute('data-job-id') : null))
      .not.toBe(before);
    const id = await result.getAttribute('data-job-id');
    if (!id) throw new Error('the form did not report the created job');
    await page.getByTestId(`job-row-${id}`).waitFor();
    return id;
  }

  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-jobs-', { width: 1400, height: 900 });
    ({ serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('opens on #/jobs with every component healthy', async () => {
    await page.goto(`${serve.url}#/jobs`);
    await ready();
    await page.getByTestId('jobs-view').waitFor();
    await page.getByTestId('health-strip').waitFor();
    for (const name of ['storage', 'queue', 'workers', 'scheduler', 'api']) {
      const item = page.getByTestId(`component-${name}`);
      await expect(item.getAttribute('data-status')).resolves.toBe('healthy');
      expect(await item.textContent()).toMatch(/OK/);
    }
    expect(await page.getByTestId('queue-summary').textContent()).toMatch(/livre/);
    expect(await page.getByTestId('nav-jobs').getAttribute('aria-current')).toBe('page');
  });

  it('switches to the asset view and back through the header tabs and the hash', async () => {
    await page.getByTestId('nav-assets').click();
    await page.getByTestId('empty-state').waitFor();
    expect(new URL(page.url()).hash).toBe('#/asset');
    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('jobs-view').waitFor();
    expect(new URL(page.url()).hash).toBe('#/jobs');
    await page.goBack();
    await page.getByTestId('empty-state').waitFor();
    await page.goForward();
    await page.getByTestId('jobs-view').waitFor();
    await ready();
  });

  it('creates a selftest noop job and sees it complete live', async () => {
    const id = await createJob('selftest', 'noop');
    await page
      .locator(`[data-testid="job-status-${id}"][data-status="completed"]`)
      .waitFor({ timeout: LIVE_MS });
    const row = page.getByTestId(`job-row-${id}`);
    expect(await row.textContent()).toMatch(/selftest.*noop.*Alta.*Concluída.*1\/4/);
    await expect(page.getByTestId(`job-retry-${id}`).count()).resolves.toBe(0);
    await expect.poll(async () => page.getByTestId('stats-total').textContent()).toBe('1');
    await expect.poll(async () => page.getByTestId('stats-success-rate').textContent()).toBe('100%');
  });

  it('creates a failing job that retries with backoff, then fails with its message', async () => {
    const id = await createJob('selftest', 'fail');
    await page.locator(`[data-testid="job-status-${id}"][data-status="retry"]`).waitFor({ timeout: LIVE_MS });
    expect(await page.getByTestId(`job-error-${id}`).textContent()).toMatch(/always fails/);
    await page.getByTestId(`job-cancel-${id}`).waitFor();
    // Three retries at 1–2 s, 2–4 s and 4–8 s of backoff.
    await page.locator(`[data-testid="job-status-${id}"][data-status="failed"]`).waitFor({ timeout: 40_000 });
    expect(await page.getByTestId(`job-row-${id}`).textContent()).toMatch(/Falhou.*4\/4/);
    expect(await page.getByTestId(`job-error-${id}`).textContent()).toMatch(/always fails/);
    await expect.poll(async () => page.getByTestId('stats-success-rate').textContent()).toBe('50%');

    // Retry runs it again; cancelling while it waits or runs ends it cancelled.
    await page.getByTestId(`job-retry-${id}`).click();
    await expect.poll(() => statusOf(id), { timeout: LIVE_MS }).not.toBe('failed');
    await page.getByTestId(`job-cancel-${id}`).click();
    await page
      .locator(`[data-testid="job-status-${id}"][data-status="cancelled"]`)
      .waitFor({ timeout: 15_000 });
    await page.getByTestId(`job-retry-${id}`).waitFor();
  });

  it('filters the table by status and source', async () => {
    await page.getByTestId('jobs-filter-status').selectOption('completed');
    await expect.poll(async () => page.locator('[data-testid^="job-row-"]').count()).toBe(1);
    expect(await page.locator('[data-testid^="job-row-"]').getAttribute('data-status')).toBe('completed');
    await page.getByTestId('jobs-filter-status').selectOption('');
    await page.getByTestId('jobs-filter-source').selectOption('cotahist');
    await page.getByTestId('jobs-empty').waitFor();
    await page.getByTestId('jobs-filter-source').selectOption('selftest');
    await expect.poll(async () => page.locator('[data-testid^="job-row-"]').count()).toBe(2);
    await page.getByTestId('jobs-filter-source').selectOption('');
  });

  it('offers the built-in job types and the data sources of scrapers.list in the create form', async () => {
    const options = page.locator('#job-create-sources option');
    const offered: string[] = [];
    for (let i = 0; i < (await options.count()); i++)
      offered.push((await options.nth(i).getAttribute('value')) ?? '');
    expect(offered.slice(0, 2)).toEqual(['selftest', 'cotahist']);
    expect(offered).toContain('fundamentus');
    expect(offered).toContain('investidor10');
    expect(offered).not.toContain('market-scan');
  });

  it('shows the API message when a source is not available in this build', async () => {
    await page.getByTestId('job-create-source').fill('MARKET_SCAN');
    await page.getByTestId('job-create-query').fill('');
    await page.getByTestId('job-create-submit').click();
    const error = page.getByTestId('job-create-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/not available in this build/);
    expect(await error.getAttribute('data-error-code')).toBe('INVALID_INPUT');
  });

  it('lists the schedules in São Paulo time and keeps a disabled one disabled after a reload', async () => {
    const row = page.getByTestId(`schedule-${SCHEDULE}`);
    expect(await row.textContent()).toMatch(/Fundamentus.*0 20 \* \* \*/);
    // Fundamentus runs in this build; the market scan is known but not available yet.
    expect(await row.textContent()).not.toMatch(/aguardando fonte/);
    expect(await page.getByTestId('schedule-market-scan-weekly').textContent()).toMatch(/aguardando fonte/);
    // e.g. "seg., 30/11 20:00": the cron's 20:00 in America/Sao_Paulo, whatever the browser's zone.
    expect(await page.getByTestId(`schedule-next-${SCHEDULE}`).textContent()).toMatch(
      /^[a-zç]{3}\., \d{2}\/\d{2} 20:00$/,
    );
    const toggle = page.getByTestId(`schedule-toggle-${SCHEDULE}`);
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await page.locator(`[data-testid="schedule-${SCHEDULE}"][data-enabled="false"]`).waitFor();

    await page.reload();
    await ready();
    await page.getByTestId(`schedule-${SCHEDULE}`).waitFor();
    expect(await page.getByTestId(`schedule-toggle-${SCHEDULE}`).isChecked()).toBe(false);
    expect(await page.getByTestId('schedule-toggle-statusinvest-daily').isChecked()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'jobs-view.png'), fullPage: true });
  });

  it('speaks English too', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => page.getByTestId('nav-jobs').textContent()).toBe('Jobs');
    expect(await page.getByTestId('schedules-panel').textContent()).toMatch(/awaiting source/);
    expect(await page.getByTestId('schedule-next-statusinvest-daily').textContent()).toMatch(
      /^[A-Z][a-z]{2}, \d{2}\/\d{2} 19:00$/,
    );
    await page.getByTestId('lang-switch').click();
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    // The refused job answers 400 (INVALID_INPUT), which Chromium logs as a failed resource load:
    // exactly that one is expected.
    const refused = consoleErrors.filter((m) => /status of 400/.test(m));
    expect(refused).toHaveLength(1);
    const unexpected = consoleErrors.filter((m) => !/status of 400/.test(m));
    expect(unexpected).toEqual([]);
  });
});
