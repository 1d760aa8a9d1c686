import {
  AppError,
  type ReportBody,
  type ReportInput,
  type ReportLanguage,
  type TokenUsage,
} from '../../contract';
import { parseModelAnswer } from '../../analysis/ai/answer';
import { buildPrompt, PROMPT_VERSION, promptText, repairMessage } from '../../analysis/ai/prompt';
import type { ChatMessage, ModelProvider } from './providers/types';
import type { AnyModelConfig } from './ai-models';

export type Stage = 'request' | 'streaming' | 'validating' | 'repair';

export interface ModelAnswer {
  body: ReportBody;
  attempts: number;
  usage: TokenUsage | null;
  prompt: string;
  params: Record<string, number | string | boolean | null>;
  model_name: string;
  /** The text of the answer that passed, as the model (or chat site) gave it. */
  raw: string;
}

function addUsage(a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null {
  if (!a) return b;
  if (!b) return a;
  return { input_tokens: a.input_tokens + b.input_tokens, output_tokens: a.output_tokens + b.output_tokens };
}

/**
 * Ask one model for a report. The answer must pass the report schema; an answer that breaks it is
 * sent back once with what was wrong, and a second failure rejects the report (INVALID_ANSWER).
 */
export async function askModel(
  config: AnyModelConfig,
  client: ModelProvider,
  input: ReportInput,
  language: ReportLanguage,
  progress: (stage: Stage, chars?: number, chunk?: string) => void,
  signal?: AbortSignal,
): Promise<ModelAnswer> {
  const prompt = buildPrompt(input, language);
  const messages: ChatMessage[] = [
    { role: 'system', content: prompt.system },
    { role: 'user', content: prompt.user },
  ];
  let usage: TokenUsage | null = null;
  let lastError = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    progress(attempt === 1 ? 'request' : 'repair');
    const res = await client.chat({
      messages,
      json: true,
      ...(signal ? { signal } : {}),
      onText: (chunk, total) => progress('streaming', total, chunk),
    });
    usage = addUsage(usage, res.usage);
    progress('validating');
    const parsed = parseModelAnswer(res.text);
    if (parsed.ok)
      return {
        body: parsed.body,
        attempts: attempt,
        usage,
        prompt: promptText(prompt),
        params: {
          temperature: config.temperature,
          max_tokens: config.max_tokens,
          stream: config.stream,
          json_mode: config.provider !== 'browser-chat',
          prompt_version: PROMPT_VERSION,
          base_url: config.base_url,
        },
        model_name: config.model,
        raw: res.text,
      };
    lastError = parsed.error;
    messages.push(
      { role: 'assistant', content: res.text },
      { role: 'user', content: repairMessage(parsed.error, language) },
    );
  }
  throw new AppError(
    'INVALID_ANSWER',
    `${config.id}: the answer broke the report schema, also after one repair request: ${lastError}`,
    { model: config.id, attempts: 2 },
  );
}
