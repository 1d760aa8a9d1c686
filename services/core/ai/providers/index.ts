import { AppError } from '../../../contract/errors';
import { createLogger } from '../../logging/logger';
import { anthropicCall } from './anthropic';
import { callModel, type CallContext } from './http-chat';
import { openaiCall } from './openai';
import type { ChatRequest, ChatResult, ModelProvider, ProviderConfig, ProviderOptions } from './types';

export type * from './types';
export { redactSecret } from './redact';

export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * A client for one configured model. The key lives only in this closure: it is not a property of the
 * returned object, so neither JSON, toString nor util.inspect of the provider can show it.
 */
export function createProvider(
  config: ProviderConfig,
  apiKey: string | null,
  opts: ProviderOptions = {},
): ModelProvider {
  if (!/^https?:\/\/[^/]/i.test(config.base_url) || !URL.canParse(config.base_url)) {
    throw new AppError('INVALID_INPUT', `${config.id}: base_url must be an http(s) URL`, {
      provider: config.id,
    });
  }
  const ctx: CallContext = {
    id: config.id,
    model: config.model,
    apiKey: apiKey !== null && apiKey !== '' ? apiKey : null,
    timeoutMs: config.timeout_ms ?? DEFAULT_TIMEOUT_MS,
    retries: Math.max(0, opts.retries ?? 2),
    backoffMs: Math.max(0, opts.backoffMs ?? 1000),
    maxRetryAfterMs: Math.max(0, opts.maxRetryAfterMs ?? 30_000),
    log: opts.log ?? createLogger('ai.provider'),
  };
  const wire = config.provider === 'anthropic' ? anthropicCall : openaiCall;
  const described = {
    id: config.id,
    kind: config.provider,
    model: config.model,
    has_key: ctx.apiKey !== null,
  };
  return Object.freeze({
    id: config.id,
    kind: config.provider,
    chat: (req: ChatRequest): Promise<ChatResult> => callModel(ctx, wire(config, ctx.apiKey, req), req),
    toJSON: () => described,
    toString: () => `ModelProvider(${config.id}, ${config.provider}, ${config.model})`,
  });
}
