import type { TokenUsage } from '../../../contract/ai-report';
import type { Logger } from '../../logging/logger';

export type { TokenUsage };

/** A configured model as the provider clients need it (the key travels separately). */
export interface ProviderConfig {
  id: string;
  provider: 'openai' | 'anthropic';
  /** OpenAI-compatible: https://api.openai.com/v1, http://127.0.0.1:11434/v1…; Anthropic: https://api.anthropic.com. */
  base_url: string;
  model: string;
  temperature: number | null;
  max_tokens: number | null;
  /** The whole call (every attempt, backoff and the stream); null: 120 s. */
  timeout_ms: number | null;
  stream: boolean;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Ask for a JSON object (OpenAI `response_format`; Anthropic has no such switch and relies on the prompt). */
  json?: boolean;
  signal?: AbortSignal;
  /** Each streamed piece of text and the characters received so far. */
  onText?: (chunk: string, totalChars: number) => void;
  /** Overrides the configured max_tokens for this request. */
  maxTokens?: number;
}

export interface ChatResult {
  text: string;
  /** The model name the server says answered. */
  model: string | null;
  usage: TokenUsage | null;
  /** HTTP attempts made (1 when the first one answered). */
  attempts: number;
  latency_ms: number;
  finish_reason: string | null;
}

export interface ModelProvider {
  readonly id: string;
  /** An API (openai, anthropic), or a chat site in the user's signed-in browser (browser-chat). */
  readonly kind: 'openai' | 'anthropic' | 'browser-chat';
  chat(req: ChatRequest): Promise<ChatResult>;
  /** Ends what the provider holds open (a chat site's conversation); API clients hold nothing. */
  close?(): Promise<void>;
}

export interface ProviderOptions {
  /** Extra attempts after the first on 429, 5xx and network errors (default 2). */
  retries?: number;
  /** First backoff; doubles each retry (default 1000 ms). */
  backoffMs?: number;
  /** The longest wait a Retry-After header may impose (default 30 s). */
  maxRetryAfterMs?: number;
  log?: Logger;
}
