import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COTAHIST_DAILY, fixture } from '../helpers/fixtures';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';
import type { ServeProcess } from './serve-process';

const nbsp = (s: string | null): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * The asset page's analysis (chart overlays and panes, consensus fundamentals with provenance,
 * valuation, dividends), the Compare view and the Screener against the real `b3ai serve`, with data
 * stored the way users store it: the real Fundamentus captures of WEGE3 ingested through the
 * source's own parser, and B3's real daily COTAHIST file of 2021-06-25 (one bar per ticker).
 */
describe('analysis, compare and screener in Chromium against b3ai serve', () => {
  let dataDir: string;
  let serve: ServeProcess;
  let page: Page;
  let consoleErrors: string[] = [];

  const ready = () => page.locator('[data-app-state="ready"]').waitFor();
  const text = async (testId: string) => nbsp(await page.getByTestId(testId).textContent());

  /** Calls the HTTP API from the test, with the bearer token serve keeps in the data dir. */
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

  let session: AppSession | undefined;
  beforeAll(async () => {
    session = await openAppSession('b3ai-e2e-analysis-', { width: 1500, height: 1000 });
    ({ dataDir, serve, page, consoleErrors } = session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    expect(code).toBe(0);
  });

  it('stores the WEGE3 fundamentals and dividends, a screener export and the 2021-06-25 quotes through the API', async () => {
    const details = (await api('POST', '/api/sources/fundamentus/ingest', {
      model: 'fundamentals',
      file: fixture('fundamentus', 'wege3_details.html'),
      ticker: 'WEGE3',
    })) as { stored: number };
    expect(details.stored).toBeGreaterThan(0);
    const dividends = (await api('POST', '/api/sources/fundamentus/ingest', {
      model: 'dividends',
      file: fixture('fundamentus', 'wege3_dividends.html'),
      ticker: 'WEGE3',
    })) as { items: number };
    expect(dividends.items).toBe(159);
    // Status Invest's "busca avançada" export (real, Oct 2022): 601 tickers for the screener.
    const screener = (await api('POST', '/api/sources/status-invest/ingest', {
      model: 'screener',
      file: fixture('statusinvest', 'statusinvest-busca-avancada.csv'),
    })) as { items: number };
    expect(screener.items).toBe(601);
    const quotes = (await api('POST', '/api/import/cotahist', { paths: [COTAHIST_DAILY()] })) as {
      imported: number;
    };
    expect(quotes.imported).toBe(989);
  });

  it('draws the WEGE3 chart on adjusted prices by default, with overlays and panes, and switches to raw', async () => {
    await page.goto(`${serve.url}#/asset/WEGE3`);
    await ready();
    await page.locator('[data-testid="price-chart"] canvas').first().waitFor();
    await page.locator('[data-testid="technical-summary"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('price-mode').getAttribute('data-mode')).toBe('total_return');
    expect(await page.getByTestId('price-mode-total_return').isChecked()).toBe(true);
    expect(await text('price-mode-note')).toMatch(/^Preços ajustados por proventos e desdobramentos/);
    // One bar: the series is there (every indicator still null), so volume, RSI and MACD panes show.
    expect(await page.getByTestId('price-chart').getAttribute('data-panes')).toBe('3');
    expect(await page.getByTestId('chart-layer-sma_20').isChecked()).toBe(true);
    expect(await page.getByTestId('chart-layer-bollinger').isChecked()).toBe(false);

    await page.getByTestId('chart-layer-rsi').uncheck();
    await expect.poll(() => page.getByTestId('price-chart').getAttribute('data-panes')).toBe('2');
    await page.getByTestId('chart-layer-rsi').check();
    await page.getByTestId('chart-layer-bollinger').check();

    await page.getByTestId('price-mode-raw').check();
    await expect.poll(() => text('price-mode-note')).toMatch(/^Preços brutos, como negociados/);
    expect(await page.getByTestId('price-mode').getAttribute('data-mode')).toBe('raw');
    await page.getByTestId('price-mode-total_return').check();
    await expect.poll(() => text('price-mode-note')).toMatch(/^Preços ajustados/);

    // The technical summary: one session is too little data (issue 15: it said "Lateral, força 0/100,
    // Neutro"); each indicator says the window it needs.
    expect(await text('tech-span')).toBe('1 pregão, em 25/06/2021');
    expect(await page.getByTestId('tech-trend').getAttribute('data-direction')).toBe('INSUFFICIENT');
    expect(await text('tech-trend')).toBe(
      'Tendência e sinais: dados insuficientes (precisam de 20 pregões).',
    );
    await expect(page.getByTestId('tech-signal-overall').count()).resolves.toBe(0);
    expect(await text('tech-insufficient-rsi_14')).toBe('IFR 14: precisa de 15 pregões (há 1)');
    expect(await text('tech-insufficient-sma_200')).toBe('Média móvel 200: precisa de 200 pregões (há 1)');
    await page.getByTestId('tech-patterns-empty').waitFor();
  });

  it('shows the current P/L 31,03 (Fundamentus, 03/07/2026) with the undated CSV as a second source, its provenance, and no computed values without CVM filings', async () => {
    await page.locator('[data-testid="fundamentals-panel"][data-consensus-state="ready"]').waitFor();
    await page.getByTestId('fund-consensus-pl').waitFor();
    // Issue 15: the shown value is the current one (the latest dated observation), not a median; the
    // Status Invest export (P/L 39,50, no date of its own) now counts as a second source on the asset
    // page as it does in Compare and the screener, so 2 sources that disagree (58%, flagged).
    expect(await text('fund-consensus-pl')).toBe('31,03');
    expect(await page.getByTestId('fund-consensus-pl').getAttribute('data-as-of')).toBe('2026-07-03');
    expect(await page.getByTestId('fund-consensus-pl').getAttribute('data-source')).toBe('fundamentus');
    expect(await text('fund-count-pl')).toBe('2');
    expect(await text('fund-confidence-pl')).toBe('58%');
    expect(await page.getByTestId('fund-consensus-pl').getAttribute('data-discrepant')).toBe('true');
    expect(await page.getByTestId('fund-value-pl-fundamentus').textContent()).toBe('31,03');
    expect(await page.getByTestId('fund-flag-pl').count()).toBe(1);
    // In the grouped table the badges are short (the age and the sources' values in their titles).
    expect(nbsp(await text('fund-current-pl-badge'))).toBe('de 03/07/2026');
    expect(await page.getByTestId('fund-current-pl-badge').getAttribute('title')).toMatch(/\d+ dias atrás$/);
    expect(nbsp(await text('fund-current-pl-badge-spread'))).toBe('± 27%');
    // P/L sits in the valuation group, ROE in profitability (as Status Invest groups them).
    await page.getByTestId('fund-group-valuation').getByTestId('fund-row-pl').waitFor();
    await page.getByTestId('fund-group-profitability').getByTestId('fund-row-roe').waitFor();

    await page.getByTestId('fund-consensus-pl').click();
    const detail = page.getByTestId('cons-detail-pl');
    await detail.waitFor();
    expect(nbsp(await detail.getByTestId('cons-source-pl-fundamentus').textContent())).toMatch(
      /fundamentus31,03.*\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/,
    );
    await detail.getByTestId('cons-snapshot-pl-fundamentus').click();
    const box = page.locator('[data-testid^="fund-provenance-"][data-state="ready"]').first();
    await box.waitFor();
    expect(await box.getByTestId('fund-provenance-status').textContent()).toMatch(/^\d{3}$/);
    expect(await box.getByTestId('fund-provenance-fetched').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);

    // No CVM statements stored: the computed column says so, and the missing data names the job.
    expect(await text('fund-no-filings')).toMatch(/nenhuma demonstração da CVM armazenada/);
    const missing = page.getByTestId('missing-statements');
    expect(nbsp(await missing.textContent())).toMatch(
      /Faltam dados: demonstrações financeiras da CVM — rodar b3 company-profile: WEGE3/,
    );
  });

  it('queues the job that would fetch the missing filings', async () => {
    await page.getByTestId('missing-run-b3').click();
    const queued = page.getByTestId('missing-queued-b3');
    const failed = page.locator('[data-testid="missing-statements"] [data-error-code]');
    await Promise.race([queued.waitFor(), failed.waitFor()]);
    if ((await failed.count()) > 0)
      throw new Error(`jobs.create refused the job: ${await failed.textContent()}`);
    expect(await queued.textContent()).toMatch(/^Na fila \(tarefa .+\)$/);
  });

  it('shows the valuation models with their upside and inputs', async () => {
    await page.locator('[data-testid="valuation-card"][data-state="ready"]').waitFor();
    // The engine prices the newer of the last bar (2021) and the sites' quote (R$ 46,48 of
    // 2026-07-03); the card shows the price and the upsides the API computed, and no Selic is stored.
    const { valuation } = (await api('GET', '/api/analysis/stock/WEGE3/valuation')) as {
      valuation: { price: number; as_of: string; models: { model: string; upside_pct: number | null }[] };
    };
    const brl = (v: number) =>
      nbsp(new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' }).format(v));
    const [y, m, d] = valuation.as_of.split('-');
    expect(await text('val-price')).toBe(
      `Preço ${brl(valuation.price)} em ${d}/${m}/${y} · Selic indisponível: falta a série SGS 432 (Meta Selic, Banco Central)`,
    );
    // It says how to get the series it needs.
    expect(await text('val-selic-how')).toContain('b3ai scrape bcb macro-series 432');
    const upside = valuation.models.find((x) => x.model === 'graham_number')?.upside_pct ?? null;
    expect(upside).not.toBeNull();
    const pct = new Intl.NumberFormat('pt-BR', {
      style: 'percent',
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format((upside ?? 0) / 100);
    const graham = page.getByTestId('val-model-graham_number');
    expect(nbsp(await graham.textContent())).toMatch(/^Número de Graham/);
    // √(22,5 × LPA 1,50 × VPA 4,23) from the Fundamentus capture.
    expect(await text('val-value-graham_number')).toBe('R$ 11,95');
    expect(await text('val-upside-graham_number')).toBe(nbsp(pct));
    expect(await page.getByTestId('val-upside-graham_number').getAttribute('class')).toMatch(/is-down/);
    // The revised formula needs the Selic: no value, and the note says why.
    expect(await text('val-value-graham_revised')).toBe('—');
    expect(nbsp(await page.getByTestId('val-model-graham_revised').textContent())).toMatch(/Selic/);
    await page.getByTestId('val-inputs-toggle-graham_number').click();
    const inputs = nbsp(await page.getByTestId('val-inputs-graham_number').textContent());
    expect(inputs).toContain('LPAR$ 1,50');
    expect(inputs).toContain('VPAR$ 4,23');
  });

  it('lists the dividend history with a yearly total', async () => {
    await page.locator('[data-testid="dividends-history"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('div-table').getAttribute('data-rows')).toBe('159');
    const newest = nbsp(await page.getByTestId('div-row-0').textContent());
    expect(newest).toMatch(/^22\/06\/2026.*19\/06\/2026.*JCP.*R\$ 0,1044.*10\/03\/2027.*fundamentus$/);
    await page.getByTestId('div-year-2026').waitFor();
    expect(await page.locator('[data-testid^="div-row-"]').count()).toBe(20);
    await page.getByTestId('div-show-all').click();
    expect(await page.locator('[data-testid^="div-row-"]').count()).toBe(159);
    await page.getByTestId('div-show-all').click();
    await page.screenshot({ path: join(ARTIFACTS, 'analysis-WEGE3.png'), fullPage: true });
  });

  it('compares PETR4 and VALE3: one common day, rebased to 100', async () => {
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('compare-view').waitFor();
    expect(new URL(page.url()).hash).toBe('#/compare');
    await page.getByTestId('compare-input').fill('');
    await page.getByTestId('compare-run').click();
    expect(await text('compare-input-error')).toBe('Informe ao menos um ticker.');

    await page.getByTestId('compare-input').fill('petr4, VALE3');
    await page.getByTestId('compare-run').click();
    await page.locator('[data-testid="compare-view"][data-compare-state="ready"]').waitFor();
    await page.getByTestId('compare-table').waitFor();
    expect(await page.getByTestId('compare-chart').getAttribute('data-points')).toBe('1,1');
    expect(await text('compare-price-PETR4')).toBe('R$ 29,10');
    expect(await text('compare-price-VALE3')).toBe('R$ 112,40');
    expect(await text('compare-ret-since-PETR4')).toBe('0,0%');
    // One session: no trend to read (was "Lateral").
    expect(await text('compare-trend-VALE3')).toBe('—');
    // The fundamentals come from the universe (here Status Invest's export: P/L 2,72 and 3,48).
    expect(await text('compare-metric-pl-PETR4')).toBe('2,72');
    expect(await text('compare-metric-pl-VALE3')).toBe('3,48');
    expect(new URL(page.url()).hash).toBe('#/compare/PETR4,VALE3');
    await page.locator('[data-testid="compare-chart"] canvas').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'compare-PETR4-VALE3.png'), fullPage: true });

    // The route keeps the comparison across a reload.
    await page.reload();
    await ready();
    await page.locator('[data-testid="compare-view"][data-compare-state="ready"]').waitFor();
    expect(await text('compare-price-PETR4')).toBe('R$ 29,10');
  });

  it('runs the Fundamentus preset of the screener and exports the CSV', async () => {
    await page.getByTestId('nav-screener').click();
    await page.locator('[data-testid="screener-view"][data-screens-state="ready"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/screener');
    await page.getByTestId('screener-preset').selectOption('fundamentus');
    expect(await page.getByTestId('screener-cond-field-0').inputValue()).toBe('pl');
    expect(await page.getByTestId('screener-cond-op-0').inputValue()).toBe('between');
    await page.getByTestId('screener-run').click();
    await page.locator('[data-testid="screener-view"][data-screener-state="ready"]').waitFor();
    await page.getByTestId('screener-table').waitFor();
    const total = Number(await page.getByTestId('screener-total').getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    const rows = page.locator('[data-testid^="screener-row-"]');
    expect(await rows.count()).toBe(Math.min(total, 100));
    // Sorted by P/L, ascending, every one between 0 and 15 (the preset's first condition).
    const plColumn = await page.locator('[data-testid="screener-table"] thead th').allTextContents();
    const plIndex = plColumn.indexOf('P/L');
    expect(plIndex).toBeGreaterThan(0);
    // The value itself (the cell also holds the badge saying the CSV's date is unknown).
    const pls = await page
      .locator('[data-testid^="screener-pl-"]:not([data-testid$="-badge"]):not([data-testid$="-spread"])')
      .allTextContents();
    const values = pls.map((x) => Number(x.replace(/\./g, '').replace(',', '.')));
    expect(values.every((v) => v >= 0 && v <= 15)).toBe(true);
    expect([...values].sort((x, y) => x - y)).toEqual(values);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('screener-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^screener-fundamentus-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ticker;pl;pvp;roe;dy/);
    expect(lines).toHaveLength(Math.min(total, 100) + 1);
  });

  it('runs an edited screen and saves it', async () => {
    await page.getByTestId('screener-preset').selectOption('');
    await page.getByTestId('screener-add').click();
    await page.getByTestId('screener-cond-field-0').selectOption('pl');
    await page.getByTestId('screener-cond-op-0').selectOption('between');
    await page.getByTestId('screener-cond-value-0').fill('2');
    await page.getByTestId('screener-cond-value2-0').fill('3,5');
    await page.getByTestId('screener-add').click();
    await page.getByTestId('screener-cond-field-1').selectOption('roe');
    await page.getByTestId('screener-cond-op-1').selectOption('gte');
    await page.getByTestId('screener-cond-value-1').fill('x');
    await page.getByTestId('screener-run').click();
    expect(await text('screener-form-error')).toBe(
      'Condição 2: valor inválido (use números, ex.: 15 ou 0,5).',
    );
    await page.getByTestId('screener-cond-value-1').fill('39,3');
    await page.getByTestId('screener-sort-field').selectOption('pl');
    await page.getByTestId('screener-run').click();
    // PETR4 (P/L 2,72, ROE 39,35%) and VALE3 (3,48, 55,74%) of the Status Invest export pass.
    await page.getByTestId('screener-row-VALE3').waitFor();
    await page.getByTestId('screener-row-PETR4').waitFor();
    expect(nbsp(await page.getByTestId('screener-row-PETR4').textContent())).toContain('2,72');

    await page.getByTestId('screener-save-name').fill('e2e P/L de 2 a 3,5');
    await page.getByTestId('screener-save').click();
    expect(await page.getByTestId('screener-saved').textContent()).toBe('Filtro “e2e P/L de 2 a 3,5” salvo.');
    await expect.poll(() => page.getByTestId('screener-preset').inputValue()).toBe('e2e P/L de 2 a 3,5');
    await page.screenshot({ path: join(ARTIFACTS, 'screener.png'), fullPage: true });
  });

  it('reads the same P/L, with its source and date, on the asset page, in Compare and in the screener (issue 15)', async () => {
    const want = { value: '31.03', source: 'fundamentus', asOf: '2026-07-03' };
    const seen = async (testId: string) => {
      // The value once loaded (a placeholder "—" has no data-value).
      const el = page.locator(`[data-testid="${testId}"][data-value]`);
      await el.waitFor();
      return {
        value: await el.getAttribute('data-value'),
        source: await el.getAttribute('data-source'),
        asOf: await el.getAttribute('data-as-of'),
      };
    };
    await page.goto(`${serve.url}#/asset/WEGE3`);
    await ready();
    expect(await seen('asset-current-pl')).toEqual(want);
    expect(await text('asset-current-pl')).toBe('31,03');
    // The sticky header says the data's date with it.
    expect(await page.getByTestId('asset-data-date').getAttribute('data-fundamentals-as-of')).toBe(want.asOf);
    // The header's price is the current one (46,48 of 03/07/2026), not the 2021 bar (33,56).
    expect(await text('last-close')).toMatch(/^R\$ 46,48/);
    expect(await page.getByTestId('last-close').getAttribute('data-as-of')).toBe('2026-07-03');
    expect(await text('last-close-badge')).toMatch(/^de 03\/07\/2026 · \d+ pregões atrás$/);

    await page.goto(`${serve.url}#/compare/WEGE3,PETR4`);
    await ready();
    await page.locator('[data-testid="compare-view"][data-compare-state="ready"]').waitFor();
    expect(await seen('compare-metric-pl-WEGE3')).toEqual(want);
    expect(await text('compare-metric-pl-WEGE3')).toBe('31,03');
    expect(await text('compare-price-WEGE3')).toBe('R$ 46,48');
    // PETR4: one price (B3's dated close), the CSV's P/L with its unknown date said.
    expect(await text('compare-price-PETR4')).toBe('R$ 29,10');
    expect(await text('compare-metric-pl-PETR4-badge')).toBe('data desconhecida');

    await page.goto(`${serve.url}#/screener`);
    await ready();
    await page.locator('[data-testid="screener-view"][data-screens-state="ready"]').waitFor();
    await page.getByTestId('screener-preset').selectOption('');
    await page.getByTestId('screener-add').click();
    await page.getByTestId('screener-cond-field-0').selectOption('pl');
    await page.getByTestId('screener-cond-op-0').selectOption('between');
    await page.getByTestId('screener-cond-value-0').fill('31');
    await page.getByTestId('screener-cond-value2-0').fill('31,1');
    await page.getByTestId('screener-run').click();
    await page.getByTestId('screener-row-WEGE3').waitFor();
    expect(await seen('screener-pl-WEGE3')).toEqual(want);
    expect(await text('screener-pl-WEGE3')).toBe('31,03');
    await page.screenshot({ path: join(ARTIFACTS, 'current-values-screener.png'), fullPage: true });
  });

  it('speaks English too', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-screener').textContent()).toBe('Screener');
    expect(await page.getByTestId('nav-compare').textContent()).toBe('Compare');
    await page.goto(`${serve.url}#/asset/WEGE3`);
    await ready();
    await page.getByTestId('fund-consensus-pl').waitFor();
    expect(await text('fund-consensus-pl')).toBe('31.03');
    expect(await text('price-mode-note')).toMatch(/^Prices adjusted for dividends and splits/);
    expect(await text('val-value-graham_number')).toBe('R$11.95');
    await page.getByTestId('lang-switch').click();
  });

  it('ran without script errors or Content-Security-Policy violations', () => {
    const unexpected = consoleErrors.filter((m) => !/status of 404/.test(m));
    expect(unexpected).toEqual([]);
  });
});
