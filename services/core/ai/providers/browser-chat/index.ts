import { AppError, isAppError } from '../../../../contract/errors';
import type { ChatSite } from '../../../../sources/chat-sites';
import type { ChatBrowser } from '../../../browser/chat-browser';
import type { Logger } from '../../../logging/logger';
import type { ChatMessage, ChatRequest, ChatResult, ModelProvider } from '../types';
import { ChatPage, DEFAULT_TIMINGS, type ChatTimings } from './chat-page';

/*
 * The `browser-chat` model kind: a ModelProvider that asks a chat site, in the user's own signed-in
 * browser profile, instead of an API. One provider is one conversation: the report prompt opens it,
 * and the single repair round (askModel) is a follow-up message in the same conversation. `close()`
 * ends it (the AI service calls it after the report).
 */

/** What a chat site's page looked like when a selector stopped matching (kept in the vault). */
export interface ChatEvidence {
  site: string;
  error: AppError;
  screenshot: Buffer | null;
  html: string | null;
  url: string;
}

export interface ChatProviderOptions {
  site: ChatSite;
  /** The site's base URL in force (config.json may point it elsewhere, as tests do). */
  baseUrl: string;
  browser: ChatBrowser;
  timings?: Partial<ChatTimings>;
  /** Keep a LAYOUT_CHANGED page's screenshot (and DOM); returns details to add to the error. */
  keepEvidence?: (e: ChatEvidence) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Told of every failure (the sign-in status reads an UNAUTHORIZED as a refused session). */
  onFailure?: (site: string, error: AppError) => void;
  log: Logger;
}

export const ATTACHMENT_NAME = 'pedido.txt';

/** Room left in each part for the "Parte i de n" header. */
const SPLIT_HEADROOM = 200;

/** A part's acknowledgement: a short answer that says OK (as asked), not the report itself. */
export function isAcknowledgement(answer: string): boolean {
  const t = answer.trim();
  return t.length <= 200 && /(^|[^a-z])ok([^a-z]|$)/i.test(t);
}

/** How the adapter sends `text` to the site: whole, in parts, or as an attached file (says which). */
export function promptDelivery(
  site: ChatSite,
  text: string,
): { mode: 'whole' | 'split' | 'attach'; parts: number } {
  const { mode, maxChars } = site.selectors.longPrompt;
  if (text.length <= maxChars) return { mode: 'whole', parts: 1 };
  if (mode === 'attach') return { mode, parts: 1 };
  return { mode, parts: splitPrompt(text, maxChars - SPLIT_HEADROOM).length };
}

/** The messages not yet sent, as the text a chat box takes (system and user folded into one). */
function fold(messages: ChatMessage[]): string {
  return messages
    .filter((m) => m.role !== 'assistant')
    .map((m) => m.content)
    .join('\n\n');
}

/** Cut a long prompt into pieces of at most `max` characters, at line ends where possible. */
export function splitPrompt(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

export type ChatProvider = ModelProvider & {
  readonly site: ChatSite;
  /** How this site takes a prompt longer than its limit (from its selectors file). */
  readonly longPrompt: ChatSite['selectors']['longPrompt'];
  close(): Promise<void>;
};

export function createChatProvider(o: ChatProviderOptions): ChatProvider {
  const { site } = o;
  const timings: ChatTimings = { ...DEFAULT_TIMINGS, ...o.timings };
  const sel = site.selectors;
  let lease: Awaited<ReturnType<ChatBrowser['lease']>> | undefined;
  let page: ChatPage | undefined;
  let sent = 0;

  const close = async (): Promise<void> => {
    const l = lease;
    lease = undefined;
    page = undefined;
    sent = 0;
    await l?.release();
  };

  const ask = async (text: string, req: ChatRequest, total: { n: number }): Promise<string> => {
    if (!page) throw new AppError('INTERNAL', `${site.id}: no conversation open`);
    const onText = (chunk: string): void => {
      total.n += chunk.length;
      req.onText?.(chunk, total.n);
    };
    const max = sel.longPrompt.maxChars;
    if (text.length <= max) return page.send(text, onText, req.signal);
    o.log.info('chat site: a long prompt', {
      site: site.id,
      chars: text.length,
      max_chars: max,
      // The selectors file says how this site takes one: split in parts, or attached as a text file.
      ...promptDelivery(site, text),
    });
    if (sel.longPrompt.mode === 'attach') {
      await page.attach(ATTACHMENT_NAME, text);
      return page.send(
        `O pedido completo está no arquivo anexo ${ATTACHMENT_NAME} (${text.length} caracteres). ` +
          'Siga exatamente as instruções dele e responda somente com o objeto JSON pedido.',
        onText,
        req.signal,
      );
    }
    // Split: every part but the last asks only for an acknowledgement, and the next part waits for it
    // (the answer to the part finished streaming and says OK); one that never comes, or an answer in
    // its place, ends the report instead of sending the rest into a conversation gone off course.
    const parts = splitPrompt(text, max - SPLIT_HEADROOM);
    for (let i = 0; i < parts.length - 1; i++) {
      const ack = await page.send(
        `Parte ${i + 1} de ${parts.length} de um pedido longo. Não responda ainda: diga apenas "OK" e aguarde a próxima parte.\n\n${parts[i]}`,
        () => undefined,
        req.signal,
      );
      if (!isAcknowledgement(ack))
        throw new AppError(
          'UNAVAILABLE',
          `${site.id}: the site did not acknowledge part ${i + 1} of ${parts.length} of the long prompt ` +
            `(it answered "${ack.trim().slice(0, 80)}" instead of OK); the rest was not sent`,
          { site: site.id, long_prompt: 'split', part: i + 1, parts: parts.length },
        );
      o.log.info('chat site acknowledged a part', { site: site.id, part: i + 1, parts: parts.length });
    }
    return page.send(
      `Parte ${parts.length} de ${parts.length} (a última). Agora responda ao pedido completo, das partes 1 a ${parts.length}.\n\n${parts.at(-1)}`,
      onText,
      req.signal,
    );
  };

  const chat = async (req: ChatRequest): Promise<ChatResult> => {
    const started = performance.now();
    try {
      if (!lease || !page || req.messages.length < sent) {
        await close();
        lease = await o.browser.lease(site.id, req.signal);
        page = new ChatPage(lease.page, site.id, sel, timings);
        await page.open(o.baseUrl, req.signal);
      }
      const fresh = req.messages.slice(sent);
      const text = await ask(fold(fresh), req, { n: 0 });
      sent = req.messages.length;
      const latency = Math.round(performance.now() - started);
      o.log.info('chat site answered', { site: site.id, chars: text.length, latency_ms: latency });
      return {
        text,
        model: site.model,
        usage: null,
        attempts: 1,
        latency_ms: latency,
        finish_reason: 'stop',
      };
    } catch (error) {
      const e = isAppError(error)
        ? error
        : new AppError(
            'UNAVAILABLE',
            `${site.id}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
      let details: Record<string, unknown> = {};
      if (e.code === 'LAYOUT_CHANGED' && page && lease && o.keepEvidence) {
        const url = lease.page.url();
        const [screenshot, html] = await Promise.all([page.screenshot(), page.html()]);
        details = await Promise.resolve(
          o.keepEvidence({ site: site.id, error: e, screenshot, html, url }),
        ).catch(() => ({}));
      }
      o.log.warn('chat site failed', { site: site.id, code: e.code, message: e.message });
      if (e.code !== 'CANCELLED') o.onFailure?.(site.id, e);
      await close();
      const snapshot = Number(details['snapshot_id']);
      const kept = Number.isInteger(snapshot)
        ? ` (the page is kept in the vault: snapshot ${snapshot}${details['screenshot'] ? ', with a screenshot' : ''})`
        : '';
      throw new AppError(e.code, e.message + kept, {
        ...e.details,
        provider: site.id,
        model: site.model,
        ...details,
      });
    }
  };

  const described = {
    id: site.id,
    kind: 'browser-chat',
    model: site.model,
    long_prompt: sel.longPrompt.mode,
  };
  return Object.freeze({
    id: site.id,
    kind: 'browser-chat' as const,
    site,
    longPrompt: sel.longPrompt,
    chat,
    close,
    toJSON: () => described,
    toString: () => `ModelProvider(${site.id}, browser-chat)`,
  });
}
