import { AppError, type AiModelEntry } from '../../contract';
import { CHAT_SITES, chatSite, type ChatSite } from '../../sources/chat-sites';
import type { ChatBrowser } from '../browser/chat-browser';
import type { Logger } from '../logging/logger';
import type { ModelConfigEntry } from './model-config';
import { createChatProvider, type ChatProvider, type ChatProviderOptions } from './providers/browser-chat';
import type { ChatTimings } from './providers/browser-chat/chat-page';

/** A chat site as a model: like a configured API model, with no key and `browser-chat` as provider. */
export type ChatModelConfig = Omit<ModelConfigEntry, 'provider'> & { provider: 'browser-chat' };

export type ChatState = NonNullable<AiModelEntry['chat']>['state'];

export interface ChatModelsOptions {
  browser: ChatBrowser;
  /** The site's base URL in force (config.json `sources.<id>.baseUrl`, else the site's). */
  baseUrl(id: string): string;
  /** The sign-in state of the site's browser profile (the sign-in service's cookie status). */
  session(id: string): { state: ChatState; reason: string | null } | null;
  keepEvidence?: ChatProviderOptions['keepEvidence'];
  onFailure?: ChatProviderOptions['onFailure'];
  timings?: Partial<ChatTimings>;
  log: Logger;
}

/** How long a chat report may take in all (prompt parts, streaming, the repair round). */
export const CHAT_TIMEOUT_MS = 10 * 60_000;

/** The five chat sites as models of the AI analyst (`chatgpt`, `gemini`, `deepseek`, `claude`, `grok`). */
export class ChatModels {
  constructor(private readonly o: ChatModelsOptions) {}

  has(id: string): boolean {
    return chatSite(id) !== undefined;
  }

  private site(id: string): ChatSite {
    const s = chatSite(id);
    if (!s) throw new AppError('NOT_FOUND', `no chat site "${id}"`);
    return s;
  }

  state(id: string): { state: ChatState; reason: string | null } {
    return this.o.session(id) ?? { state: 'not-signed-in', reason: null };
  }

  signedIn(id: string): boolean {
    return this.state(id).state === 'signed-in';
  }

  config(id: string): ChatModelConfig {
    const s = this.site(id);
    return {
      id: s.id,
      provider: 'browser-chat',
      base_url: this.o.baseUrl(s.id),
      model: s.model,
      temperature: null,
      max_tokens: null,
      timeout_ms: CHAT_TIMEOUT_MS,
      stream: true,
      enabled: this.signedIn(s.id),
    };
  }

  entries(): AiModelEntry[] {
    return CHAT_SITES.map((s) => {
      const c = this.config(s.id);
      const st = this.state(s.id);
      return {
        ...c,
        has_key: false,
        key_storage: 'none' as const,
        chat: {
          site: s.id,
          name: s.name,
          url: s.source.info.url,
          terms_url: s.terms,
          state: st.state,
          reason: st.reason,
        },
      };
    });
  }

  /** The signed-in sites, for `all` and the schedules. */
  enabled(): ChatModelConfig[] {
    return CHAT_SITES.filter((s) => this.signedIn(s.id)).map((s) => this.config(s.id));
  }

  /** The sites left out of `all` and the schedules, each with why. */
  skipped(): { model: string; reason: string }[] {
    return CHAT_SITES.filter((s) => !this.signedIn(s.id)).map((s) => {
      const st = this.state(s.id);
      return {
        model: s.id,
        reason:
          `${s.name}: ${st.state === 'expired' ? 'the session has expired' : 'not signed in'}; ` +
          `sign in to ${s.name} in Data Sources (Entrar) to include it`,
      };
    });
  }

  /** The params stored with a report the site wrote (the raw answer is added by the AI service). */
  params(id: string): Record<string, string | number> {
    const s = this.site(id);
    return {
      site: s.id,
      site_name: s.name,
      site_url: s.source.info.url,
      terms_url: s.terms,
      selectors_version: s.selectors.version,
      long_prompt: s.selectors.longPrompt.mode,
    };
  }

  provider(id: string): ChatProvider {
    const s = this.site(id);
    return createChatProvider({
      site: s,
      baseUrl: this.o.baseUrl(s.id),
      browser: this.o.browser,
      log: this.o.log,
      ...(this.o.timings ? { timings: this.o.timings } : {}),
      ...(this.o.keepEvidence ? { keepEvidence: this.o.keepEvidence } : {}),
      ...(this.o.onFailure ? { onFailure: this.o.onFailure } : {}),
    });
  }

  close(): Promise<void> {
    return this.o.browser.closeAll();
  }
}
