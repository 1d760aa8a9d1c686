import type { Page } from 'playwright-core';
import { AppError } from '../../../../contract/errors';
import type { ChatSelectors, SelectorName } from '../../../../sources/chat-sites';

/*
 * One conversation on a chat site's page: open a new chat, type a prompt, press send, watch the answer
 * stream and read it when it is done (the stop button gone AND the text unchanged for `settleMs`).
 * Every selector comes from the site's versioned data file; one that does not match in time fails
 * as LAYOUT_CHANGED naming the site and the selector (the caller keeps a screenshot).
 */

export interface ChatTimings {
  /** How long a selector may take to appear before the layout counts as changed (default 15 s). */
  layoutMs: number;
  /** How long the answer may take to start (default 60 s). */
  startMs: number;
  /** The text must stay unchanged this long, with no stop button, to count as finished (default 3 s). */
  settleMs: number;
  /** The whole answer (default 5 min). */
  answerMs: number;
  /** How often the page is looked at while it streams. */
  pollMs: number;
}

export const DEFAULT_TIMINGS: ChatTimings = {
  layoutMs: 15_000,
  startMs: 60_000,
  settleMs: 3_000,
  answerMs: 300_000,
  pollMs: 150,
};

interface PageState {
  count: number;
  /** The last answer's JSON code block, else its text. */
  text: string;
  stop: boolean;
  /** The usage-limit message's text when it shows. */
  rateLimit: string | null;
  signedOut: boolean;
}

/** Runs in the page (a string: this code is not compiled against the DOM's types). */
const LOOK = `(sel) => {
  const vis = (css) => {
    const el = document.querySelector(css);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    const st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none';
  };
  const answers = document.querySelectorAll(sel.answer);
  const last = answers[answers.length - 1];
  let text = last ? last.innerText : '';
  if (last) {
    const json = [...last.querySelectorAll(sel.codeBlock)].map((c) => c.textContent || '').find((t) => t.trim().startsWith('{'));
    if (json) text = json;
  }
  const limit = document.querySelector(sel.rateLimit);
  return {
    count: answers.length,
    text,
    stop: vis(sel.stop),
    rateLimit: vis(sel.rateLimit) ? limit.innerText || '' : null,
    signedOut: vis(sel.signedOut),
  };
}`;

export class ChatPage {
  constructor(
    private readonly page: Page,
    private readonly site: string,
    private readonly sel: ChatSelectors,
    private readonly t: ChatTimings,
  ) {}

  private css(name: SelectorName): string {
    return this.sel.selectors[name];
  }

  layoutChanged(name: SelectorName, what: string): AppError {
    return new AppError(
      'LAYOUT_CHANGED',
      `${this.site}: ${what}: selector "${name}" (${this.css(name)}) matched nothing; the site's page changed ` +
        `(selectors v${this.sel.version})`,
      { site: this.site, selector: name, css: this.css(name), selectors_version: this.sel.version },
    );
  }

  unauthorized(): AppError {
    return new AppError(
      'UNAUTHORIZED',
      `${this.site}: not signed in, or the session has expired: sign in again (Data Sources → Entrar)`,
      { site: this.site, signin: `/api/scrapers/${this.site}/login` },
    );
  }

  private async visible(name: SelectorName): Promise<boolean> {
    return this.page
      .locator(this.css(name))
      .first()
      .isVisible()
      .catch(() => false);
  }

  /** Open a new conversation; signed out → UNAUTHORIZED, no prompt box → LAYOUT_CHANGED. */
  async open(baseUrl: string, signal?: AbortSignal): Promise<void> {
    const url = baseUrl.replace(/\/+$/, '') + this.sel.newChatPath;
    try {
      await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.t.startMs });
    } catch (e) {
      throw new AppError(
        'UNAVAILABLE',
        `${this.site}: ${new URL(url).host} could not be opened: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    }
    const until = Date.now() + this.t.layoutMs;
    for (;;) {
      if (signal?.aborted) throw new AppError('CANCELLED', `${this.site}: cancelled`);
      if (await this.visible('signedOut')) throw this.unauthorized();
      if (await this.visible('input')) return;
      if (Date.now() > until) throw this.layoutChanged('input', 'no prompt box on a new conversation');
      await this.page.waitForTimeout(this.t.pollMs);
    }
  }

  private answers(): Promise<string[]> {
    return this.page
      .locator(this.css('answer'))
      .allInnerTexts()
      .catch(() => []);
  }

  /** Attach `text` as a file named `name` (long prompts on sites that take files). */
  async attach(name: string, text: string): Promise<void> {
    const input = this.page.locator(this.css('attach')).first();
    if ((await input.count()) === 0)
      throw this.layoutChanged('attach', 'no file input to attach the prompt to');
    await input.setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  }

  /**
   * Type and send one message, then wait for the answer to finish. `onText` gets each new piece of
   * the answer as it streams. Returns the answer's text (or its JSON code block).
   */
  async send(text: string, onText: (chunk: string) => void, signal?: AbortSignal): Promise<string> {
    const before = (await this.answers()).length;
    const input = this.page.locator(this.css('input')).first();
    if (!(await input.isVisible().catch(() => false))) {
      if (await this.visible('signedOut')) throw this.unauthorized();
      throw this.layoutChanged('input', 'the prompt box went away');
    }
    await input.fill(text);
    const send = this.page.locator(this.css('send')).first();
    try {
      await send.waitFor({ state: 'visible', timeout: this.t.layoutMs });
    } catch {
      throw this.layoutChanged('send', 'no send button');
    }
    await send.click({ timeout: this.t.layoutMs });
    return this.follow(before, onText, signal);
  }

  /** The page's state in one look (one round trip to the browser per poll, not one per selector). */
  private async look(): Promise<PageState> {
    return this.page.evaluate<PageState>(`(${LOOK})(${JSON.stringify(this.sel.selectors)})`);
  }

  private async follow(
    before: number,
    onText: (chunk: string) => void,
    signal?: AbortSignal,
  ): Promise<string> {
    const started = Date.now();
    let seen = '';
    let changedAt = Date.now();
    let begun = false;
    for (;;) {
      if (signal?.aborted)
        throw new AppError('CANCELLED', `${this.site}: cancelled while the answer streamed`);
      const st = await this.look().catch(() => null);
      const now = Date.now();
      if (st?.rateLimit != null) {
        const msg = st.rateLimit.trim();
        throw new AppError(
          'RATE_LIMITED',
          `${this.site}: the site says its usage limit was reached${msg ? ` ("${msg.slice(0, 160)}")` : ''}; try again later`,
          { site: this.site },
        );
      }
      if (st?.signedOut) throw this.unauthorized();
      if (st && !begun && (st.count > before || st.stop)) begun = true;
      if (!begun) {
        if (now - started > this.t.startMs)
          throw new AppError(
            'TIMEOUT',
            `${this.site}: no answer began within ${Math.round(this.t.startMs / 1000)} s`,
            { site: this.site },
          );
      } else if (st) {
        const text = st.count > before ? st.text : seen;
        if (text !== seen) {
          if (text.startsWith(seen)) onText(text.slice(seen.length));
          seen = text;
          changedAt = now;
        }
        // Finished: no stop button, and the text has not moved for the settle time.
        if (!st.stop && seen !== '' && now - changedAt >= this.t.settleMs) return seen;
      }
      if (now - started > this.t.answerMs)
        throw new AppError(
          'TIMEOUT',
          `${this.site}: the answer did not finish within ${Math.round(this.t.answerMs / 1000)} s`,
          { site: this.site },
        );
      await this.page.waitForTimeout(this.t.pollMs);
    }
  }

  screenshot(): Promise<Buffer | null> {
    return this.page.screenshot({ type: 'png', timeout: 5_000 }).catch(() => null);
  }

  html(): Promise<string | null> {
    return this.page.content().catch(() => null);
  }
}
