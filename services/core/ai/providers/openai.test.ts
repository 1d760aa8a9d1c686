import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openaiError, openaiWhole, sseFrame, TestModelServer } from './test-model-server';
import { captureLogs, failure, TEST_KEY, testProvider, WIRES } from './test-support';

const wire = WIRES.find((w) => w.kind === 'openai')!;
const messages = [
  { role: 'system' as const, content: 'Você é um analista.' },
  { role: 'user' as const, content: 'Analise WEGE3.' },
];
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => (logs = captureLogs()));
afterAll(() => logs.restore());

describe('the OpenAI-compatible client', () => {
  let server: TestModelServer;
  beforeEach(async () => (server = await new TestModelServer().start()));
  afterEach(() => server.stop());

  it('sends the chat-completions request: bearer key, system as a message, the configured parameters', async () => {
    server.reply(openaiWhole('ok'));
    await testProvider(wire, server).chat({ messages });
    const [req] = server.requests;
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.json).toEqual({
      model: 'test-model',
      messages,
      temperature: 0.2,
      max_tokens: 256,
      stream: false,
    });
  });

  it('asks for JSON, streaming with usage, and a per-request max_tokens', async () => {
    server.reply(openaiWhole('{}'));
    await testProvider(wire, server, { stream: true }).chat({ messages, json: true, maxTokens: 900 });
    expect(server.requests[0]!.json).toMatchObject({
      max_tokens: 900,
      stream: true,
      stream_options: { include_usage: true },
      response_format: { type: 'json_object' },
    });
  });

  it('sends no Authorization header without a key, and leaves unset parameters out (Ollama)', async () => {
    server.reply(openaiWhole('ok'));
    await testProvider(
      wire,
      server,
      { temperature: null, max_tokens: null, base_url: `${server.url}/v1/` },
      {},
      null,
    ).chat({ messages });
    const [req] = server.requests;
    expect(req!.path).toBe('/v1/chat/completions');
    expect(req!.headers).not.toHaveProperty('authorization');
    expect(req!.json).toEqual({ model: 'test-model', messages, stream: false });
  });

  it('gives usage null when the server reports none, and empty text for a null content', async () => {
    server.reply(openaiWhole('x', 'llama3.1:8b', null), {
      json: { model: 'm', choices: [{ message: { content: null }, finish_reason: 'length' }] },
    });
    const provider = testProvider(wire, server);
    expect(await provider.chat({ messages })).toMatchObject({ text: 'x', model: 'llama3.1:8b', usage: null });
    expect(await provider.chat({ messages })).toMatchObject({ text: '', finish_reason: 'length' });
  });

  it('rejects JSON that is not a chat completion: INVALID_ANSWER', async () => {
    server.reply({ json: { object: 'list', data: [] } });
    const error = await failure(testProvider(wire, server).chat({ messages }));
    expect(error.code).toBe('INVALID_ANSWER');
    expect(error.message).toContain('without a chat completion');
  });

  it('takes a whole JSON answer even when it asked to stream, and still calls onText once', async () => {
    server.reply(openaiWhole('inteiro'));
    const seen: string[] = [];
    const result = await testProvider(wire, server, { stream: true }).chat({
      messages,
      onText: (c) => seen.push(c),
    });
    expect(result.text).toBe('inteiro');
    expect(seen).toEqual(['inteiro']);
  });

  it('retries an error payload streamed before any text, as vLLM and Ollama send them', async () => {
    server.reply({ sse: [sseFrame({ error: { message: 'model is loading' } })] }, openaiWhole('ok'));
    const result = await testProvider(wire, server, { stream: true }).chat({ messages });
    expect(result).toMatchObject({ text: 'ok', attempts: 2 });
  });

  it("answers an Ollama-style error body {error: '…'} with its status only", async () => {
    server.reply({ status: 404, json: { error: 'model "llama9" not found, try pulling it first' } });
    const error = await failure(testProvider(wire, server).chat({ messages }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('(404)');
    expect(error.message).not.toContain('llama9');
  });

  it('honours retry-after-ms over Retry-After', async () => {
    server.reply(openaiError(429, 'slow down', { 'retry-after-ms': '120', 'retry-after': '30' }));
    server.reply(openaiWhole('ok'));
    const result = await testProvider(wire, server).chat({ messages });
    const [a, b] = server.requests;
    expect(result.attempts).toBe(2);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(115);
    expect(b!.at - a!.at).toBeLessThan(5000);
  });
});
