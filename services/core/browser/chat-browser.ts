import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { AppError } from '../../contract/errors';
import { findBrowser } from './find-browser';
import { profileHolder } from './profile-paths';

/*
 * The browser the AI chat sites are driven in (browser-chat models). A chat is interactive (type,
 * click, watch an answer stream for minutes), unlike the one-shot page reads of BrowserRuntime, so
 * it has its own small lifecycle: one persistent context per site on the site's sign-in profile
 * (`<data-dir>/browser/<site>/`, the one the sign-in window left the session in), one conversation
 * at a time per site, a polite pause between prompts, and the browser closed when idle.
 */

export interface ChatBrowserOptions {
  /** `<data-dir>/browser`. */
  profilesDir: string;
  executablePath?: string | undefined;
  /** Close a site's browser after this long without a conversation (default 60 s). */
  idleCloseMs?: number;
  /** The least time between the end of one prompt's conversation and the start of the next (default 20 s). */
  pauseMs?: number;
  /** Real sites often refuse headless browsers; default true (tests, servers). */
  headless?: boolean;
  env?: Record<string, string | undefined>;
}

export interface ChatLease {
  page: Page;
  /** Done with the conversation: the page closes and the site's next conversation may start. */
  release(): Promise<void>;
}

interface SiteState {
  context: BrowserContext | undefined;
  /** The end of the queue of conversations for this site. */
  tail: Promise<void>;
  lastEnd: number;
  idle: NodeJS.Timeout | undefined;
  /** A browser still closing (idle): the next conversation waits for it to let go of the profile. */
  closing: Promise<void> | undefined;
}

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class ChatBrowser {
  private readonly sites = new Map<string, SiteState>();

  constructor(readonly options: ChatBrowserOptions) {}

  private state(site: string): SiteState {
    let s = this.sites.get(site);
    if (!s) {
      s = { context: undefined, tail: Promise.resolve(), lastEnd: 0, idle: undefined, closing: undefined };
      this.sites.set(site, s);
    }
    return s;
  }

  /** Wait for the site's turn (one conversation at a time, with a pause), then a fresh page on it. */
  async lease(site: string, signal?: AbortSignal): Promise<ChatLease> {
    if (!SITE_ID.test(site)) throw new AppError('INVALID_INPUT', `not a chat site id: ${site.slice(0, 80)}`);
    const s = this.state(site);
    let done: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => (done = resolve));
    const before = s.tail;
    s.tail = before.then(() => turn);
    try {
      await before;
      const wait = s.lastEnd + (this.options.pauseMs ?? 20_000) - Date.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal?.aborted)
        throw new AppError('CANCELLED', `${site}: cancelled before the conversation began`);
      clearTimeout(s.idle);
      await s.closing;
      const context = await this.context(site, s);
      const page = await context.newPage();
      let released = false;
      return {
        page,
        release: async () => {
          if (released) return;
          released = true;
          await page.close().catch(() => undefined);
          s.lastEnd = Date.now();
          clearTimeout(s.idle);
          s.idle = setTimeout(() => void this.close(site), this.options.idleCloseMs ?? 60_000);
          s.idle.unref();
          done();
        },
      };
    } catch (error) {
      s.lastEnd = Date.now();
      done();
      throw error;
    }
  }

  private async context(site: string, s: SiteState): Promise<BrowserContext> {
    if (s.context) return s.context;
    const dir = join(this.options.profilesDir, site);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const holder = profileHolder(dir);
    if (holder !== null)
      throw new AppError(
        'CONFLICT',
        `${site}: its browser profile is in use (pid ${holder}), most likely by the sign-in window: close it and try again`,
      );
    const browser = findBrowser({
      configured: this.options.executablePath,
      env: this.options.env ?? process.env,
    });
    const { chromium } = await import('playwright-core');
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(dir, {
        executablePath: browser.path,
        headless: this.options.headless ?? true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
        viewport: { width: 1280, height: 900 },
        timeout: 30_000,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new AppError('UNAVAILABLE', `${site}: the browser (${browser.path}) did not start: ${why}`);
    }
    // Pages the profile restored are not ours.
    for (const p of context.pages()) await p.close().catch(() => undefined);
    context.on('close', () => {
      if (s.context === context) s.context = undefined;
    });
    s.context = context;
    return context;
  }

  /** Close one site's browser (idle, or the profile is wanted by a sign-in window). */
  async close(site: string): Promise<void> {
    const s = this.sites.get(site);
    if (!s) return;
    clearTimeout(s.idle);
    const c = s.context;
    s.context = undefined;
    if (!c) return s.closing;
    const closing = c.close().catch(() => undefined);
    s.closing = closing;
    await closing;
    if (s.closing === closing) s.closing = undefined;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sites.keys()].map((id) => this.close(id)));
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
