import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../services/contract';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { cliEnv, runCli } from '../integration/cli-runner';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The Tesouro Direto view (`#/tesouro`) against the real `b3ai serve`: it starts empty, the real
 * Tesouro Transparente capture (24,522 complete rows) and the CVM company register are imported
 * through the UI's file picker (their kinds told by their published names), then the bonds, their
 * current rates and prices and a bond's history are shown, in both languages.
 */
describe('Tesouro Direto view in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  const text = async (testId: string) =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();
  const api = async <T>(path: string): Promise<T> =>
    (await page.evaluate(
      async (p) => (await fetch(p, { headers: { 'X-B3AI-Client': 'web' } })).json(),
      path,
    )) as T;

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-tesouro-', { width: 1366, height: 900 }, async (dataDir) => {
      const r = await runCli(['import', 'cotahist', COTAHIST_DAILY(), '--data-dir', dataDir], cliEnv());
      expect(r.code, r.stderr).toBe(0);
    });
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('starts empty and imports the Tesouro CSV and a CVM file from the UI', async () => {
    await page.goto(`${session.serve.url}#/tesouro`);
    await page.locator('[data-testid="tesouro-view"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('nav-tesouro').getAttribute('aria-current')).toBe('page');
    expect(await text('tesouro-empty')).toContain('Nenhum título guardado ainda');
    const panel = page.getByTestId('ingest-panel');
    // The CVM company register: its name tells its kind.
    await panel.getByTestId('ingest-file-input').setInputFiles(fixture('cvm', 'cad_cia_aberta.csv'));
    await page
      .locator('[data-testid="ingest-panel"][data-ingest-status="done"]')
      .waitFor({ timeout: 60_000 });
    expect(await text('ingest-done')).toMatch(
      /itens lidos de cad_cia_aberta\.csv e guardados \(cvm, companies\)/,
    );
    expect(await panel.getByTestId('ingest-kind').inputValue()).toBe('cvm-companies');
    await panel
      .getByTestId('ingest-file-input')
      .setInputFiles(fixture('tesouro', 'PrecoTaxaTesouroDireto_prefix_2025-05-04.csv'));
    await page.getByTestId('tesouro-table').waitFor({ timeout: 90_000 });
  });

  it('lists every bond with its latest rates and prices, and draws a bond`s history', async () => {
    const bonds = await api<Output<'tesouro.bonds'>>('/api/tesouro/bonds');
    expect(bonds.rows).toBe(24522);
    expect(await text('tesouro-summary')).toBe(
      `24.522 linhas · ${bonds.bonds.length} títulos · último dia base ${bonds.last_date!.split('-').reverse().join('/')} · fonte Tesouro Transparente`,
    );
    expect(await page.getByTestId('tesouro-row').count()).toBe(bonds.bonds.length);
    const selic = bonds.bonds.find((b) => b.bond_type === 'Tesouro Selic' && b.maturity === '2029-03-01')!;
    const row = page
      .getByTestId('tesouro-row')
      .filter({ hasText: 'Tesouro Selic' })
      .filter({ hasText: '01/03/2029' });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.replace(/\u00a0/g, ' '));
    const pct = (v: number) => `${new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2 }).format(v)}%`;
    const brl = (v: number) =>
      new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' })
        .format(v)
        .replace(/\u00a0/g, ' ');
    expect(cells.slice(2, 7)).toEqual([
      selic.base_date.split('-').reverse().join('/'),
      pct(selic.buy_rate!),
      pct(selic.sell_rate!),
      brl(selic.buy_price!),
      brl(selic.sell_price!),
    ]);
    await row.getByRole('button').click();
    const history = await api<Output<'tesouro.history'>>(
      '/api/tesouro/history?bond_type=Tesouro%20Selic&maturity=2029-03-01',
    );
    await page
      .locator(`[data-testid="tesouro-rate-chart"][data-points="${history.points.length * 2}"]`)
      .waitFor();
    await page
      .locator(`[data-testid="tesouro-price-chart"][data-points="${history.points.length}"]`)
      .waitFor();
    expect(await page.locator('[data-testid="tesouro-price-chart"] canvas').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'tesouro-view-pt-BR.png'), fullPage: true });
  });

  it('speaks English when asked', async () => {
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="en"]').waitFor();
    expect(await text('tesouro-view')).toMatch(/^Tesouro Direto \(Brazilian Treasury bonds\)/);
    expect(await text('tesouro-summary')).toMatch(
      /^24,522 rows · \d+ bonds · last base date \d\d\/\d\d\/\d{4}/,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'tesouro-view-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="pt-BR"]').waitFor();
  });
});
