import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { cliEnv, runCli } from '../integration/cli-runner';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * The macro view (`#/macro`) against the real `b3ai serve`: the IPCA capture (SGS 433) ingested by
 * the CLI, the daily Selic capture (SGS 11) imported through the UI's drop zone, and real returns
 * of a ticker. No capture holds closes over a span the IPCA capture covers: the BZ=F chart used is
 * OURS, the real Yahoo capture with its dates moved back 214 weeks (30/05/2022 to 29/06/2022).
 */
describe('macro view in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  const text = async (testId: string) =>
    ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();

  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-macro-', { width: 1366, height: 900 }, async (dataDir) => {
      const chart = JSON.parse(
        readFileSync(fixture('yahoo_non_SA', 'yahoo_chart_BZ=F_1mo.json'), 'utf8'),
      ) as {
        chart: { result: { timestamp: number[] }[] };
      };
      const r0 = chart.chart.result[0]!;
      r0.timestamp = r0.timestamp.map((ts) => ts - 214 * 7 * 86_400);
      const shifted = join(dataDir, 'bzf-2022.json');
      writeFileSync(shifted, JSON.stringify(chart));
      for (const args of [
        ['import', 'cotahist', COTAHIST_DAILY()],
        [
          'ingest',
          'bcb',
          'macro-series',
          fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'),
          '--query',
          'series=433',
        ],
        ['ingest', 'yahoo', 'daily-bars', shifted, '--ticker', 'BZ=F'],
      ]) {
        const r = await runCli([...args, '--data-dir', dataDir], cliEnv());
        expect(r.code, r.stderr).toBe(0);
      }
    });
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('shows each stored series with its SGS code, source and last date, and a chart', async () => {
    await page.goto(`${session.serve.url}#/macro`);
    await page.locator('[data-testid="macro-view"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('nav-macro').getAttribute('aria-current')).toBe('page');
    expect(await text('macro-meta-433')).toBe('SGS 433 · fonte bcb · 60 pontos · último em 01/12/2024');
    expect(await text('macro-value-433')).toBe('0,52 % a.m.');
    await page.locator('[data-testid="macro-chart"][data-points="60"]').waitFor();
    expect(await page.locator('[data-testid="macro-chart"] canvas').count()).toBeGreaterThan(0);
    // The Selic target (432) is missing: it says how to get it.
    expect(await text('macro-missing-432')).toContain('b3ai scrape bcb macro-series 432');
  });

  it('imports a saved SGS file by the drop zone`s file picker: the kind and code come from its name', async () => {
    const panel = page.getByTestId('ingest-panel');
    // A page of another kind is refused before it is sent, in the user's language.
    await panel.getByTestId('ingest-file-input').setInputFiles(fixture('fundamentus', 'wege3_details.html'));
    expect(await text('ingest-failed')).toContain('wege3_details.html: tipo não aceito');
    // A JSON that is not an SGS series: the parser's typed error, shown in Portuguese.
    await panel.getByTestId('ingest-series').fill('433');
    await panel.getByTestId('ingest-file-input').setInputFiles(fixture('brapi', 'brapi_quote_PETR4.json'));
    await page.locator('[data-testid="ingest-panel"][data-ingest-status="failed"]').waitFor();
    expect(await text('ingest-failed')).toContain('O arquivo não tem o formato que esta fonte publica.');
    await panel
      .getByTestId('ingest-file-input')
      .setInputFiles(fixture('bcb', 'sgs11_selic_diaria_1986-2018.json'));
    await page
      .locator('[data-testid="ingest-panel"][data-ingest-status="done"]')
      .waitFor({ timeout: 60_000 });
    expect(await text('ingest-done')).toMatch(/^8\.142 itens lidos de sgs11_selic_diaria_1986-2018\.json/);
    expect(await panel.getByTestId('ingest-series').inputValue()).toBe('11');
    await page.getByTestId('macro-series-11').waitFor();
    expect(await text('macro-meta-11')).toBe('SGS 11 · fonte bcb · 8.142 pontos · último em 29/11/2018');
    await page.getByTestId('macro-series-11').getByRole('button').click();
    await page.locator('[data-testid="macro-chart"][data-points="8142"]').waitFor();
    await page
      .getByTestId('ingest-panel')
      .screenshot({ path: join(ARTIFACTS, 'ingest-saved-page-pt-BR.png') });
  });

  it('computes the real return of a ticker over a chosen period against IPCA and CDI', async () => {
    await page.getByTestId('real-returns-ticker').fill('BZ=F');
    await page.getByTestId('real-returns-from').fill('2022-05-31');
    await page.getByTestId('real-returns-to').fill('2022-06-30');
    await page.getByTestId('real-returns-run').click();
    await page.getByTestId('real-returns-result').waitFor();
    // 79.74 / 74.16 − 1 = +7.52%; June 2022 IPCA 0.67%; 1.0752 / 1.0067 − 1 = +6.81%.
    expect(await text('rr-nominal')).toBe('+7,52%');
    expect(await text('rr-ipca')).toBe('+0,67%');
    expect(await text('rr-real')).toBe('+6,81%');
    // The daily Selic stored ends in 2018: no CDI for 2022.
    expect(await text('rr-cdi')).toBe('—');
    expect(await text('rr-series')).toContain('IPCA: SGS 433');
    expect(await text('rr-series')).toContain('1 mês de IPCA');
    await page.getByTestId('macro-series-433').getByRole('button').click();
    await page.locator('[data-testid="macro-chart"][data-points="60"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'macro-view-pt-BR.png'), fullPage: true });
  });

  it('speaks English when asked, with the same codes, sources and dates', async () => {
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="en"]').waitFor();
    expect(await text('macro-view')).toMatch(/^Central Bank indicators/);
    expect(await text('macro-meta-433')).toBe('SGS 433 · source bcb · 60 points · last on 12/01/2024');
    expect(await text('macro-value-433')).toBe('0.52 % p.m.');
    expect(await text('macro-series-433')).toContain('IPCA - monthly change');
    expect(await text('rr-real')).toBe('+6.81%');
    await page.screenshot({ path: join(ARTIFACTS, 'macro-view-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await page.locator('html[lang="pt-BR"]').waitFor();
  });
});
