import { z } from 'zod';
import { AppError, type ErrorCode } from '../../../contract/errors';
import { parseJson, type Answer, type WireCall } from './http-chat';
import { providerMessage } from './redact';
import type { SseEvent } from './sse';
import type { ChatRequest, ProviderConfig } from './types';

export const ANTHROPIC_VERSION = '2023-06-01';
/** Anthropic requires max_tokens; used when neither the request nor the config sets it. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1500;

const Whole = z.object({
  model: z.string().nullish(),
  content: z.array(z.object({ type: z.string(), text: z.string().nullish() })),
  stop_reason: z.string().nullish(),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).nullish(),
});
const Tokens = z
  .object({ input_tokens: z.number().nullish(), output_tokens: z.number().nullish() })
  .nullish();
const Event = z.object({
  type: z.string(),
  message: z.object({ model: z.string().nullish(), usage: Tokens }).nullish(),
  delta: z
    .object({ type: z.string().nullish(), text: z.string().nullish(), stop_reason: z.string().nullish() })
    .nullish(),
  usage: Tokens,
  error: z.object({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

/** Anthropic's stream error types → our codes (overloaded and api errors may be retried). */
const STREAM_ERRORS: Record<string, ErrorCode> = {
  overloaded_error: 'UNAVAILABLE',
  api_error: 'UNAVAILABLE',
  rate_limit_error: 'RATE_LIMITED',
  authentication_error: 'PROVIDER_UNAUTHORIZED',
  permission_error: 'PROVIDER_UNAUTHORIZED',
  invalid_request_error: 'INVALID_INPUT',
};

/** `POST {base_url}/v1/messages` (a base URL that already ends in /v1 is accepted too). */
export function anthropicCall(config: ProviderConfig, apiKey: string | null, req: ChatRequest): WireCall {
  const id = config.id;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
  };
  if (apiKey) headers['x-api-key'] = apiKey;
  const system = req.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const body: Record<string, unknown> = {
    model: config.model,
    max_tokens: req.maxTokens ?? config.max_tokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    ...(system !== '' ? { system } : {}),
    messages: req.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content })),
    ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    stream: config.stream,
  };
  return {
    url: `${config.base_url.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/messages`,
    headers,
    body,
    parseWhole(json: unknown): Answer {
      const parsed = Whole.safeParse(json);
      if (!parsed.success) throw new AppError('INVALID_ANSWER', `${id} answered without a message`);
      const { data } = parsed;
      return {
        text: data.content.map((c) => (c.type === 'text' ? (c.text ?? '') : '')).join(''),
        model: data.model ?? null,
        usage: data.usage
          ? {
              input_tokens: Math.round(data.usage.input_tokens),
              output_tokens: Math.round(data.usage.output_tokens),
            }
          : null,
        finish_reason: data.stop_reason ?? null,
      };
    },
    async parseStream(events: AsyncIterable<SseEvent>, emit: (text: string) => void): Promise<Answer> {
      let text = '';
      let model: string | null = null;
      let input: number | null = null;
      let output: number | null = null;
      let stop: string | null = null;
      let finished = false;
      for await (const sse of events) {
        const parsed = Event.safeParse(parseJson({ id }, sse.data));
        if (!parsed.success) throw new AppError('INVALID_ANSWER', `${id} streamed an unexpected event`);
        const ev = parsed.data;
        if (ev.type === 'message_start') {
          model = ev.message?.model ?? null;
          input = ev.message?.usage?.input_tokens ?? input;
          output = ev.message?.usage?.output_tokens ?? output;
        } else if (ev.type === 'content_block_delta' && ev.delta?.type === 'text_delta') {
          const piece = ev.delta.text ?? '';
          text += piece;
          emit(piece);
        } else if (ev.type === 'message_delta') {
          stop = ev.delta?.stop_reason ?? stop;
          input = ev.usage?.input_tokens ?? input;
          output = ev.usage?.output_tokens ?? output;
        } else if (ev.type === 'message_stop') {
          finished = true;
          break;
        } else if (ev.type === 'error') {
          const kind = ev.error?.type ?? 'error';
          const said = providerMessage(ev.error?.message ?? kind, apiKey);
          throw new AppError(
            STREAM_ERRORS[kind] ?? 'UNAVAILABLE',
            `${id} reported ${kind} mid-answer: ${said}`,
          );
        }
      }
      if (!finished) throw new AppError('UNAVAILABLE', `${id} ended its stream before message_stop`);
      const usage =
        input !== null || output !== null
          ? { input_tokens: Math.round(input ?? 0), output_tokens: Math.round(output ?? 0) }
          : null;
      return { text, model, usage, finish_reason: stop };
    },
  };
}
