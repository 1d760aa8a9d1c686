import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../../sources/http/test-server';
import { rechunk, sseFrame, TestModelServer } from './test-model-server';
import { captureLogs, failure, testProvider, WIRES } from './test-support';

/** The frames up to and including the first that carries `text`. */
const upTo = (frames: string[], text: string): string[] =>
  frames.slice(0, frames.findIndex((f) => f.includes(text)) + 1);
const ask = { messages: [{ role: 'user' as const, content: 'Olá' }] };
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => (logs = captureLogs()));
afterAll(() => logs.restore());

describe.each(WIRES)('the $kind client against a local server', (wire) => {
  let server: TestModelServer;
  beforeEach(async () => (server = await new TestModelServer().start()));
  afterEach(() => server.stop());

  it('reads a whole answer: text, usage, model', async () => {
    server.reply(wire.whole('{"summary":"ok"}'));
    const result = await testProvider(wire, server).chat(ask);
    expect(result).toMatchObject({
      text: '{"summary":"ok"}',
      model: wire.served,
      usage: { input_tokens: 12, output_tokens: 5 },
      attempts: 1,
      finish_reason: wire.kind === 'openai' ? 'stop' : 'end_turn',
    });
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([['POST', wire.path]]);
  });

  it('streams an answer: onText gets each piece with the running total, and usage arrives at the end', async () => {
    const pieces = ['Lucro ', 'em alta, ', 'dívida ', 'em queda.'];
    server.reply({ sse: wire.stream(pieces) });
    const seen: [string, number][] = [];
    const result = await testProvider(wire, server, { stream: true }).chat({
      ...ask,
      onText: (chunk, total) => seen.push([chunk, total]),
    });
    expect(seen.map(([c]) => c)).toEqual(pieces);
    expect(seen.map(([, t]) => t)).toEqual([6, 15, 22, 31]);
    expect(result).toMatchObject({ text: pieces.join(''), model: wire.served, attempts: 1 });
    expect(result.usage).toEqual({ input_tokens: 12, output_tokens: 5 });
  });

  it('reassembles SSE frames cut at arbitrary byte boundaries (multi-byte characters included)', async () => {
    const pieces = ['ação ', 'é ', 'ótima 📈'];
    server.reply({ sse: rechunk(wire.stream(pieces), 7), chunkDelayMs: 1 });
    const result = await testProvider(wire, server, { stream: true }).chat(ask);
    expect(result.text).toBe('ação é ótima 📈');
    expect(result.usage).toEqual({ input_tokens: 12, output_tokens: 5 });
  });

  it('retries a 429 after the Retry-After the server asked for', async () => {
    server.reply(wire.error(429, 'slow down', { 'retry-after': '1' }), wire.whole('ok'));
    const result = await testProvider(wire, server).chat(ask);
    expect(result).toMatchObject({ text: 'ok', attempts: 2 });
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('caps a Retry-After longer than maxRetryAfterMs', async () => {
    server.reply(wire.error(429, 'slow down', { 'retry-after': '3600' }), wire.whole('ok'));
    const started = performance.now();
    const result = await testProvider(wire, server, {}, { maxRetryAfterMs: 50 }).chat(ask);
    expect(result.attempts).toBe(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('retries 500 twice with growing backoff, then succeeds', async () => {
    server.reply(wire.error(500, 'boom'), wire.error(503, 'busy'), wire.whole('ok'));
    const result = await testProvider(wire, server, {}, { backoffMs: 40 }).chat(ask);
    expect(result).toMatchObject({ text: 'ok', attempts: 3 });
    const at = server.requests.map((r) => r.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(38);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(78);
  });

  it('gives up on a 429 that never ends: RATE_LIMITED after 1 + retries attempts', async () => {
    server.otherwise(wire.error(429, 'quota exceeded'));
    const error = await failure(testProvider(wire, server).chat(ask));
    expect(error.code).toBe('RATE_LIMITED');
    // The status, never the server's words (it may not be a model: F4).
    expect(error.message).toContain('(429)');
    expect(error.message).not.toContain('quota exceeded');
    expect(error.details).toMatchObject({ attempts: 3, status: 429, provider: `${wire.kind}-test` });
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 401: PROVIDER_UNAUTHORIZED at once', async () => {
    server.otherwise(wire.error(401, 'invalid api key'));
    const error = await failure(testProvider(wire, server).chat(ask));
    expect(error.code).toBe('PROVIDER_UNAUTHORIZED');
    expect(error.message).toContain('(401)');
    expect(error.message).not.toContain('invalid api key');
    expect(server.requests).toHaveLength(1);
  });

  it('turns another 4xx into INVALID_INPUT naming the status (not the body), without retrying', async () => {
    server.otherwise(wire.error(404, 'model "nope" not found'));
    const error = await failure(testProvider(wire, server).chat(ask));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('(404)');
    expect(error.message).not.toContain('nope');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a whole answer that is not JSON: INVALID_ANSWER, no retry', async () => {
    server.otherwise({ text: '{"choices": [', headers: { 'content-type': 'application/json' } });
    const error = await failure(testProvider(wire, server).chat(ask));
    expect(error.code).toBe('INVALID_ANSWER');
    expect(error.message).toContain('answered with malformed JSON');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a streamed chunk that is not JSON: INVALID_ANSWER', async () => {
    const frames = wire.stream(['um ', 'dois']);
    server.otherwise({
      sse: [...frames.slice(0, 2), sseFrame('{"type": "content_block_delta", oops'), ...frames.slice(2)],
    });
    const error = await failure(testProvider(wire, server, { stream: true }).chat(ask));
    expect(error.code).toBe('INVALID_ANSWER');
    expect(error.message).toContain('answered with malformed JSON');
    expect(server.requests).toHaveLength(1);
  });

  it('times out a server that never answers within timeout_ms: TIMEOUT', async () => {
    server.otherwise({ stall: 'before-headers' });
    const started = performance.now();
    const error = await failure(testProvider(wire, server, { timeout_ms: 300 }).chat(ask));
    const took = performance.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('300 ms');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1500);
  });

  it('times out a stream that stalls midway (the deadline covers the stream), not retried', async () => {
    server.otherwise({ sse: upTo(wire.stream(['primeiro ', 'segundo']), 'primeiro'), stall: 'after-body' });
    const seen: string[] = [];
    const started = performance.now();
    const error = await failure(
      testProvider(wire, server, { stream: true, timeout_ms: 400 }).chat({
        ...ask,
        onText: (c) => seen.push(c),
      }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(seen[0]).toBe('primeiro ');
    expect(server.requests).toHaveLength(1);
  });

  it('cancels through the caller signal: CANCELLED, promptly', async () => {
    server.otherwise({ stall: 'after-headers' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await failure(testProvider(wire, server).chat({ ...ask, signal: controller.signal }));
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('does not even send a request when the signal is already aborted', async () => {
    const error = await failure(testProvider(wire, server).chat({ ...ask, signal: AbortSignal.abort() }));
    expect(error.code).toBe('CANCELLED');
    expect(server.requests).toHaveLength(0);
  });

  it('cancels during a retry backoff', async () => {
    server.otherwise(wire.error(503, 'busy'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failure(
      testProvider(wire, server, { timeout_ms: 60_000 }, { backoffMs: 5000 }).chat({
        ...ask,
        signal: controller.signal,
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up at once when the backoff would outlast the deadline', async () => {
    server.otherwise(wire.error(503, 'busy'));
    const started = performance.now();
    const error = await failure(
      testProvider(wire, server, { timeout_ms: 1000 }, { backoffMs: 5000 }).chat(ask),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.details).toMatchObject({ attempts: 1, status: 503 });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('retries dropped connections, then succeeds', async () => {
    server.reply({ destroy: true }, { destroy: true }, wire.whole('ok'));
    const result = await testProvider(wire, server).chat(ask);
    expect(result).toMatchObject({ text: 'ok', attempts: 3 });
  });

  it('does not retry once the stream has delivered text: UNAVAILABLE after 1 attempt', async () => {
    server
      .reply({ sse: upTo(wire.stream(['parcial ', 'resto']), 'parcial') })
      .otherwise(wire.whole('retried'));
    const seen: string[] = [];
    const error = await failure(
      testProvider(wire, server, { stream: true }).chat({ ...ask, onText: (c) => seen.push(c) }),
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('before');
    expect(seen).toEqual(['parcial ']);
    expect(server.requests).toHaveLength(1);
  });

  it('reports an unreachable server as UNAVAILABLE after every attempt', async () => {
    const port = await closedPort();
    const provider = testProvider(wire, server, { base_url: `http://127.0.0.1:${port}/v1` });
    const error = await failure(provider.chat(ask));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('could not be reached');
    expect(error.details).toMatchObject({ attempts: 3 });
  });
});
