import { readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiReport, Input, MethodName, Output } from '../../services/contract';
import { buildPrompt, promptText } from '../../services/analysis/ai/prompt';
import { startCore, type Core } from '../../services/core/app';
import { configureLogging } from '../../services/core/logging/logger';
import {
  anthropicStreamFrames,
  openaiError,
  openaiStreamFrames,
  openaiWhole,
  TestModelServer,
} from '../../services/core/ai/providers/test-model-server';
import { fixture } from '../helpers/fixtures';
import { pgTemplate } from '../helpers/pg-template';

// The AI analyst over data stored the way users store it: the real Fundamentus WEGE3 captures and the
// Banco Central IPCA series ingested through the sources' parsers. Models are reached over HTTP on a
// local server that speaks the OpenAI and Anthropic wire formats (services/core/ai/providers).

const KEY = 'sk-integration-Kq7W2pZx9LmN4vB8';
let dataDir: string;
let core: Core;
let server: TestModelServer;
const logLines: string[] = [];

async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.call(method, input);
  if (!r.ok)
    throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), {
      code: r.error.code,
      details: r.error.details,
    });
  return r.data as Output<M>;
}

/** A valid answer citing WEGE3's data points (and, when asked, one id that does not exist). */
function answer(over: Record<string, unknown> = {}, unknownId = false): string {
  return JSON.stringify({
    summary: 'A WEG tem rentabilidade alta, mas o preço já embute muito crescimento.',
    sentiment: 'NEUTRO',
    recommendation: 'MANTER',
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
    ...over,
  });
}

beforeAll(async () => {
  // Every level, so the providers' info lines (status, attempt, latency) are checked too.
  configureLogging({ sink: { write: (l) => void logLines.push(l) }, level: 'debug' });
  server = await new TestModelServer().start();
  dataDir = mkdtempSync(join(tmpdir(), 'b3ai-ai-'));
  core = await startCore({
    dataDir,
    pgTemplate: await pgTemplate(),
    aiProviderOptions: { retries: 2, backoffMs: 5 },
  });
  const ingest = (source: string, model: string, file: string, extra: Record<string, string> = {}) =>
    call('sources.ingest', { source, model, file, ...extra });
  await ingest('fundamentus', 'fundamentals', fixture('fundamentus', 'wege3_details.html'), {
    ticker: 'WEGE3',
  });
  await ingest('fundamentus', 'dividends', fixture('fundamentus', 'wege3_dividends.html'), {
    ticker: 'WEGE3',
  });
  await ingest('bcb', 'macro-series', fixture('bcb', 'sgs433_ipca_mensal_2020-2024.pretty.json'), {
    query: 'series=433',
  });
});

afterAll(async () => {
  configureLogging({
    sink: { write: (l) => void process.stderr.write(l) },
    level: (process.env.B3AI_LOG_LEVEL as 'info' | undefined) ?? 'info',
  });
  await core?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the offline rule-based writer (the default)', () => {
  let first: AiReport;

  it('writes WEGE3 in Portuguese from the real captures (golden)', async () => {
    const out = await call('ai.generate', { ticker: 'WEGE3' });
    expect(out.errors).toEqual([]);
    first = out.reports[0]!;
    expect(first.kind).toBe('rule-based');
    expect(first.model).toEqual({ id: 'rules', provider: 'rules', name: 'rules-v2' });
    expect(first.flags).toEqual([]);
    expect(first.input.price).toBe(46.48);
    await expect(`${JSON.stringify(first.report, null, 2)}\n`).toMatchFileSnapshot(
      '../golden/wege3-rules.pt-BR.json',
    );
  });

  it('writes the same report in English (golden)', async () => {
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'rules', language: 'en' });
    const r = out.reports[0]!;
    expect(r.language).toBe('en');
    expect(r.report.recommendation).toBe(first.report.recommendation);
    expect(r.report.target_prices).toEqual(first.report.target_prices);
    await expect(`${JSON.stringify(r.report, null, 2)}\n`).toMatchFileSnapshot(
      '../golden/wege3-rules.en.json',
    );
  });

  it('the prompt a model gets for WEGE3 (snapshot)', async () => {
    const p = buildPrompt(first.input, 'pt-BR');
    expect(p.user).toContain('[fund.pl]');
    await expect(promptText(p)).toMatchFileSnapshot('../golden/wege3-prompt.pt-BR.txt');
  });

  it('is reproducible: same data, same input hash and report; diff says nothing changed', async () => {
    const again = (await call('ai.generate', { ticker: 'WEGE3', model: 'rules' })).reports[0]!;
    expect(again.id).not.toBe(first.id);
    expect(again.input_hash).toBe(first.input_hash);
    expect(again.prompt_hash).toBe(first.prompt_hash);
    expect(again.report).toEqual(first.report);
    const d = await call('ai.diff', { id: first.id, other: again.id });
    expect(d.same_input).toBe(true);
    expect(d.same_model).toBe(true);
    expect(d.changes).toEqual({});
    expect(d.data.changed).toEqual([]);
  });

  it('latest, history and report by id', async () => {
    const latest = await call('ai.latest', { ticker: 'WEGE3' });
    if (!latest) throw new Error('WEGE3 has a report: ai.latest answered null');
    const byId = await call('ai.report', { id: latest.id });
    expect(byId).toEqual(latest);
    const h = await call('ai.history', { ticker: 'WEGE3' });
    expect(h.reports.length).toBe(3);
    expect(h.reports[0]?.id).toBe(latest.id);
    expect(h.reports[0]?.price).toBe(46.48);
  });

  it('exports Markdown and a PDF rendered by Chromium', async () => {
    const md = await call('ai.export', { id: first.id, format: 'md' });
    expect(md.filename).toMatch(/^WEGE3-\d{4}-\d{2}-\d{2}-rules-\d+\.md$/);
    expect(md.content).toContain('WEGE3');
    expect(md.content).toContain('[fund.');
    expect(md.content).toContain(first.input_hash);
    const pdf = await call('ai.export', { id: first.id, format: 'pdf' });
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5_000);
  }, 60_000);

  it('an unknown ticker or one without a price is NOT_FOUND', async () => {
    const stages: string[] = [];
    const off = core.events.subscribe((name, p) => {
      if (name === 'ai.progress') stages.push((p as { stage: string }).stage);
    });
    await expect(call('ai.generate', { ticker: 'ZZZZ3' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    off();
    // Whoever shows progress hears that it ended.
    expect(stages).toEqual(['input', 'failed']);
    // No report yet: an empty answer (null), not an error the asset page would log as a 404.
    await expect(call('ai.latest', { ticker: 'PETR4' })).resolves.toBeNull();
  });
});

describe('model providers', () => {
  it('keys are stored encrypted, never returned, never logged', async () => {
    const saved = await call('ai.providers.save', {
      id: 'local-gpt',
      provider: 'openai',
      base_url: `${server.url}/v1`,
      model: 'gpt-test',
      api_key: KEY,
      stream: false,
    });
    expect(saved.has_key).toBe(true);
    expect(saved.key_storage).toBe('key-file');
    await call('ai.providers.save', {
      id: 'claude',
      provider: 'anthropic',
      base_url: server.url,
      model: 'claude-test',
      api_key: KEY,
      stream: true,
    });
    const list = await call('ai.models', {});
    // The configured API model named `claude` stands in for the Claude chat site of that id.
    const apis = list.models.filter((m) => m.provider !== 'browser-chat');
    expect(apis.map((m) => m.id)).toEqual(['rules', 'local-gpt', 'claude']);
    expect(list.models.filter((m) => m.provider === 'browser-chat').map((m) => m.id)).toEqual([
      'chatgpt',
      'gemini',
      'deepseek',
      'grok',
    ]);
    expect(JSON.stringify(list)).not.toContain(KEY);
    const keysFile = join(dataDir, 'ai', 'keys.json');
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keysFile, 'utf8')).not.toContain(KEY);
    expect(readFileSync(join(dataDir, 'ai', 'models.json'), 'utf8')).not.toContain(KEY);
  });

  it('test connection answers ok with the latency', async () => {
    server.reply(openaiWhole('ok'));
    const t = await call('ai.providers.test', { id: 'local-gpt' });
    expect(t).toMatchObject({ id: 'local-gpt', ok: true, message: 'ok', model: 'gpt-test' });
    expect(server.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('a model report: stored with prompt, params, usage; an unknown citation is flagged', async () => {
    server.reply(openaiWhole(answer({}, true), 'gpt-test', { input: 900, output: 300 }));
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'local-gpt' });
    const r = out.reports[0]!;
    expect(r.kind).toBe('model');
    expect(r.model).toEqual({ id: 'local-gpt', provider: 'openai', name: 'gpt-test' });
    expect(r.attempts).toBe(1);
    expect(r.usage).toEqual({ input_tokens: 900, output_tokens: 300 });
    expect(r.report.recommendation).toBe('MANTER');
    expect(r.flags).toEqual([
      expect.objectContaining({
        kind: 'unknown_citation',
        citation: 'fund.not_a_point',
        where: 'strengths[2]',
      }),
    ]);
    const sent = server.requests.at(-1)?.json as { messages: { role: string; content: string }[] };
    expect(r.prompt).toContain(sent.messages[1]!.content);
    expect(r.params).toMatchObject({ temperature: 0.2, max_tokens: 1500, stream: false });
  });

  it('an answer that breaks the schema is sent back once with the error, then accepted', async () => {
    server.reply(
      openaiWhole(answer({ strengths: [{ text: 'ROE', citations: ['fund.roe'] }] })),
      openaiWhole(`Claro! \`\`\`json\n${answer()}\n\`\`\``),
    );
    const before = server.requests.length;
    const r = (await call('ai.generate', { ticker: 'WEGE3', model: 'local-gpt' })).reports[0]!;
    expect(r.attempts).toBe(2);
    const repair = server.requests[before + 1]?.json as { messages: { role: string; content: string }[] };
    expect(repair.messages).toHaveLength(4);
    expect(repair.messages[3]?.content).toContain('strengths');
  });

  it('two bad answers reject the report (INVALID_ANSWER) and nothing is stored', async () => {
    const h0 = (await call('ai.history', { ticker: 'WEGE3' })).reports.length;
    server.reply(openaiWhole('não sei'), openaiWhole(answer({ recommendation: 'COMPRAR' })));
    await expect(call('ai.generate', { ticker: 'WEGE3', model: 'local-gpt' })).rejects.toMatchObject({
      code: 'INVALID_ANSWER',
    });
    expect((await call('ai.history', { ticker: 'WEGE3' })).reports.length).toBe(h0);
  });

  it('all models: a streamed Anthropic answer, an OpenAI 429 then success, and their consensus', async () => {
    const progress: string[] = [];
    const off = core.events.subscribe((name, p) => {
      if (name === 'ai.progress') {
        const e = p as { model: string; stage: string };
        progress.push(`${e.model}:${e.stage}`);
      }
    });
    server.reply(
      openaiError(429, 'slow down', { 'retry-after': '0' }),
      openaiWhole(answer({ recommendation: 'COMPRA', sentiment: 'POSITIVO' })),
      { sse: anthropicStreamFrames(chunks(answer({ recommendation: 'COMPRA', sentiment: 'POSITIVO' }))) },
    );
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'all' });
    off();
    expect(out.errors).toEqual([]);
    // `all` writes every enabled model, then the rule-based writer.
    expect(out.reports.map((r) => r.model.id)).toEqual(['local-gpt', 'claude', 'rules']);
    expect(progress).toContain('claude:streaming');
    expect(progress).toContain('local-gpt:stored');
    const c = out.consensus!;
    // local-gpt COMPRA/POSITIVO, claude COMPRA/POSITIVO, rules: written by `all` too.
    expect(c.reports.map((r) => r.model.id).sort()).toEqual(['claude', 'local-gpt', 'rules']);
    expect(c.recommendation).toBe('COMPRA');
    expect(c.votes.recommendation['COMPRA']).toBe(2);
    expect(c).toEqual(await call('ai.consensus', { ticker: 'WEGE3' }));
  });

  it('a model that fails among several is reported, the others still count', async () => {
    server.reply(openaiError(401, `Incorrect API key provided: ${KEY}`), {
      sse: anthropicStreamFrames(chunks(answer())),
    });
    const out = await call('ai.generate', { ticker: 'WEGE3', model: 'all' });
    expect(out.reports.map((r) => r.model.id)).toEqual(['claude', 'rules']);
    expect(out.errors).toEqual([
      expect.objectContaining({ model: 'local-gpt', code: 'PROVIDER_UNAUTHORIZED' }),
    ]);
    expect(JSON.stringify(out)).not.toContain(KEY);
  });

  it('no key in any log line, API answer or stored report', async () => {
    server.reply({ sse: openaiStreamFrames(chunks(answer())) });
    await call('ai.providers.save', {
      id: 'local-gpt',
      provider: 'openai',
      base_url: `${server.url}/v1`,
      model: 'gpt-test',
      stream: true,
    });
    const r = (await call('ai.generate', { ticker: 'WEGE3', model: 'local-gpt' })).reports[0]!;
    expect(r.params['stream']).toBe(true);
    // Saving without api_key kept the key.
    expect(server.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(KEY);
    expect(JSON.stringify(await call('ai.history', { ticker: 'WEGE3', limit: 500 }))).not.toContain(KEY);
  });

  it('deleting a provider removes its key', async () => {
    expect(await call('ai.providers.delete', { id: 'claude' })).toEqual({ id: 'claude', deleted: true });
    const list = await call('ai.models', {});
    expect(list.models.filter((m) => m.provider !== 'browser-chat').map((m) => m.id)).toEqual([
      'rules',
      'local-gpt',
    ]);
    await expect(call('ai.generate', { ticker: 'WEGE3', model: 'local-claude' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // `claude` now names the Claude chat site, never signed in here: it asks for the sign-in, and
    // nothing goes to the site.
    await expect(call('ai.generate', { ticker: 'WEGE3', model: 'claude' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

/** Split an answer into stream pieces of 40 characters. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 40) out.push(text.slice(i, i + 40));
  return out;
}
