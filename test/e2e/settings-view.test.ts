import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestModelServer } from '../../services/core/ai/providers/test-model-server';
import { api, ingestWege3, nbsp, overflowX, SERVER_MODEL, startModelServer } from './ai-data';
import { ARTIFACTS, closeAppSession, openAppSession, type AppSession } from './app-session';

const GOOD_KEY = 'sk-e2e-good-4f1c9a7b2d';
const BAD_KEY = 'sk-e2e-refused-88aa11';

/**
 * The Settings view (model providers) and the Reports view with those models, against the real
 * `b3ai serve` and a real local model server in this process (TestModelServer: the OpenAI and
 * Anthropic wire formats, 401 for any key but GOOD_KEY). WEGE3 is stored from the real Fundamentus
 * captures through the API.
 */
describe('model providers in Settings, and reports written by them, in Chromium against b3ai serve', () => {
  let session: AppSession;
  let page: Page;
  let models: TestModelServer;
  /** Every JSON answer the page got from the API, to prove no key ever came back. */
  const answers: string[] = [];

  const text = async (testId: string) => nbsp(await page.getByTestId(testId).first().textContent());
  const ready = () => page.locator('[data-app-state="ready"]').waitFor();

  beforeAll(async () => {
    // The model server answers the OpenAI models with MANTER and the Anthropic one with COMPRA.
    models = await startModelServer(GOOD_KEY, (r) => (r.path.endsWith('/messages') ? 'COMPRA' : 'MANTER'));
    session = await openAppSession('b3ai-e2e-settings-', { width: 1400, height: 1000 });
    page = session.page;
    page.on('response', (res) => {
      const type = res.headers()['content-type'] ?? '';
      if (res.url().includes('/api/') && type.includes('json'))
        void res.text().then(
          (t) => answers.push(t),
          () => undefined,
        );
    });
    await ingestWege3(session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    await models?.stop();
    expect(code).toBe(0);
  });

  async function addProvider(p: {
    id: string;
    kind: 'openai' | 'anthropic';
    baseUrl: string;
    model: string;
    key: string;
  }): Promise<void> {
    await page.getByTestId('provider-add').click();
    const form = page.getByTestId('provider-form');
    await form.waitFor();
    await page.getByTestId('provider-id').fill(p.id);
    await page.getByTestId('provider-base-url').fill(p.baseUrl);
    expect(await page.getByTestId('provider-preset').inputValue()).toBe('');
    await page.getByTestId('provider-kind').selectOption(p.kind);
    await page.getByTestId('provider-model').fill(p.model);
    await page.getByTestId('provider-api-key').fill(p.key);
    expect(await page.getByTestId('provider-api-key').getAttribute('type')).toBe('password');
    await page.getByTestId('provider-save').click();
    await form.waitFor({ state: 'detached' });
    expect(await text('provider-saved')).toBe(`Modelo ${p.id} salvo.`);
    await page.getByTestId(`provider-row-${p.id}`).waitFor();
  }

  it('lists the built-in rule-based writer as the default model', async () => {
    await page.goto(`${session.serve.url}#/settings`);
    await ready();
    await page.locator('[data-testid="settings-view"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-testid^="provider-row-"]').count()).toBe(1);
    expect(await text('provider-row-rules')).toMatch(/^rules padrão\s*Integrado\s*rules-v2/);
    expect(await text('provider-default-rules')).toBe('padrão');
    await expect(page.getByTestId('provider-test-rules').count()).resolves.toBe(0);
  });

  it('shows what is wrong with a provider, field by field, and saves nothing', async () => {
    await page.getByTestId('provider-add').click();
    await page.getByTestId('provider-id').fill('meu modelo');
    await page.getByTestId('provider-model').fill('gpt-e2e');
    await page.getByTestId('provider-temperature').fill('quente');
    await page.getByTestId('provider-save').click();
    // Numbers are checked here, before anything is sent…
    expect(await text('provider-issue-temperature')).toBe('não é um número: quente');
    await page.getByTestId('provider-temperature').fill('0,3');
    await page.getByTestId('provider-save').click();
    // …the rest by the API, whose message shows under the field it names.
    const issue = page.getByTestId('provider-issue-id');
    await issue.waitFor();
    expect(await text('provider-issue-id')).toMatch(/^expected a model id such as local-llama/);
    expect(await page.getByTestId('provider-form-error').getAttribute('data-error-code')).toBe(
      'INVALID_INPUT',
    );
    await expect(page.getByTestId('provider-issue-temperature').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-provider-invalid.png'), fullPage: true });
    await page.getByTestId('provider-cancel').click();
    expect(await page.locator('[data-testid^="provider-row-"]').count()).toBe(1);
  });

  it('adds an OpenAI-compatible provider with a key that never shows again', async () => {
    await addProvider({
      id: 'e2e-openai',
      kind: 'openai',
      baseUrl: `${models.url}/v1`,
      model: 'gpt-e2e',
      key: GOOD_KEY,
    });
    const key = page.getByTestId('provider-key-e2e-openai');
    expect(await key.getAttribute('data-has-key')).toBe('true');
    expect(await text('provider-key-e2e-openai')).toBe('chave salva (arquivo de chave 0600)');
    expect(await text('provider-row-e2e-openai')).toContain(`gpt-e2e${models.url}/v1`);

    // Editing starts with an empty key field: the stored key is kept unless a new one is typed.
    await page.getByTestId('provider-edit-e2e-openai').click();
    await page.getByTestId('provider-form').waitFor();
    expect(await page.getByTestId('provider-id').inputValue()).toBe('e2e-openai');
    expect(await page.getByTestId('provider-api-key').inputValue()).toBe('');
    expect(await page.getByTestId('provider-api-key').getAttribute('placeholder')).toBe(
      'chave salva: deixe em branco para mantê-la',
    );
    expect(await text('provider-key-saved')).toBe('chave salva');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-provider-edit.png'), fullPage: true });
    // Saving another field (a decimal comma) leaves the stored key alone.
    await page.getByTestId('provider-temperature').fill('0,5');
    await page.getByTestId('provider-save').click();
    await page.getByTestId('provider-form').waitFor({ state: 'detached' });
    expect(await key.getAttribute('data-has-key')).toBe('true');

    expect(await page.content()).not.toContain(GOOD_KEY);
    const listed = (await api(session, 'GET', '/api/analysis/ai/models')) as {
      models: { id: string; has_key: boolean; temperature: number | null }[];
    };
    expect(listed.models.find((m) => m.id === 'e2e-openai')).toMatchObject({
      has_key: true,
      temperature: 0.5,
    });
    expect(JSON.stringify(listed)).not.toContain(GOOD_KEY);
    // Nor is it kept in clear in the data dir.
    const files = readdirSync(join(session.dataDir), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && /\.json$/.test(f.name))
      .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'));
    expect(files.some((f) => f.includes(GOOD_KEY))).toBe(false);
  });

  it('tests the connection: ok against the model server', async () => {
    await page.getByTestId('provider-test-e2e-openai').click();
    const result = page.getByTestId('provider-test-result-e2e-openai');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(await text('provider-test-result-e2e-openai')).toMatch(
      new RegExp(`^OK em \\d+ ms · ${SERVER_MODEL} · ok$`),
    );
    const last = models.requests.at(-1);
    expect(last?.path).toBe('/v1/chat/completions');
    expect(last?.headers.authorization).toBe(`Bearer ${GOOD_KEY}`);
  });

  it('tests a provider whose key the server refuses (401) and shows the error, without the key', async () => {
    await addProvider({
      id: 'e2e-badkey',
      kind: 'openai',
      baseUrl: `${models.url}/v1`,
      model: 'gpt-e2e',
      key: BAD_KEY,
    });
    await page.getByTestId('provider-test-e2e-badkey').click();
    const result = page.getByTestId('provider-test-result-e2e-badkey');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    const shown = await text('provider-test-result-e2e-badkey');
    expect(shown).toMatch(/^Falhou em \d+ ms · PROVIDER_UNAUTHORIZED: .*401/);
    expect(shown).not.toContain(BAD_KEY);
    // The long error wraps inside the table instead of running off its right edge.
    expect(await overflowX(page, '.jobs-table-wrap')).toBe(0);
    expect(models.requests.at(-1)?.headers.authorization).toBe(`Bearer ${BAD_KEY}`);
  });

  it('adds an Anthropic provider, which answers the test too', async () => {
    await addProvider({
      id: 'e2e-claude',
      kind: 'anthropic',
      baseUrl: models.url,
      model: 'claude-e2e',
      key: GOOD_KEY,
    });
    await page.getByTestId('provider-test-e2e-claude').click();
    await page.getByTestId('provider-test-result-e2e-claude').waitFor();
    expect(await page.getByTestId('provider-test-result-e2e-claude').getAttribute('data-ok')).toBe('true');
    expect(models.requests.at(-1)?.path).toBe('/v1/messages');
    expect(models.requests.at(-1)?.headers['x-api-key']).toBe(GOOD_KEY);
    expect(await page.locator('[data-testid^="provider-row-"]').count()).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS, 'settings-providers.png'), fullPage: true });
  });

  it('writes a report with the OpenAI-compatible model, streamed, on #/reports', async () => {
    await page.getByTestId('nav-reports').click();
    await page.locator('[data-testid="reports-model"][data-state="ready"]').waitFor();
    const options = await page.locator('[data-testid="reports-model"] option').allTextContents();
    expect(options).toEqual([
      'Regras (offline) — padrão',
      'e2e-openai (gpt-e2e)',
      'e2e-badkey (gpt-e2e)',
      'e2e-claude (claude-e2e)',
      'Todos os modelos',
    ]);
    await page.getByTestId('reports-ticker').fill('WEGE3');
    // A rule-based report first, for the consensus below.
    await page.getByTestId('reports-generate').click();
    await page.locator('[data-testid="report-card"][data-kind="rule-based"]').waitFor();

    await page.getByTestId('reports-model').selectOption('e2e-openai');
    await page.getByTestId('reports-generate').click();
    // Streamed 90 characters every 40 ms: the progress counts what arrived while it is written.
    await page.getByTestId('progress-chars-e2e-openai').waitFor();
    await page.locator('[data-testid="report-card"][data-kind="model"]').waitFor();
    await expect
      .poll(() => page.getByTestId('progress-e2e-openai').getAttribute('data-stage'))
      .toBe('stored');
    expect(
      Number(await page.getByTestId('progress-chars-e2e-openai').getAttribute('data-chars')),
    ).toBeGreaterThan(200);
    expect(await text('report-kind')).toBe('Modelo de linguagem');
    expect(await text('report-model')).toBe('e2e-openai · gpt-e2e');
    expect(await text('report-recommendation')).toMatch(/MANTER$/);
    expect(await text('report-summary')).toMatch(/^ResumoResumo do modelo de teste/);
    expect(await text('report-risks-0')).toMatch(/^P\/L de 31 \(modelo de teste\)\./);
    expect(await page.getByTestId('report-target-moderate').getAttribute('data-value')).toBe('44');
    expect(await text('report-upside-moderate')).toBe('(-5,3%)');
    await expect(page.getByTestId('report-flags').count()).resolves.toBe(0);
    const asked = models.requests.at(-1);
    expect(asked?.path).toBe('/v1/chat/completions');
    expect((asked?.json as { stream?: boolean }).stream).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-model-WEGE3.png'), fullPage: true });
  });

  it('asks every model at once: the reports, the refused one’s error and the consensus', async () => {
    await page.getByTestId('reports-model').selectOption('all');
    await page.getByTestId('reports-generate').click();
    await page.getByTestId('reports-gen-errors').waitFor();
    expect(await page.getByTestId('gen-error-e2e-badkey').getAttribute('data-error-code')).toBe(
      'PROVIDER_UNAUTHORIZED',
    );
    await expect
      .poll(() => page.getByTestId('reports-progress-panel').getAttribute('data-generating'))
      .toBe('false');
    expect(await page.getByTestId('progress-e2e-openai').getAttribute('data-stage')).toBe('stored');
    expect(await page.getByTestId('progress-e2e-claude').getAttribute('data-stage')).toBe('stored');
    expect(await page.getByTestId('progress-e2e-badkey').getAttribute('data-stage')).toBe('failed');

    // The latest of each model: rules (VENDA since rules-v2, issue 15: every target below the price),
    // e2e-openai (MANTER) and e2e-claude (COMPRA): a three-way tie goes to the cautious MANTER.
    const body = page.getByTestId('consensus-body');
    await body.waitFor();
    await expect.poll(() => text('consensus-votes')).toBe('COMPRA 1 · MANTER 1 · VENDA 1');
    expect(await page.getByTestId('consensus-recommendation').getAttribute('data-recommendation')).toBe(
      'MANTER',
    );
    expect(await text('reports-consensus')).toContain('3 relatórios: o mais recente de cada modelo');
    expect(
      Number(await page.getByTestId('consensus-common-strengths').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    // Five reports so far: rules, e2e-openai, then (`all`) e2e-openai again, e2e-claude and rules again.
    await expect.poll(() => page.locator('[data-testid^="history-row-"]').count()).toBe(5);
    expect(await page.getByTestId('consensus-strength').getAttribute('data-strength')).toBe('moderate');
    expect(await text('consensus-confidence')).toBe('confiança 67%');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-consensus.png'), fullPage: true });
  });

  it('diffs the rule-based report against the Anthropic model’s: same data, other model, other call', async () => {
    const rowLocators = await page.locator('[data-testid^="history-row-"]').all();
    const rows = await Promise.all(
      rowLocators.map(async (l) => ({
        id: (await l.getAttribute('data-testid'))?.slice('history-row-'.length),
        text: await l.textContent(),
      })),
    );
    // The first rule-based report (rows are newest first; `all` wrote another after e2e-claude's).
    const rules = rows.filter((r) => r.text?.includes('Relatório por regras')).at(-1)?.id;
    const claude = rows.find((r) => r.text?.includes('e2e-claude'))?.id;
    expect(rules && claude).toBeTruthy();
    await page.getByTestId(`history-select-${rules}`).check();
    await page.getByTestId(`history-select-${claude}`).check();
    await page.locator('[data-testid="reports-diff"][data-state="ready"]').waitFor();
    // The long parameters wrap: the page never grows wider than the window.
    expect(await overflowX(page, 'html')).toBe(0);
    expect(await text('diff-same')).toBe('mesmos dados · prompt diferente · modelos diferentes');
    expect(nbsp(await page.getByTestId('diff-change-recommendation').textContent())).toBe(
      'recommendationVENDACOMPRA',
    );
    expect(await text('diff-change-target_prices.moderate')).toMatch(
      /^target_prices\.moderateR\$ \d+,\d\dR\$ 44,00$/,
    );
    expect(Number(await page.getByTestId('diff-strengths-added').getAttribute('data-count'))).toBe(3);
    // Objects read as pairs, not as one line of JSON.
    expect(await text('diff-change-model')).toBe(
      'modelid: rules · provider: rules · name: rules-v2id: e2e-claude · provider: anthropic · name: claude-e2e',
    );
    expect(await text('diff-change-params')).toContain(`base_url: ${models.url}`);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-diff-models.png'), fullPage: true });
  });

  it('deletes the providers, after a confirmation', async () => {
    await page.getByTestId('nav-settings').click();
    await page.locator('[data-testid="settings-view"][data-state="ready"]').waitFor();
    for (const id of ['e2e-badkey', 'e2e-claude', 'e2e-openai']) {
      await page.getByTestId(`provider-delete-${id}`).click();
      await page.getByTestId(`provider-delete-confirm-${id}`).click();
      await page.getByTestId(`provider-row-${id}`).waitFor({ state: 'detached' });
    }
    expect(await page.locator('[data-testid^="provider-row-"]').count()).toBe(1);
    const { models: left } = (await api(session, 'GET', '/api/analysis/ai/models')) as {
      models: { id: string; provider: string }[];
    };
    // The chat sites stay listed (not signed in here): they are not configured, only signed in to.
    expect(left.filter((m) => m.provider !== 'browser-chat').map((m) => m.id)).toEqual(['rules']);
    expect(left.filter((m) => m.provider === 'browser-chat').map((m) => m.id)).toEqual([
      'chatgpt',
      'gemini',
      'deepseek',
      'claude',
      'grok',
    ]);
  });

  it('never received a key from the API, and ran without script errors', () => {
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((a) => a.includes(GOOD_KEY) || a.includes(BAD_KEY))).toEqual([]);
    // ai.consensus answers 404 (NOT_FOUND) before the first report and the refused save 400
    // (INVALID_INPUT): Chromium logs those as failed loads. Exactly one 400.
    expect(session.consoleErrors.filter((m) => /status of 400/.test(m))).toHaveLength(1);
    const unexpected = session.consoleErrors.filter((m) => !/status of (400|404)/.test(m));
    expect(unexpected).toEqual([]);
  });
});
