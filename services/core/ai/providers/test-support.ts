// Test support only: the two wire formats described once, so one suite runs against both.
import { AppError } from '../../../contract/errors';
import { configureLogging, type LogLevel } from '../../logging/logger';
import { createProvider } from './index';
import {
  anthropicError,
  anthropicStreamFrames,
  anthropicWhole,
  openaiError,
  openaiStreamFrames,
  openaiWhole,
  type Reply,
  type TestModelServer,
} from './test-model-server';
import type { ModelProvider, ProviderConfig, ProviderOptions } from './types';

export const TEST_KEY = 'sk-test-Zq81cV0pLm4Nw7Rt';

export interface Wire {
  kind: 'openai' | 'anthropic';
  /** The path the client must POST to. */
  path: string;
  /** The model name the server answers with. */
  served: string;
  baseUrl(server: TestModelServer): string;
  whole(text: string): Reply;
  stream(pieces: string[]): string[];
  error(status: number, message: string, headers?: Record<string, string>): Reply;
}

export const WIRES: Wire[] = [
  {
    kind: 'openai',
    path: '/v1/chat/completions',
    served: 'gpt-test',
    baseUrl: (s) => `${s.url}/v1`,
    whole: (t) => openaiWhole(t),
    stream: (p) => openaiStreamFrames(p),
    error: (status, message, headers) => openaiError(status, message, headers),
  },
  {
    kind: 'anthropic',
    path: '/v1/messages',
    served: 'claude-test',
    baseUrl: (s) => s.url,
    whole: (t) => anthropicWhole(t),
    stream: (p) => anthropicStreamFrames(p),
    error: (status, message, headers) =>
      anthropicError(status, status === 401 ? 'authentication_error' : 'api_error', message, headers),
  },
];

export function testConfig(
  wire: Wire,
  server: TestModelServer,
  over: Partial<ProviderConfig> = {},
): ProviderConfig {
  return {
    id: `${wire.kind}-test`,
    provider: wire.kind,
    base_url: wire.baseUrl(server),
    model: 'test-model',
    temperature: 0.2,
    max_tokens: 256,
    timeout_ms: 5000,
    stream: false,
    ...over,
  };
}

export function testProvider(
  wire: Wire,
  server: TestModelServer,
  over: Partial<ProviderConfig> = {},
  opts: ProviderOptions = {},
  key: string | null = TEST_KEY,
): ModelProvider {
  return createProvider(testConfig(wire, server, over), key, { backoffMs: 10, ...opts });
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** Capture every log line (debug and up) until `restore()`. */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  configureLogging({ sink: { write: (l) => void lines.push(l) }, level: 'debug' });
  return {
    lines,
    restore: () =>
      configureLogging({
        sink: { write: (l) => void process.stderr.write(l) },
        level: (process.env.B3AI_LOG_LEVEL as LogLevel | undefined) ?? 'info',
      }),
  };
}
