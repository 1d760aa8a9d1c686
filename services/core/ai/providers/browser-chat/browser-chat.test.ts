import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatSite, type ChatSite as SiteDef } from '../../../../sources/chat-sites';
import { signInProfile, startChatSite, type ChatSite } from '../../../../../test/replay/chat-site';
import { ChatBrowser } from '../../../browser/chat-browser';
import { createLogger } from '../../../logging/logger';
import { failure } from '../test-support';
import {
  createChatProvider,
  isAcknowledgement,
  promptDelivery,
  splitPrompt,
  type ChatEvidence,
} from './index';

// The browser-chat adapter against a local chat site built from each site's selectors file, in a
// real Chromium on a signed-in profile (test/replay/chat-site.ts; no real site is reached).

const FAST = { layoutMs: 1500, startMs: 5000, settleMs: 300, answerMs: 20_000, pollMs: 50 };
let dir: string;
let browser: ChatBrowser;
const sites: Record<string, ChatSite> = {};

function def(id: string): SiteDef {
  const s = chatSite(id);
  if (!s) throw new Error(id);
  return s;
}

async function site(id: string): Promise<ChatSite> {
  const d = def(id);
  const s = await startChatSite({
    selectors: d.selectors,
    cookieName: d.source.info.login!.sessionCookies[0]!,
    tokenMs: 40,
    tokenChars: 8,
    // The local site refuses a typed message longer than the limit its selectors file gives.
    maxChars: d.selectors.longPrompt.maxChars,
  });
  await signInProfile(join(dir, id), s.url);
  sites[id] = s;
  return s;
}

function provider(id: string, evidence: ChatEvidence[] = []) {
  return createChatProvider({
    site: def(id),
    baseUrl: sites[id]!.url,
    browser,
    timings: FAST,
    keepEvidence: (e) => {
      evidence.push(e);
      return { screenshot: e.screenshot !== null };
    },
    log: createLogger('test'),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'b3ai-chat-'));
  browser = new ChatBrowser({ profilesDir: dir, executablePath: '/usr/bin/chromium', pauseMs: 0 });
  for (const id of ['chatgpt', 'gemini', 'deepseek']) await site(id);
}, 60_000);

afterAll(async () => {
  await browser?.closeAll();
  await Promise.all(Object.values(sites).map((s) => s.close()));
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}, 30_000);

describe('browser-chat adapter', () => {
  it('types the prompt, follows the stream token by token and reads the JSON code block', async () => {
    const s = sites['chatgpt']!;
    s.setReply(
      () =>
        `${'Segue a análise pedida, com os dados citados. '.repeat(4)}\n\`\`\`json\n{"ok": true, "n": 42}\n\`\`\`\nBoa análise.`,
    );
    const p = provider('chatgpt');
    const chunks: string[] = [];
    try {
      const r = await p.chat({
        messages: [
          { role: 'system', content: 'Você é um analista.' },
          { role: 'user', content: 'Analise WEGE3.' },
        ],
        onText: (c) => chunks.push(c),
      });
      expect(r.text).toBe('{"ok": true, "n": 42}\n');
      expect(r.model).toBe('chatgpt-web');
      expect(chunks.length).toBeGreaterThan(1);
      // A contenteditable box keeps paragraphs, with its own line breaks.
      expect(s.prompts.at(-1)?.text.replace(/\n+/g, '\n')).toBe('Você é um analista.\nAnalise WEGE3.');
      // The repair round is a follow-up in the same conversation: only the new message is sent.
      s.setReply(() => '{"fixed": true}');
      const again = await p.chat({
        messages: [
          { role: 'system', content: 'Você é um analista.' },
          { role: 'user', content: 'Analise WEGE3.' },
          { role: 'assistant', content: r.text },
          { role: 'user', content: 'Corrija.' },
        ],
      });
      expect(again.text).toBe('{"fixed": true}');
      expect(s.prompts.at(-1)?.text).toBe('Corrija.');
    } finally {
      await p.close();
    }
  });

  it('a site that takes files gets a long prompt as an attached text file', async () => {
    const s = sites['chatgpt']!;
    s.setReply(() => '{"long": true}');
    const long = 'linha de dados\n'.repeat(2500);
    const p = provider('chatgpt');
    expect(p.longPrompt).toEqual({ mode: 'attach', maxChars: 30_000 });
    expect(promptDelivery(def('chatgpt'), long)).toEqual({ mode: 'attach', parts: 1 });
    const n = s.prompts.length;
    const r = await p.chat({ messages: [{ role: 'user', content: long }] }).finally(() => p.close());
    expect(r.text).toBe('{"long": true}');
    // One message: the file holds the whole prompt, the typed text (within the limit) points to it.
    expect(s.prompts.slice(n)).toHaveLength(1);
    expect(s.prompts.at(-1)?.file).toBe(long);
    expect(s.prompts.at(-1)?.text).toMatch(/arquivo anexo pedido\.txt/);
    expect(s.refused).toEqual([]);
  });

  it('the local site enforces its limit: a typed message longer than it is refused, never sent', async () => {
    const s = sites['deepseek']!;
    const max = def('deepseek').selectors.longPrompt.maxChars;
    const b = new ChatBrowser({ profilesDir: dir, executablePath: '/usr/bin/chromium', pauseMs: 0 });
    await browser.close('deepseek');
    const lease = await b.lease('deepseek');
    try {
      const page = lease.page;
      await page.goto(`${s.url}${def('deepseek').selectors.newChatPath}`);
      const n = s.prompts.length;
      await page.fill(def('deepseek').selectors.selectors.input, 'x'.repeat(max + 1));
      await page.click(def('deepseek').selectors.selectors.send);
      await page.locator('#too-long').waitFor({ state: 'visible' });
      await expect.poll(() => s.refused.at(-1)).toBe(max + 1);
      expect(s.prompts.length).toBe(n);
    } finally {
      await lease.release();
      await b.closeAll();
    }
  });

  it('a site that limits the length gets a long prompt in parts, each sent after the last one was acknowledged', async () => {
    const s = sites['gemini']!;
    s.setReply((text) =>
      /^Parte \d de 3 d/.test(text) ? 'OK, aguardo a próxima parte.' : '{"split": true}',
    );
    const long = 'linha de dados\n'.repeat(3400);
    const max = def('gemini').selectors.longPrompt.maxChars;
    expect(splitPrompt(long, max - 200).join('')).toBe(long);
    const p = provider('gemini');
    expect(p.longPrompt).toEqual({ mode: 'split', maxChars: max });
    expect(promptDelivery(def('gemini'), long)).toEqual({ mode: 'split', parts: 3 });
    const n = s.prompts.length;
    const r = await p.chat({ messages: [{ role: 'user', content: long }] }).finally(() => p.close());
    expect(r.text).toBe('{"split": true}');
    const sent = s.prompts.slice(n);
    expect(sent.map((x) => x.text.slice(0, 14))).toEqual([
      'Parte 1 de 3 d',
      'Parte 2 de 3 d',
      'Parte 3 de 3 (',
    ]);
    // Every part fit the site's limit (it refused none), and together they are the whole prompt.
    expect(s.refused).toEqual([]);
    expect(sent.every((x) => x.text.length <= max)).toBe(true);
    // (Gemini's box is contenteditable: it writes the line breaks its own way.)
    const lines = (t: string): string => t.replace(/\n+/g, '\n').trim();
    expect(lines(sent.map((x) => x.text.replace(/^Parte [^\n]*\n+/, '')).join('\n'))).toBe(lines(long));
    // Each part went only once the site had finished acknowledging the one before.
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at).toBeGreaterThanOrEqual(sent[i - 1]!.answered!);
  });

  it('a part the site does not acknowledge stops the long prompt there, saying so', async () => {
    const s = sites['gemini']!;
    s.setReply(() => 'Claro! Aqui vai uma análise preliminar da WEGE3, com base no que recebi até agora.');
    const long = 'linha de dados\n'.repeat(3400);
    const n = s.prompts.length;
    const e = await failure(provider('gemini').chat({ messages: [{ role: 'user', content: long }] }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toMatch(/^gemini: the site did not acknowledge part 1 of 3 of the long prompt/);
    expect(e.details).toMatchObject({ long_prompt: 'split', part: 1, parts: 3 });
    expect(s.prompts.slice(n).map((x) => x.text.slice(0, 12))).toEqual(['Parte 1 de 3']);
  });

  it('an acknowledgement is a short OK, not an answer', () => {
    expect(isAcknowledgement('OK')).toBe(true);
    expect(isAcknowledgement(' ok, aguardo a próxima parte.\n')).toBe(true);
    expect(isAcknowledgement('Entendido.')).toBe(false);
    expect(isAcknowledgement('{"summary": "ok"}'.padEnd(300, ' x'))).toBe(false);
    expect(isAcknowledgement('Bookkeeping')).toBe(false);
  });

  it("the site's usage-limit message is RATE_LIMITED (try later)", async () => {
    const s = sites['deepseek']!;
    s.rateLimit(true);
    const e = await failure(provider('deepseek').chat({ messages: [{ role: 'user', content: 'oi' }] }));
    s.rateLimit(false);
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.message).toMatch(/deepseek: .*limit.*try again later/);
  });

  it('a changed layout is LAYOUT_CHANGED naming the site and the selector, with a screenshot kept', async () => {
    const evidence: ChatEvidence[] = [];
    const s = await startChatSite({
      selectors: def('chatgpt').selectors,
      cookieName: '__Secure-next-auth.session-token',
    });
    const old = sites['chatgpt']!;
    sites['chatgpt'] = s;
    try {
      await browser.close('chatgpt');
      await signInProfile(join(dir, 'chatgpt'), s.url);
      s.changeLayout();
      const e = await failure(
        provider('chatgpt', evidence).chat({ messages: [{ role: 'user', content: 'oi' }] }),
      );
      expect(e.code).toBe('LAYOUT_CHANGED');
      expect(e.message).toMatch(/^chatgpt: .*selector "input" \(div#prompt-textarea\)/);
      expect(e.details).toMatchObject({ site: 'chatgpt', selector: 'input', screenshot: true });
      expect(evidence[0]?.screenshot?.subarray(1, 4).toString()).toBe('PNG');
      expect(evidence[0]?.html).toContain('composer-v2');
    } finally {
      sites['chatgpt'] = old;
      await s.close();
    }
  });

  it('an expired session is UNAUTHORIZED with the sign-in to redo', async () => {
    const s = sites['deepseek']!;
    s.expire();
    const e = await failure(provider('deepseek').chat({ messages: [{ role: 'user', content: 'oi' }] }));
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.details).toMatchObject({ signin: '/api/scrapers/deepseek/login' });
  });

  it('one conversation at a time per site, with a pause between prompts', async () => {
    await browser.close('gemini');
    const b = new ChatBrowser({ profilesDir: dir, executablePath: '/usr/bin/chromium', pauseMs: 400 });
    try {
      const first = await b.lease('gemini');
      const t0 = Date.now();
      let second = 0;
      const waiting = b.lease('gemini').then(async (l) => {
        second = Date.now();
        await l.release();
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(second).toBe(0);
      await first.release();
      const released = Date.now();
      await waiting;
      expect(second - released).toBeGreaterThanOrEqual(380);
      expect(second - t0).toBeGreaterThanOrEqual(680);
    } finally {
      await b.closeAll();
    }
  });
});
