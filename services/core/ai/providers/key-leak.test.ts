import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../contract/errors';
import { redactSecret } from './redact';
import { sseFrame, TestModelServer, type Reply } from './test-model-server';
import { captureLogs, failure, TEST_KEY, testProvider, WIRES } from './test-support';

const ask = { messages: [{ role: 'user' as const, content: 'Olá' }] };
let logs: ReturnType<typeof captureLogs>;
beforeAll(() => (logs = captureLogs()));
afterAll(() => logs.restore());

/** Everything an error can show: message, details, JSON, toString, stack, inspect. */
function everything(error: AppError): string {
  return [
    error.message,
    JSON.stringify(error.details),
    JSON.stringify(error),
    String(error),
    error.stack,
    inspect(error),
  ].join('\n');
}

/** The key as providers echo it: whole, and masked the way OpenAI does ("sk-test-Zq81****w7Rt"). */
const echoes = (key: string): string =>
  `Incorrect API key provided: ${key}. Also seen as ${key.slice(0, 11)}****${key.slice(-4)}.`;

describe.each(WIRES)('the $kind client never leaks its key', (wire) => {
  let server: TestModelServer;
  beforeEach(async () => (server = await new TestModelServer().start()));
  afterEach(() => server.stop());

  const cases: [string, (key: string) => Reply][] = [
    ['401', (key) => wire.error(401, echoes(key))],
    ['400', (key) => wire.error(400, echoes(key))],
    ['429', (key) => wire.error(429, echoes(key))],
    ['503', (key) => wire.error(503, echoes(key))],
    [
      'an HTML error page',
      (key) => ({ status: 502, text: `<html><body><h1>Bad gateway</h1>${key}</body></html>` }),
    ],
    [
      'a streamed error',
      (key) => ({
        sse: [
          sseFrame(
            { type: 'error', error: { type: `overloaded_error ${key}`, message: echoes(key) } },
            'error',
          ),
        ],
      }),
    ],
  ];

  it.each(cases)('when the server echoes it in %s', async (what, reply) => {
    server.otherwise(reply(TEST_KEY));
    const error = await failure(testProvider(wire, server, { stream: true }).chat(ask));
    const shown = everything(error);
    // An error status is shown as its number only; a streamed error's words are kept, redacted.
    if (what === 'a streamed error') expect(shown).toContain('[redacted]');
    else expect(shown).toMatch(/\b[45]\d\d\b/);
    expect(shown).not.toContain(TEST_KEY);
    expect(shown).not.toContain('sk-test');
    expect(logs.lines.join('')).not.toContain('sk-test');
  });

  it('when the key has no sk- shape (a local server token), by exact match', async () => {
    const token = 'local-token-4f9a7c2e1b';
    server.otherwise(wire.error(401, `bad token ${token}`));
    const error = await failure(testProvider(wire, server, {}, {}, token).chat(ask));
    expect(everything(error)).toContain('(401)');
    expect(everything(error)).not.toContain('bad token');
    expect(everything(error)).not.toContain(token);
  });

  it('in the log lines of answers, retries and failures, which carry only id, model, status, attempt and latency', async () => {
    const from = logs.lines.length;
    server.reply(wire.error(429, echoes(TEST_KEY)), wire.whole('ok'), wire.error(401, echoes(TEST_KEY)));
    const provider = testProvider(wire, server);
    await provider.chat(ask);
    await failure(provider.chat(ask));
    const lines = logs.lines.slice(from);
    expect(lines.length).toBe(3);
    for (const line of lines) {
      expect(line).not.toContain(TEST_KEY);
      expect(line).not.toContain('sk-test');
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ provider: `${wire.kind}-test`, model: 'test-model' });
      expect(entry.attempt).toEqual(expect.any(Number));
    }
    expect(lines.map((l) => (JSON.parse(l) as { status: number }).status)).toEqual([429, 200, 401]);
  });

  it('in the provider object: JSON, toString and inspect', () => {
    const provider = testProvider(wire, server);
    const shown = [
      JSON.stringify(provider),
      (provider as { toString(): string }).toString(),
      inspect(provider, { showHidden: true, depth: 10 }),
    ];
    expect(shown[0]).toContain(`"has_key":true`);
    expect(shown[1]).toContain(`${wire.kind}-test`);
    for (const s of shown) expect(s).not.toContain(TEST_KEY);
  });
});

describe('redactSecret', () => {
  it.each([
    ['key sk-abc123def456 here', null, 'key [redacted] here'],
    ['sk-ant-api03-AbC_d-EfG and sk-proj-XyZ12', null, '[redacted] and [redacted]'],
    ['masked sk-abc***********xyz.', null, 'masked [redacted]'],
    ['token s3cr3t-token in text', 's3cr3t-token', 'token [redacted] in text'],
    ['a task-list is fine', null, 'a task-list is fine'],
  ])('%s', (text, key, expected) => {
    expect(redactSecret(text, key)).toBe(expected);
  });
});
