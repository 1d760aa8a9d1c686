import { z } from 'zod';
import { AppError } from '../../../contract/errors';
import { parseJson, type Answer, type WireCall } from './http-chat';
import { providerMessage } from './redact';
import type { SseEvent } from './sse';
import type { ChatRequest, ProviderConfig, TokenUsage } from './types';

const Usage = z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish();
const Whole = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: Usage,
});
const Chunk = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: Usage,
  error: z.unknown().optional(),
});

/** `POST {base_url}/chat/completions`: OpenAI, Ollama, LM Studio, vLLM and the other compatible servers. */
export function openaiCall(config: ProviderConfig, apiKey: string | null, req: ChatRequest): WireCall {
  const id = config.id;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const maxTokens = req.maxTokens ?? config.max_tokens;
  const body: Record<string, unknown> = {
    model: config.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(config.temperature !== null ? { temperature: config.temperature } : {}),
    ...(maxTokens !== null ? { max_tokens: maxTokens } : {}),
    stream: config.stream,
    ...(config.stream ? { stream_options: { include_usage: true } } : {}),
    ...(req.json ? { response_format: { type: 'json_object' } } : {}),
  };
  return {
    url: `${config.base_url.replace(/\/+$/, '')}/chat/completions`,
    headers,
    body,
    parseWhole(json: unknown): Answer {
      const parsed = Whole.safeParse(json);
      if (!parsed.success) throw new AppError('INVALID_ANSWER', `${id} answered without a chat completion`);
      const [choice] = parsed.data.choices;
      return {
        text: choice?.message?.content ?? '',
        model: parsed.data.model ?? null,
        usage: usage(parsed.data.usage),
        finish_reason: choice?.finish_reason ?? null,
      };
    },
    async parseStream(events: AsyncIterable<SseEvent>, emit: (text: string) => void): Promise<Answer> {
      let text = '';
      let model: string | null = null;
      let tokens: TokenUsage | null = null;
      let finish: string | null = null;
      let done = false;
      for await (const ev of events) {
        if (ev.data.trim() === '[DONE]') {
          done = true;
          break;
        }
        const chunk = Chunk.safeParse(parseJson({ id }, ev.data));
        if (!chunk.success) throw new AppError('INVALID_ANSWER', `${id} streamed an unexpected chunk`);
        if (chunk.data.error !== undefined) {
          const said = providerMessage(JSON.stringify(chunk.data.error), apiKey);
          throw new AppError('UNAVAILABLE', `${id} reported an error mid-answer: ${said}`);
        }
        model ??= chunk.data.model ?? null;
        tokens = usage(chunk.data.usage) ?? tokens;
        for (const choice of chunk.data.choices ?? []) {
          const piece = choice.delta?.content ?? '';
          text += piece;
          emit(piece);
          finish = choice.finish_reason ?? finish;
        }
      }
      if (!done && finish === null) {
        throw new AppError('UNAVAILABLE', `${id} ended its stream before the answer was complete`);
      }
      return { text, model, usage: tokens, finish_reason: finish };
    },
  };
}

function usage(u: z.infer<typeof Usage>): TokenUsage | null {
  return u
    ? { input_tokens: Math.round(u.prompt_tokens), output_tokens: Math.round(u.completion_tokens) }
    : null;
}
