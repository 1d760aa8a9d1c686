// Test support only: a real local HTTP server that speaks the OpenAI chat-completions and Anthropic Messages
// wire formats from scripted replies, and records every request it got. Used by unit and integration tests.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
  /** Milliseconds since the server started (to measure backoff). */
  at: number;
}

/** One scripted answer. Fields combine: status + headers + (json | text | sse), then stall or end. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** A raw body: malformed JSON, an HTML error page. */
  text?: string;
  /** Raw pieces of an SSE stream, written one by one `chunkDelayMs` apart (content-type text/event-stream). */
  sse?: string[];
  chunkDelayMs?: number;
  /** Never finish: before the headers, right after them, or after the body was written. */
  stall?: 'before-headers' | 'after-headers' | 'after-body';
  /** Drop the connection without answering (a network error for the client). */
  destroy?: boolean;
}

export type Script = Reply | ((req: RecordedRequest, n: number) => Reply);

export class TestModelServer {
  readonly requests: RecordedRequest[] = [];
  url = '';
  private queue: Script[] = [];
  private fallback: Script = { status: 500, json: { error: { message: 'no scripted reply left' } } };
  private readonly started = performance.now();
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        headers: req.headers,
        body,
        json: parseOrNull(body),
        at: performance.now() - this.started,
      };
      this.requests.push(recorded);
      const script = this.queue.shift() ?? this.fallback;
      const reply = typeof script === 'function' ? script(recorded, this.requests.length) : script;
      void answer(res, reply);
    });
  });

  /** Queue replies, one per request, in order. */
  reply(...scripts: Script[]): this {
    this.queue.push(...scripts);
    return this;
  }

  /** The reply once the queue is empty (default: 500). */
  otherwise(script: Script): this {
    this.fallback = script;
    return this;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function answer(res: ServerResponse, reply: Reply): Promise<void> {
  if (reply.destroy) {
    res.socket?.destroy();
    return;
  }
  if (reply.stall === 'before-headers') return;
  const contentType = reply.sse
    ? 'text/event-stream'
    : reply.json !== undefined
      ? 'application/json'
      : 'text/plain; charset=utf-8';
  res.writeHead(reply.status ?? 200, { 'content-type': contentType, ...reply.headers });
  if (reply.stall === 'after-headers') {
    res.flushHeaders();
    return;
  }
  if (reply.sse) {
    for (const piece of reply.sse) {
      if (res.destroyed) return;
      res.write(piece);
      await delay(reply.chunkDelayMs ?? 5);
    }
  } else if (reply.json !== undefined) res.write(JSON.stringify(reply.json));
  else if (reply.text !== undefined) res.write(reply.text);
  if (reply.stall === 'after-body' || res.destroyed) return;
  res.end();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** One SSE frame: `data: <json>` (or a raw string such as `[DONE]`), with an optional `event:` line. */
export function sseFrame(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

/** Re-cut frames into pieces of `size` characters, so frames straddle chunk boundaries. */
export function rechunk(frames: string[], size: number): string[] {
  const all = frames.join('');
  const out: string[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

export interface WireUsage {
  input: number;
  output: number;
}

export function openaiWhole(
  text: string,
  model = 'gpt-test',
  usage: WireUsage | null = { input: 12, output: 5 },
): Reply {
  return {
    json: {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      ...(usage ? { usage: { prompt_tokens: usage.input, completion_tokens: usage.output } } : {}),
    },
  };
}

export function openaiStreamFrames(
  pieces: string[],
  model = 'gpt-test',
  usage: WireUsage = { input: 12, output: 5 },
): string[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
    sseFrame({
      id: 'c1',
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((p) => chunk({ content: p }, null)),
    chunk({}, 'stop'),
    sseFrame({
      id: 'c1',
      object: 'chat.completion.chunk',
      model,
      choices: [],
      usage: { prompt_tokens: usage.input, completion_tokens: usage.output },
    }),
    sseFrame('[DONE]'),
  ];
}

export function openaiError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, headers, json: { error: { message, type: 'invalid_request_error', code: null } } };
}

export function anthropicWhole(
  text: string,
  model = 'claude-test',
  usage: WireUsage | null = { input: 12, output: 5 },
): Reply {
  return {
    json: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      ...(usage ? { usage: { input_tokens: usage.input, output_tokens: usage.output } } : {}),
    },
  };
}

export function anthropicStreamFrames(
  pieces: string[],
  model = 'claude-test',
  usage: WireUsage = { input: 12, output: 5 },
): string[] {
  const ev = (type: string, body: Record<string, unknown>): string => sseFrame({ type, ...body }, type);
  return [
    ev('message_start', {
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    }),
    ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ev('ping', {}),
    ...pieces.map((text) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })),
    ev('content_block_stop', { index: 0 }),
    ev('message_delta', {
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: usage.output },
    }),
    ev('message_stop', {}),
  ];
}

export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return { status, headers, json: { type: 'error', error: { type, message } } };
}
