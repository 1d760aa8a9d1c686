import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Job, MethodName, Output } from '../../services/contract';
import { startCore, type Core } from '../../services/core/app';
import { hasScreenshot, vaultDir } from '../../services/core/sources/vault-files';
import { openaiWhole, TestModelServer } from '../../services/core/ai/providers/test-model-server';
import { chatSite } from '../../services/sources/chat-sites';
import { fixture, RESOURCES_DIR } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';
import { signInProfile, startChatSite, type ChatSite } from '../replay/chat-site';

// The browser-chat model kind end to end: reports of WEGE3 (from the real Fundamentus captures)
// written by two local chat sites built from ChatGPT's and Claude's selectors files, driven in a real
// Chromium on the data dir's signed-in profiles, through the same pipeline as the API models.

let dataDir: string;
let core: Core;
// DeepSeek's local site runs too, but its profile is never signed in: `all` skips it, with why.
const sites = {} as Record<'chatgpt' | 'claude' | 'deepseek', ChatSite>;
let api: TestModelServer;

async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.call(method, input);
  if (!r.ok)
    throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), {
      code: r.error.code,
      details: r.error.details,
    });
  return r.data as Output<M>;
}

async function waitJob(id: string, done: (j: Job) => boolean): Promise<Job> {
  for (let i = 0; i < 1200; i++) {
    const { job } = await call('jobs.get', { job_id: id });
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not get there`);
}

/** A valid report body citing WEGE3's data points (one unknown id when asked), as JSON. */
function body(recommendation = 'MANTER', unknownId = false): string {
  const body = {
    summary: 'A WEG tem rentabilidade alta, mas o preço já embute muito crescimento.',
    sentiment: 'NEUTRO',
    recommendation,
    strengths: [
      { text: 'ROE elevado', citations: ['fund.roe'] },
      { text: 'ROIC alto', citations: ['fund.roic'] },
      { text: 'Caixa líquido', citations: unknownId ? ['fund.not_a_point'] : ['fund.net_debt_to_equity'] },
    ],
    risks: [
      { text: 'P/L alto', citations: ['fund.pl'] },
      { text: 'P/VP alto', citations: ['fund.pvp'] },
      { text: 'Preço acima do número de Graham', citations: ['val.graham_number', 'price.last'] },
    ],
    target_prices: { conservative: 36, moderate: 44, optimistic: 52 },
    citations: ['price.last', 'fund.pl'],
  };
  return JSON.stringify(body, null, 2);
}

/** The same, as a chat model writes it: a sentence, then the JSON in a code block. */
function answer(recommendation = 'MANTER', unknownId = false): string {
  return `Aqui está o relatório pedido:\n\`\`\`json\n${body(recommendation, unknownId)}\n\`\`\`\n`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-chat-'));
  for (const id of ['chatgpt', 'claude', 'deepseek'] as const) {
    const def = chatSite(id)!;
    sites[id] = await startChatSite({
      selectors: def.selectors,
      cookieName: def.source.info.login!.sessionCookies[0]!,
      tokenMs: 10,
      tokenChars: 40,
    });
    // What the user does in the sign-in window (Data Sources → Entrar), on the data dir's profile.
    if (id !== 'deepseek') await signInProfile(join(dataDir, 'browser', id), sites[id].url);
  }
  api = await new TestModelServer().start();
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({
      browser: { executablePath: '/usr/bin/chromium' },
      sources: {
        chatgpt: { baseUrl: sites.chatgpt.url },
        claude: { baseUrl: sites.claude.url },
        deepseek: { baseUrl: sites.deepseek.url },
      },
    }),
  );
  core = await startCore({
    dataDir,
    run: true,
    scheduler: false,
    workers: { size: 1 },
    pgTemplate: await pgTemplate(),
    chat: {
      browser: { pauseMs: 0 },
      timings: { layoutMs: 2000, startMs: 10_000, settleMs: 400, answerMs: 60_000, pollMs: 50 },
    },
  });
  await call('sources.ingest', {
    source: 'fundamentus',
    model: 'fundamentals',
    file: fixture('fundamentus', 'wege3_details.html'),
    ticker: 'WEGE3',
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await Promise.all(Object.values(sites).map((s) => s.close()));
  await api?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}, 60_000);

describe('browser-chat models', () => {
  it('lists the five chat sites beside the API models, enabled where signed in', async () => {
    const { models } = await call('ai.models', {});
    const chat = models.filter((m) => m.provider === 'browser-chat');
    expect(chat.map((m) => [m.id, m.chat?.state, m.enabled])).toEqual([
      ['chatgpt', 'signed-in', true],
      ['gemini', 'not-signed-in', false],
      ['deepseek', 'not-signed-in', false],
      ['claude', 'signed-in', true],
      ['grok', 'not-signed-in', false],
    ]);
    expect(chat[0]).toMatchObject({ base_url: sites.chatgpt.url, has_key: false, chat: { name: 'ChatGPT' } });
  });

  it('writes a full report through ChatGPT: schema-valid, citations checked, stored with prompt and raw answer', async () => {
    sites.chatgpt.setReply(() => answer('MANTER', true));
    const streamed: string[] = [];
    const off = core.events.subscribe((name, p) => {
      const e = p as { model: string; stage: string; text?: string };
      if (name === 'ai.progress' && e.model === 'chatgpt' && e.stage === 'streaming')
        streamed.push(e.text ?? '');
    });
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'CHATGPT' });
    off();
    const r = out.reports[0]!;
    expect(r.kind).toBe('model');
    expect(r.model).toEqual({ id: 'chatgpt', provider: 'browser-chat', name: 'chatgpt-web' });
    expect(r.report.recommendation).toBe('MANTER');
    expect(r.attempts).toBe(1);
    expect(r.flags.map((f) => [f.kind, f.citation])).toEqual([['unknown_citation', 'fund.not_a_point']]);
    expect(r.params).toMatchObject({ site: 'chatgpt', site_name: 'ChatGPT', long_prompt: 'attach' });
    expect(String(r.params['raw_answer'])).toContain('"recommendation": "MANTER"');
    // The prompt stored is the one the site received (ChatGPT takes a long one as an attached file).
    const sent = sites.chatgpt.prompts.at(-1)!;
    expect(`${sent.text}\n${sent.file ?? ''}`).toContain('Escreva um relatório de análise da ação WEGE3');
    expect(r.prompt).toContain('Escreva um relatório de análise da ação WEGE3');
    expect(r.input_hash).toMatch(/^[0-9a-f]{64}$/);
    // The answer's characters reached the progress events as they streamed.
    expect(streamed.join('')).toContain('Aqui está o relatório');
    const again = await call('ai.report', { id: r.id });
    expect(again.params['raw_answer']).toBe(r.params['raw_answer']);
  });

  it('a broken JSON answer is repaired once, in the same conversation', async () => {
    sites.claude.setReply((_t, _f, n) => (n === 0 ? '{"summary": "incompleto"' : answer('COMPRA')));
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'claude' });
    const r = out.reports[0]!;
    expect(r.attempts).toBe(2);
    expect(r.report.recommendation).toBe('COMPRA');
    expect(r.model.provider).toBe('browser-chat');
    expect(sites.claude.prompts).toHaveLength(2);
    expect(sites.claude.prompts[1]!.text).toMatch(/^Sua resposta anterior não segue o formato pedido/);
  });

  it('consensus across the two chat sites and the rule writer; `all` takes the signed-in sites', async () => {
    sites.chatgpt.setReply(() => answer('MANTER'));
    sites.claude.setReply(() => answer('MANTER'));
    await call('ai.generate', { ticker: 'WEGE3', model: 'rules' });
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'all' });
    expect(out.errors).toEqual([]);
    expect(out.reports.map((r) => r.model.id).sort()).toEqual(['chatgpt', 'claude', 'rules']);
    const c = out.consensus!;
    expect(c.reports.map((m) => m.model.id).sort()).toEqual(['chatgpt', 'claude', 'rules']);
    expect(c.recommendation).not.toBeNull();
  });

  it('`all` queues the signed-in chat sites as chat jobs beside an API model and the rule writer, skipping the others with why', async () => {
    await call('ai.providers.save', {
      id: 'local-gpt',
      provider: 'openai',
      base_url: `${api.url}/v1`,
      model: 'gpt-test',
      api_key: 'sk-test-not-a-real-key-0000',
      stream: false,
    });
    try {
      api.reply(openaiWhole(body('COMPRA')));
      sites.chatgpt.setReply(() => answer('COMPRA'));
      sites.claude.setReply(() => answer('MANTER'));
      const before = { chatgpt: sites.chatgpt.prompts.length, claude: sites.claude.prompts.length };
      const out = await call('ai.generate', { ticker: 'WEGE3', model: 'all' });
      expect(out.errors).toEqual([]);
      expect(out.reports.map((r) => r.model.id).sort()).toEqual(['chatgpt', 'claude', 'local-gpt', 'rules']);
      expect(out.reports.find((r) => r.model.id === 'chatgpt')?.model.provider).toBe('browser-chat');
      // One conversation each on the signed-in sites, none on DeepSeek (not signed in).
      expect(sites.chatgpt.prompts.length - before.chatgpt).toBe(1);
      expect(sites.claude.prompts.length - before.claude).toBe(1);
      expect(sites.deepseek.prompts).toEqual([]);
      // The chat sites went through the queue, as `{model: "chatgpt"}` does: one completed job each.
      for (const site of ['chatgpt', 'claude']) {
        const { jobs } = await call('jobs.list', { scraper: site, status: 'completed', limit: 500 });
        const ids = jobs.flatMap((j) => (j.result as { reports?: { id: string }[] }).reports ?? []);
        const report = out.reports.find((r) => r.model.id === site)!;
        expect(ids.map((r) => r.id)).toContain(report.id);
      }
      expect(out.skipped?.map((x) => x.model)).toEqual(['gemini', 'deepseek', 'grok']);
      expect(out.skipped?.find((x) => x.model === 'deepseek')?.reason).toBe(
        'DeepSeek: not signed in; sign in to DeepSeek in Data Sources (Entrar) to include it',
      );
      // The consensus covers the API model, the chat sites and the rule writer, all from this run.
      const c = out.consensus!;
      expect(c.reports.map((m) => m.model.id).sort()).toEqual(['chatgpt', 'claude', 'local-gpt', 'rules']);
      expect(c.reports.map((m) => m.id).sort()).toEqual(out.reports.map((r) => r.id).sort());
      expect(c.count).toBe(4);
      const rules = out.reports.find((r) => r.model.id === 'rules')!.report.recommendation;
      expect(c.votes.recommendation['COMPRA']).toBe(2 + (rules === 'COMPRA' ? 1 : 0));
    } finally {
      await call('ai.providers.delete', { id: 'local-gpt' });
    }
  });

  it('a schedule on a chat site not signed in is skipped with the reason', async () => {
    const { job } = await call('jobs.create', { scraper_name: 'GEMINI', ticker: 'WEGE3' });
    const j = await waitJob(job.id, (x) => ['completed', 'failed'].includes(x.status));
    expect(j.status).toBe('completed');
    const result = j.result as { reports: unknown[]; skipped: { model: string; reason: string }[] };
    expect(result.reports).toEqual([]);
    expect(result.skipped.map((x) => x.model)).toEqual(['gemini']);
    expect(result.skipped[0]?.reason).toMatch(/^Gemini: not signed in; sign in to Gemini in Data Sources/);
  });

  it("the shipped weekly AI schedules' jobs run on the signed-in chat sites and skip the others with why", async () => {
    const shipped = JSON.parse(readFileSync(join(RESOURCES_DIR, 'schedules', 'default.json'), 'utf8')) as {
      schedules: { id: string; sources: string[]; tickers: string[] }[];
    };
    const weekly = shipped.schedules.find((x) => x.id === 'ai-analysis-weekly-2')!;
    expect(weekly.sources).toEqual(['ai-analysis', 'chatgpt', 'gemini', 'deepseek', 'claude', 'grok']);
    expect(weekly.tickers).toContain('WEGE3');
    sites.chatgpt.setReply(() => answer('MANTER'));
    sites.claude.setReply(() => answer('MANTER'));
    const before = sites.deepseek.prompts.length;
    // What the schedule queues when it fires for WEGE3: one job per source, not asked for by name.
    const done = new Map<string, Job>();
    for (const source of weekly.sources) {
      const { job } = await call('jobs.create', { scraper_name: source, ticker: 'WEGE3' });
      done.set(source, await waitJob(job.id, (x) => ['completed', 'failed'].includes(x.status)));
    }
    const result = (source: string) =>
      done.get(source)!.result as {
        reports: { model: string }[];
        skipped?: { model: string; reason: string }[];
      };
    for (const source of weekly.sources) expect(done.get(source)!.status).toBe('completed');
    expect(result('chatgpt').reports.map((r) => r.model)).toEqual(['chatgpt']);
    expect(result('claude').reports.map((r) => r.model)).toEqual(['claude']);
    for (const [source, name] of [
      ['gemini', 'Gemini'],
      ['deepseek', 'DeepSeek'],
      ['grok', 'Grok'],
    ] as const) {
      expect(result(source).reports).toEqual([]);
      expect(result(source).skipped).toEqual([
        {
          model: source,
          reason: `${name}: not signed in; sign in to ${name} in Data Sources (Entrar) to include it`,
        },
      ]);
    }
    // DeepSeek's site was never asked: a skipped site is not opened at all.
    expect(sites.deepseek.prompts.length).toBe(before);
    // The schedule's own `ai-analysis` job (default model: the rule writer) says which sites it left out too.
    expect(result('ai-analysis').skipped?.map((x) => x.model)).toEqual(['gemini', 'deepseek', 'grok']);
  });

  it("the site's usage limit is RATE_LIMITED, and the queued job is retried later", async () => {
    sites.chatgpt.rateLimit(true);
    await expect(call('ai.generate', { ticker: 'WEGE3', model: 'chatgpt' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const { job } = await call('jobs.create', { scraper_name: 'CHATGPT', ticker: 'WEGE3', max_retries: 2 });
    const j = await waitJob(job.id, (x) => x.attempts >= 1 && x.status !== 'running');
    sites.chatgpt.rateLimit(false);
    expect(j.error?.code).toBe('RATE_LIMITED');
    expect(['pending', 'retry']).toContain(j.status);
    expect(j.next_run_at).not.toBeNull();
    await call('jobs.cancel', { job_id: job.id }).catch(() => undefined);
  });

  it('a changed layout is LAYOUT_CHANGED naming the site and selector, its screenshot kept in the vault', async () => {
    sites.chatgpt.changeLayout();
    const e = (await call('ai.generate', { ticker: 'WEGE3', model: 'chatgpt' }).catch((x: unknown) => x)) as {
      code: string;
      message: string;
      details: Record<string, unknown>;
    };
    expect(e.code).toBe('LAYOUT_CHANGED');
    expect(e.message).toMatch(/chatgpt: .*selector "input"/);
    // POST /api/analysis/ai/{ticker} ran it as a queued job, whose error names the page it kept.
    expect(e.details['job_id']).toEqual(expect.any(String));
    const kept = /the page is kept in the vault: snapshot (\d+), with a screenshot\)/.exec(e.message);
    expect(kept).not.toBeNull();
    const { snapshot: snap } = await call('snapshots.get', { id: Number(kept![1]) });
    expect(snap.source).toBe('chatgpt');
    expect(hasScreenshot(vaultDir(dataDir), snap.sha256)).toBe(true);
  });

  it('an expired session is UNAUTHORIZED, not retried, and asks for the sign-in again', async () => {
    sites.claude.expire();
    // The profile still holds its cookie: only the site knows the session ended.
    const { job } = await call('jobs.create', { scraper_name: 'CLAUDE', ticker: 'WEGE3', max_retries: 3 });
    const j = await waitJob(job.id, (x) => ['completed', 'failed'].includes(x.status));
    expect(j.status).toBe('failed');
    expect(j.attempts).toBe(1);
    expect(j.error?.code).toBe('UNAUTHORIZED');
    expect(j.error?.message).toMatch(/claude: not signed in, or the session has expired: sign in again/);
    // The sign-in prompt: the cookie status now says the site refused the session.
    const status = await call('scrapers.cookiesStatus', {});
    const claude = status.sources.find((s) => s.id === 'claude')!;
    expect(claude.state).toBe('expired');
    expect(claude.needs_renewal).toBe(true);
    await expect(call('ai.generate', { ticker: 'WEGE3', model: 'claude' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // `all` now leaves Claude out, and a schedule on it is skipped with why.
    const { models } = await call('ai.models', {});
    expect(models.find((m) => m.id === 'claude')?.enabled).toBe(false);
    const { job: next } = await call('jobs.create', { scraper_name: 'CLAUDE', ticker: 'WEGE3' });
    const n = await waitJob(next.id, (x) => ['completed', 'failed'].includes(x.status));
    expect((n.result as { skipped: { reason: string }[] }).skipped[0]?.reason).toMatch(
      /^Claude: the session has expired; sign in to Claude/,
    );
  });
});
