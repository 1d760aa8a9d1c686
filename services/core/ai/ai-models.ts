import { join } from 'node:path';
import { AppError, isAppError, type AiModelEntry, type Output, type ParsedInput } from '../../contract';
import type { Logger } from '../logging/logger';
import type { ChatModelConfig, ChatModels } from './chat-models';
import { createProvider } from './providers';
import type { ModelProvider, ProviderConfig } from './providers/types';
import { fileKeyCipher, KeyStore, type SecretCipher } from './secrets';
import {
  aiDir,
  readModelsFile,
  RULES_MODEL_ID,
  writeModelsFile,
  type ModelConfigEntry,
  type ModelsFile,
} from './model-config';
import { RULES_VERSION } from '../../analysis/ai/rules-writer';

/** scheme://host:port of a base URL (an unparsable one is its own origin). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The built-in offline writer, always listed and never configurable. */
const RULES_ENTRY: AiModelEntry = {
  id: RULES_MODEL_ID,
  provider: 'rules',
  model: RULES_VERSION,
  base_url: null,
  has_key: false,
  enabled: true,
  temperature: null,
  max_tokens: null,
  timeout_ms: null,
  stream: false,
  key_storage: 'none',
};

export interface AiModelsOptions {
  dataDir: string;
  /** Electron's safeStorage in the app; the data dir's key file (mode 0600) headless. */
  cipher?: SecretCipher;
  log: Logger;
  /** Provider HTTP behaviour (tests shorten the backoff). */
  providerOptions?: { retries?: number; backoffMs?: number };
  /** The chat sites (browser-chat models), when the app has a browser for them. */
  chat?: ChatModels;
}

/** A configured API model, or a chat site. */
export type AnyModelConfig = ModelConfigEntry | ChatModelConfig;

/** Model providers: their settings (models.json) and keys (encrypted key store), never a key out. */
export class AiModels {
  private readonly keys: KeyStore;
  private readonly storage: 'safe-storage' | 'key-file';

  constructor(private readonly o: AiModelsOptions) {
    const cipher = o.cipher ?? fileKeyCipher(aiDir(o.dataDir));
    this.storage = cipher.storage;
    this.keys = new KeyStore(join(aiDir(o.dataDir), 'keys.json'), cipher);
  }

  private file(): ModelsFile {
    return readModelsFile(this.o.dataDir);
  }

  private entry(m: ModelConfigEntry): AiModelEntry {
    const hasKey = this.keys.has(m.id);
    return { ...m, has_key: hasKey, key_storage: hasKey ? this.storage : 'none' };
  }

  list(): { default: string; models: AiModelEntry[] } {
    const f = this.file();
    const chat = (this.o.chat?.entries() ?? []).filter((c) => !f.models.some((m) => m.id === c.id));
    return { default: f.default, models: [RULES_ENTRY, ...f.models.map((m) => this.entry(m)), ...chat] };
  }

  get chat(): ChatModels | undefined {
    return this.o.chat;
  }

  /** Whether `id` names a chat site (a configured API model of that id wins over it). */
  isChat(id: string): boolean {
    return Boolean(this.o.chat?.has(id)) && !this.file().models.some((m) => m.id === id);
  }

  defaultId(): string {
    return this.file().default;
  }

  /** The enabled configured models, in the order they were added, then the signed-in chat sites. */
  enabled(): AnyModelConfig[] {
    const file = this.file().models;
    const chat = (this.o.chat?.enabled() ?? []).filter((c) => !file.some((m) => m.id === c.id));
    return [...file.filter((m) => m.enabled), ...chat];
  }

  get(id: string): AnyModelConfig {
    const m =
      this.file().models.find((x) => x.id === id) ?? (this.isChat(id) ? this.o.chat?.config(id) : undefined);
    if (!m) {
      const chat = this.o.chat ? this.o.chat.entries().map((c) => c.id) : [];
      const known = [RULES_MODEL_ID, ...this.file().models.map((x) => x.id), ...chat].join(', ');
      throw new AppError('NOT_FOUND', `no model "${id}" is configured (known: ${known})`, { model: id });
    }
    return m;
  }

  save(input: ParsedInput<'ai.providers.save'>): AiModelEntry {
    const f = this.file();
    const entry: ModelConfigEntry = {
      id: input.id,
      provider: input.provider,
      base_url: input.base_url.replace(/\/+$/, ''),
      model: input.model,
      temperature: input.temperature,
      max_tokens: input.max_tokens,
      timeout_ms: input.timeout_ms,
      stream: input.stream,
      enabled: input.enabled,
    };
    const previous = f.models.find((m) => m.id === entry.id);
    const models = previous ? f.models.map((m) => (m.id === entry.id ? entry : m)) : [...f.models, entry];
    // The key first: a settings file naming a model whose key failed to store would be half-written.
    if (input.api_key !== undefined) {
      if (input.api_key === '') this.keys.delete(entry.id);
      else this.keys.set(entry.id, input.api_key);
    } else if (!previous || originOf(previous.base_url) !== originOf(entry.base_url)) {
      // A stored key belongs to the origin it was given for: moving the model elsewhere (or a key
      // left under this id by an older model) without a new key drops it, so it is never sent to
      // a server it was not meant for.
      if (this.keys.has(entry.id)) {
        this.keys.delete(entry.id);
        this.o.log.warn('model key dropped: the base URL moved to another origin', { id: entry.id });
      }
    }
    writeModelsFile(this.o.dataDir, {
      version: 1,
      default: input.make_default ? entry.id : f.default,
      models,
    });
    this.o.log.info('model provider saved', { id: entry.id, provider: entry.provider, model: entry.model });
    return this.entry(entry);
  }

  delete(id: string): { id: string; deleted: boolean } {
    const f = this.file();
    const exists = f.models.some((m) => m.id === id);
    if (exists)
      writeModelsFile(this.o.dataDir, {
        version: 1,
        default: f.default === id ? RULES_MODEL_ID : f.default,
        models: f.models.filter((m) => m.id !== id),
      });
    this.keys.delete(id);
    return { id, deleted: exists };
  }

  provider(id: string): { config: AnyModelConfig; client: ModelProvider } {
    const config = this.get(id);
    if (config.provider === 'browser-chat') {
      const chat = this.o.chat;
      if (!chat) throw new AppError('UNAVAILABLE', `${id}: chat sites are not available here`);
      // A site never signed in, or whose session ended, is not asked: the user signs in first.
      const st = chat.state(id);
      if (st.state !== 'signed-in')
        throw new AppError(
          'UNAUTHORIZED',
          `${id}: ${st.state === 'expired' ? 'the session has expired' : 'not signed in'}: sign in first ` +
            '(Data Sources → Entrar)',
          { site: id, state: st.state, signin: `/api/scrapers/${id}/login` },
        );
      return { config, client: chat.provider(id) };
    }
    const pc: ProviderConfig = { ...config };
    return {
      config,
      client: createProvider(pc, this.keys.get(id), { ...this.o.providerOptions, log: this.o.log }),
    };
  }

  /** A tiny request to see whether the model answers with these settings and key. */
  async test(id: string): Promise<Output<'ai.providers.test'>> {
    const { client } = this.provider(id);
    const started = performance.now();
    try {
      const r = await client.chat({
        messages: [{ role: 'user', content: 'Responda apenas com a palavra: ok' }],
        maxTokens: 16,
      });
      return {
        id,
        ok: true,
        latency_ms: performance.now() - started,
        model: r.model,
        message: r.text.trim().slice(0, 200),
        usage: r.usage,
      };
    } catch (e) {
      if (!isAppError(e)) throw e;
      return {
        id,
        ok: false,
        latency_ms: performance.now() - started,
        model: null,
        message: `${e.code}: ${e.message}`,
        usage: null,
      };
    }
  }
}
