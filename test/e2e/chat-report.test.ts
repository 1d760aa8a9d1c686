import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatSite } from '../../services/sources/chat-sites';
import { signInProfile, startChatSite, type ChatSite } from '../replay/chat-site';
import { ingestWege3, nbsp } from './ai-data';
import { closeAppSession, openAppSession, type AppSession } from './app-session';

/**
 * A report written by a chat site from the Reports view: `b3ai serve` drives the local chat site
 * (built from ChatGPT's selectors file) in Chromium on the data dir's signed-in profile; the answer
 * streams into the progress panel, and the report says which site and model wrote it.
 */
describe('a chat-site report from the Reports view', () => {
  let session: AppSession;
  let page: Page;
  let site: ChatSite;

  const text = async (testId: string) => nbsp(await page.getByTestId(testId).first().textContent());

  beforeAll(async () => {
    const def = chatSite('chatgpt')!;
    site = await startChatSite({
      selectors: def.selectors,
      cookieName: def.source.info.login!.sessionCookies[0]!,
      tokenMs: 40,
      tokenChars: 12,
    });
    site.setReply(
      () =>
        `Segue o relatório.\n\`\`\`json\n${JSON.stringify(
          {
            summary: 'A WEG é muito rentável e tem caixa líquido, mas negocia bem acima do preço justo.',
            sentiment: 'NEUTRO',
            recommendation: 'MANTER',
            strengths: [
              { text: 'ROE elevado', citations: ['fund.roe'] },
              { text: 'ROIC alto', citations: ['fund.roic'] },
              { text: 'Caixa líquido', citations: ['fund.net_debt_to_equity'] },
            ],
            risks: [
              { text: 'P/L alto', citations: ['fund.pl'] },
              { text: 'P/VP alto', citations: ['fund.pvp'] },
              { text: 'Acima do número de Graham', citations: ['val.graham_number', 'price.last'] },
            ],
            target_prices: { conservative: 36, moderate: 44, optimistic: 52 },
            citations: ['price.last', 'fund.pl'],
          },
          null,
          2,
        )}\n\`\`\`\n`,
    );
    session = await openAppSession('b3ai-e2e-chat-', { width: 1400, height: 1000 }, async (dataDir) => {
      writeFileSync(
        join(dataDir, 'config.json'),
        JSON.stringify({
          browser: { executablePath: '/usr/bin/chromium' },
          sources: { chatgpt: { baseUrl: site.url } },
        }),
      );
      await signInProfile(join(dataDir, 'browser', 'chatgpt'), site.url);
    });
    page = session.page;
    await ingestWege3(session);
  });

  afterAll(async () => {
    const code = await closeAppSession(session);
    await site?.close();
    expect(code).toBe(0);
  });

  it('Settings shows each chat site with its sign-in state beside the API providers', async () => {
    await page.goto(`${session.serve.url}#/settings`);
    await page.getByTestId('chat-row-chatgpt').waitFor();
    expect(await page.getByTestId('chat-state-chatgpt').getAttribute('data-state')).toBe('signed-in');
    expect(await text('chat-state-chatgpt')).toBe('Conectado');
    for (const id of ['gemini', 'deepseek', 'claude', 'grok'])
      expect(await page.getByTestId(`chat-state-${id}`).getAttribute('data-state')).toBe('not-signed-in');
    expect(await page.locator('[data-testid^="provider-row-"]').count()).toBe(1);
  });

  it('generates WEGE3 with ChatGPT: the answer streams in, the report names the site and its terms', async () => {
    await page.goto(`${session.serve.url}#/reports`);
    await page.locator('[data-testid="reports-model"][data-state="ready"]').waitFor();
    const options = await page.locator('[data-testid="reports-model"] option').allTextContents();
    expect(options).toContain('ChatGPT (sua sessão)');
    await page.getByTestId('reports-model').selectOption('chatgpt');
    await page.getByTestId('reports-ticker').fill('wege3');
    await page.getByTestId('reports-generate').click();
    // The answer's characters appear while the site streams them.
    const streaming = page.getByTestId('progress-text-chatgpt');
    await streaming.waitFor({ timeout: 60_000 });
    expect(await streaming.textContent()).toMatch(/Segue o relatório/);
    const card = page.getByTestId('report-card');
    await card.waitFor({ timeout: 90_000 });
    expect(await card.getAttribute('data-kind')).toBe('model');
    expect(await page.getByTestId('progress-chatgpt').getAttribute('data-stage')).toBe('stored');
    expect(await page.getByTestId('report-recommendation').getAttribute('data-recommendation')).toBe(
      'MANTER',
    );
    expect(await page.getByTestId('report-author').getAttribute('data-provider')).toBe('browser-chat');
    expect(await text('report-author')).toContain(
      'Escrito no ChatGPT (modelo chatgpt-web), na sua sessão do navegador',
    );
    expect(await text('report-chat-note')).toMatch(
      /^Gerado na sua própria sessão do ChatGPT, com a sua conta; os termos de uso do ChatGPT se aplicam/,
    );
    expect(await page.getByTestId('report-chat-terms').getAttribute('href')).toBe(
      'https://openai.com/policies/terms-of-use',
    );
    // The site received the report prompt (ChatGPT takes a long one as an attached file).
    const sent = site.prompts.at(-1)!;
    expect(`${sent.text}\n${sent.file ?? ''}`).toContain('Escreva um relatório de análise da ação WEGE3');
    await page.screenshot({ path: 'test-results/e2e/chat-report.png', fullPage: true });
  });
});
