import { z } from 'zod';
import { defineSource, type Source } from '../define';
import chatgptSelectors from './selectors/chatgpt.json';
import claudeSelectors from './selectors/claude.json';
import deepseekSelectors from './selectors/deepseek.json';
import geminiSelectors from './selectors/gemini.json';
import grokSelectors from './selectors/grok.json';

/*
 * The AI chat sites the user signs in to with their own account (the `browser-chat` model kind).
 * They are sources only so the sign-in flow (POST /api/scrapers/{id}/login, Data Sources "Entrar",
 * cookie status) covers them: they have no fetchers and are never scraped. The AI analyst drives
 * them (services/core/ai/providers/browser-chat). Each site's selectors are one versioned data file
 * in ./selectors; one that stops matching fails as LAYOUT_CHANGED naming the site and the selector.
 */

export const CHAT_SITE_IDS = ['chatgpt', 'gemini', 'deepseek', 'claude', 'grok'] as const;
export type ChatSiteId = (typeof CHAT_SITE_IDS)[number];

const Selector = z.string().min(1).max(300);

export const ChatSelectors = z.strictObject({
  site: z.enum(CHAT_SITE_IDS),
  version: z.number().int().min(1),
  checked: z.iso.date(),
  note: z.string(),
  /** Where a new conversation starts (relative to the base URL). */
  newChatPath: z.string().startsWith('/'),
  selectors: z.strictObject({
    /** Present only when no one is signed in (a sign-in button or form). */
    signedOut: Selector,
    /** Where the prompt is typed (textarea or contenteditable). */
    input: Selector,
    send: Selector,
    /** Shown while the answer streams. */
    stop: Selector,
    /** Each answer of the conversation; the last one is the answer being read. */
    answer: Selector,
    /** A code block inside the answer (where a model puts the JSON). */
    codeBlock: Selector,
    /** The site's usage-limit message. */
    rateLimit: Selector,
    /** The file input a long prompt is attached to (`longPrompt.mode` = attach). */
    attach: Selector,
  }),
  /** What the adapter does with a prompt longer than `maxChars`: split it, or attach it as a text file. */
  longPrompt: z.strictObject({ mode: z.enum(['split', 'attach']), maxChars: z.number().int().min(1000) }),
});
export type ChatSelectors = z.infer<typeof ChatSelectors>;
export type SelectorName = keyof ChatSelectors['selectors'];

export interface ChatSite {
  id: ChatSiteId;
  name: string;
  /** The model label reports carry (the site picks the model behind it). */
  model: string;
  /** The site's terms, linked from a report it wrote. */
  terms: string;
  selectors: ChatSelectors;
  source: Source;
}

function site(
  id: ChatSiteId,
  name: string,
  url: string,
  model: string,
  terms: string,
  selectors: unknown,
  login: { path: string; sessionCookies: string[]; cookieHosts?: string[] },
): ChatSite {
  const parsed = ChatSelectors.parse(selectors);
  if (parsed.site !== id) throw new Error(`chat-sites: selectors/${id}.json names ${parsed.site}`);
  return {
    id,
    name,
    model,
    terms,
    selectors: parsed,
    source: defineSource({
      info: {
        id,
        name,
        url,
        baseUrl: url,
        category: 'ai',
        requiresLogin: true,
        usesBrowser: true,
        credentials: [],
        // One conversation at a time, a polite pace (the adapter also pauses between prompts).
        ratePerMinute: 2,
        concurrency: 1,
        // Never run: a chat site has no fetcher (the registry test holds them to that).
        canary: { model: 'quote', query: {} },
        aliases: [id.toUpperCase()],
        login: {
          url: `${url}${login.path}`,
          sessionCookies: login.sessionCookies,
          ...(login.cookieHosts ? { cookieHosts: login.cookieHosts } : {}),
        },
      },
      fetchers: {},
    }),
  };
}

// Session cookie names are our reading of each site; the cookie status after a sign-in confirms them.
export const CHAT_SITES: readonly ChatSite[] = [
  site(
    'chatgpt',
    'ChatGPT',
    'https://chatgpt.com',
    'chatgpt-web',
    'https://openai.com/policies/terms-of-use',
    chatgptSelectors,
    { path: '/auth/login', sessionCookies: ['__Secure-next-auth.session-token'] },
  ),
  site(
    'gemini',
    'Gemini',
    'https://gemini.google.com',
    'gemini-web',
    'https://policies.google.com/terms',
    geminiSelectors,
    { path: '/app', sessionCookies: ['__Secure-1PSID'], cookieHosts: ['google.com'] },
  ),
  site(
    'deepseek',
    'DeepSeek',
    'https://chat.deepseek.com',
    'deepseek-web',
    'https://chat.deepseek.com/downloads/DeepSeek%20Terms%20of%20Use.html',
    deepseekSelectors,
    { path: '/sign_in', sessionCookies: ['ds_session_id'] },
  ),
  site(
    'claude',
    'Claude',
    'https://claude.ai',
    'claude-web',
    'https://www.anthropic.com/legal/consumer-terms',
    claudeSelectors,
    { path: '/login', sessionCookies: ['sessionKey'] },
  ),
  site('grok', 'Grok', 'https://grok.com', 'grok-web', 'https://x.ai/legal/terms-of-service', grokSelectors, {
    path: '/sign-in',
    sessionCookies: ['sso'],
  }),
];

export function chatSite(id: string): ChatSite | undefined {
  const lower = id.toLowerCase();
  return CHAT_SITES.find((s) => s.id === lower);
}

export function isChatSite(id: string): boolean {
  return chatSite(id) !== undefined;
}
