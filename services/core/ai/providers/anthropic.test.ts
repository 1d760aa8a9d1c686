import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANTHROPIC_VERSION } from './anthropic';
import { anthropicStreamFrames, anthropicWhole, sseFrame, TestModelServer } from './test-model-server';
import { captureLogs, failure, TEST_KEY, testProvider, WIRES } from './test-support';

const wire = WIRES.find((w) => w.kind === 'anthropic')!;
const messages = [
  { role: 'system' as const, content: 'Você é um analista.' },
  { role: 'system' as const, content: 'Responda em JSON.' },
  { role: 'user' as const, content: 'Analise WEGE3.' },
];
const errorEvent = (type: string, message: string): string =>
  sseFrame({ type: 'error', error: { type, message } }, 'error');
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => (logs = captureLogs()));
afterAll(() => logs.restore());

describe('the Anthropic Messages client', () => {
  let server: TestModelServer;
  beforeEach(async () => (server = await new TestModelServer().start()));
  afterEach(() => server.stop());

  it('sends the Messages request: x-api-key, version header, system at the top level', async () => {
    server.reply(anthropicWhole('ok'));
    await testProvider(wire, server).chat({ messages });
    const [req] = server.requests;
    expect(req!.path).toBe('/v1/messages');
    expect(req!.headers['x-api-key']).toBe(TEST_KEY);
    expect(req!.headers['anthropic-version']).toBe(ANTHROPIC_VERSION);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers).not.toHaveProperty('authorization');
    expect(req!.json).toEqual({
      model: 'test-model',
      max_tokens: 256,
      system: 'Você é um analista.\n\nResponda em JSON.',
      messages: [{ role: 'user', content: 'Analise WEGE3.' }],
      temperature: 0.2,
      stream: false,
    });
  });

  it('always sends max_tokens (1500 by default), accepts a base URL ending in /v1, and sends no key when none is set', async () => {
    server.reply(anthropicWhole('ok'));
    const over = { max_tokens: null, temperature: null, stream: true, base_url: `${server.url}/v1/` };
    await testProvider(wire, server, over, {}, null).chat({ messages: messages.slice(2) });
    const [req] = server.requests;
    expect(req!.path).toBe('/v1/messages');
    expect(req!.headers).not.toHaveProperty('x-api-key');
    expect(req!.json).toEqual({
      model: 'test-model',
      max_tokens: 1500,
      messages: [messages[2]],
      stream: true,
    });
  });

  it('joins the text blocks of a whole answer and skips the others', async () => {
    const reply = anthropicWhole('');
    const json = reply.json as Record<string, unknown>;
    json.content = [
      { type: 'text', text: 'um ' },
      { type: 'tool_use', id: 't', name: 'x', input: {} },
      { type: 'text', text: 'dois' },
    ];
    server.reply(reply);
    expect((await testProvider(wire, server).chat({ messages })).text).toBe('um dois');
  });

  it('retries an overloaded_error event that comes before any text', async () => {
    server.reply({ sse: [errorEvent('overloaded_error', 'Overloaded')] }, anthropicWhole('ok'));
    const result = await testProvider(wire, server, { stream: true }).chat({ messages });
    expect(result).toMatchObject({ text: 'ok', attempts: 2 });
  });

  it('does not retry an error event after text: UNAVAILABLE naming the error type', async () => {
    const frames = anthropicStreamFrames(['meio ']);
    server.reply({ sse: [...frames.slice(0, 4), errorEvent('overloaded_error', 'Overloaded')] });
    server.otherwise(anthropicWhole('retried'));
    const error = await failure(testProvider(wire, server, { stream: true }).chat({ messages }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('overloaded_error');
    expect(server.requests).toHaveLength(1);
  });

  it('maps an authentication_error event to PROVIDER_UNAUTHORIZED', async () => {
    server.otherwise({ sse: [errorEvent('authentication_error', 'invalid x-api-key')] });
    const error = await failure(testProvider(wire, server, { stream: true }).chat({ messages }));
    expect(error.code).toBe('PROVIDER_UNAUTHORIZED');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a stream that ends without message_stop', async () => {
    server.otherwise({ sse: anthropicStreamFrames(['a']).slice(0, -1) });
    const error = await failure(testProvider(wire, server, { stream: true }).chat({ messages }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('message_stop');
  });

  it('takes the output tokens from message_delta and the input tokens from message_start', async () => {
    server.reply({ sse: anthropicStreamFrames(['x'], 'claude-sonnet', { input: 321, output: 54 }) });
    const result = await testProvider(wire, server, { stream: true }).chat({ messages });
    expect(result).toMatchObject({ model: 'claude-sonnet', usage: { input_tokens: 321, output_tokens: 54 } });
    expect(result.finish_reason).toBe('end_turn');
  });
});
