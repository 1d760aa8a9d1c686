import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { AppError } from '../../contract/errors';
import { abortReason } from '../../sources/http/clock';
import { redactUrl } from '../../sources/http';
import type { RawPayload } from '../../sources/raw';
import { findHeadlessBrowser } from './find-browser';
import { readPage, type PageRequest } from './page-fetch';
import { browserPid, pidAlive } from './procs';

/*
 * The browser runtime of a worker process (never the main process; nothing here touches storage).
 * Each source gets one persistent context on its own profile, `<browser-dir>/<source-id>/`, started
 * lazily by its first page and closed after `idleCloseMs` without pages. In Playwright a persistent
 * context IS a browser process (Chromium locks a profile to one process), so a worker runs one
 * browser per source it is reading, each released when idle. A crash (page or browser), a hang or a
 * page over its memory budget fails that page only; a dead browser is dropped and the next page
 * relaunches it.
 */

export interface BrowserRuntimeOptions {
  /** `<data-dir>/browser`: one profile folder per source inside. */
  profilesDir: string;
  /** `browser.executablePath` from the config; else B3AI_CHROMIUM, else the standard paths. */
  executablePath?: string | undefined;
  /** Close a source's browser after this long without pages (default 30 s). */
  idleCloseMs?: number | undefined;
  /**
   * Per page: the JS heap budget the CDP check enforces (default 512 MB); V8's hard cap (`--js-flags`,
   * which kills the renderer) is twice that, for pages that grow faster than the check looks.
   */
  pageMemoryMb?: number | undefined;
  env?: Record<string, string | undefined>;
  /** Tests: which paths exist (default: the real file system). */
  exists?: (path: string) => boolean;
}

/** A page read; `close()` releases it (the screenshot is only available until then). */
export interface OpenPage {
  raw: RawPayload;
  /** A PNG of the viewport, or null when the page can no longer be drawn. */
  screenshot(): Promise<Buffer | null>;
  close(): Promise<void>;
}

interface Entry {
  source: string;
  context: BrowserContext;
  pid: number | null;
  pages: number;
  idle: NodeJS.Timeout | undefined;
  closed: boolean;
  /** Told when the browser goes away while pages are open. */
  onClose: Set<() => void>;
  /** A failed page still closing: the next page waits for it (a hung browser is killed by then). */
  settling: Promise<void> | undefined;
  /**
   * The page of the last good fetch, kept for the next one (opening a page costs more than a
   * navigation): the next fetch navigates it straight to its URL; without one within PARK_AFTER_MS
   * it is parked on about:blank, which stops its scripts while the browser idles.
   */
  spare: Page | undefined;
  parkTimer: NodeJS.Timeout | undefined;
  /** The spare's navigation to about:blank, while it runs. */
  parking: Promise<void> | undefined;
}

/** Its memory is back within 60 s of the last page even on a slow close. */
export const DEFAULT_IDLE_CLOSE_MS = 30_000;
export const DEFAULT_PAGE_MEMORY_MB = 512;
const MEMORY_POLL_MS = 250;
const CLOSE_GRACE_MS = 3_000;
/** A kept page not reused within this long is parked on about:blank. */
export const PARK_AFTER_MS = 1_000;
const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class BrowserRuntime {
  private readonly entries = new Map<string, Entry>();
  private readonly launching = new Map<string, Promise<Entry>>();

  constructor(public options: BrowserRuntimeOptions) {}

  get idleCloseMs(): number {
    return this.options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
  }

  get pageMemoryMb(): number {
    return this.options.pageMemoryMb ?? DEFAULT_PAGE_MEMORY_MB;
  }

  /** Sources whose browser is running. */
  running(): string[] {
    return [...this.entries.keys()];
  }

  /** The process id of a source's browser (Linux: found through /proc), or null. */
  pid(source: string): number | null {
    return this.entries.get(source)?.pid ?? null;
  }

  /** Read one page of `source`. The caller must `close()` what it gets. */
  async open(source: string, req: PageRequest, signal: AbortSignal): Promise<OpenPage> {
    // The page's timeout counts a cold start too: the attempt as a whole keeps to it.
    const until = Date.now() + req.timeoutMs;
    const entry = await this.entry(source, req.timeoutMs);
    entry.pages++;
    clearTimeout(entry.idle);
    const guard = this.guard(entry, req, signal, Math.max(1, until - Date.now()));
    let page: Page | undefined;
    let abandoned = false;
    try {
      clearTimeout(entry.parkTimer);
      if (entry.parking) await entry.parking;
      const spare = entry.spare && !entry.spare.isClosed() ? entry.spare : undefined;
      entry.spare = undefined;
      const opening = spare ? Promise.resolve(spare) : entry.context.newPage();
      // A page that opens after its attempt failed (a browser that hung, then woke) is not ours.
      opening.then((p) => (abandoned ? p.close() : undefined)).catch(() => undefined);
      page = await Promise.race([opening, guard.failed]);
      guard.watch(page);
      const raw = await Promise.race([readPage(page, req, guard.failed), guard.failed]);
      guard.stop();
      const opened = page;
      let released = false;
      return {
        raw,
        screenshot: async () => {
          if (released || entry.closed || opened.isClosed()) return null;
          return opened.screenshot({ type: 'png', timeout: 3_000 }).catch(() => null);
        },
        close: async () => {
          if (released) return;
          released = true;
          await this.release(entry, opened, true);
        },
      };
    } catch (error) {
      guard.stop();
      abandoned = !page;
      // No page within the time: the browser is hung, not the page.
      const hung = !page && error instanceof AppError && error.code === 'TIMEOUT';
      // The attempt fails now; closing its page (and killing a hung browser) goes on meanwhile.
      const settling = hung
        ? this.shut(entry).then(() => this.release(entry, undefined))
        : this.release(entry, page);
      entry.settling = settling;
      void settling.finally(() => {
        if (entry.settling === settling) entry.settling = undefined;
      });
      throw error;
    }
  }

  /** Close every browser (worker shutdown, tests). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => this.shut(e)));
  }

  /** Close one source's browser now. */
  async close(source: string): Promise<void> {
    const e = this.entries.get(source);
    if (e) await this.shut(e);
  }

  /**
   * What ends a page early: the page's renderer crashing, the browser going away, the page's timeout,
   * the caller's cancellation, or its JS heap over budget. `failed` rejects with the typed reason.
   */
  private guard(
    entry: Entry,
    req: PageRequest,
    signal: AbortSignal,
    leftMs: number,
  ): { failed: Promise<never>; stop: () => void; watch: (page: Page) => void } {
    const what = redactUrl(req.url);
    let fail: (e: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    const onCrash = (): void =>
      fail(new AppError('WORKER_CRASHED', `${what}: the page crashed in the browser`, { url: what }));
    const onGone = (): void =>
      fail(
        new AppError('WORKER_CRASHED', `${what}: the browser exited while reading the page`, { url: what }),
      );
    const onAbort = (): void => fail(abortReason(signal));
    entry.onClose.add(onGone);
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
    const timer = setTimeout(
      () =>
        fail(
          new AppError(
            'TIMEOUT',
            `${what}: the page was not ready within ${Math.round(req.timeoutMs / 1000)} s` +
              (req.spec.waitFor ? ` (waiting for ${req.spec.waitFor})` : ''),
            { url: what, timeoutMs: req.timeoutMs },
          ),
        ),
      leftMs,
    );
    let poll: NodeJS.Timeout | undefined;
    let watched: Page | undefined;
    let stopped = false;
    const watch = (page: Page): void => {
      watched = page;
      page.on('crash', onCrash);
      const budget = this.pageMemoryMb;
      void metricsSession(entry.context, page).then((cdp) => {
        if (!cdp || stopped) return;
        poll = setInterval(() => {
          cdp
            .send('Performance.getMetrics')
            .then(({ metrics }) => {
              const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
              const mb = Math.round(used / 2 ** 20);
              if (mb > budget)
                fail(
                  new AppError(
                    'WORKER_CRASHED',
                    `${what}: the page used ${mb} MB of JavaScript heap, over its ${budget} MB`,
                    { url: what, reason: 'memory', heapMb: mb, budgetMb: budget },
                  ),
                );
            })
            .catch(() => undefined);
        }, MEMORY_POLL_MS);
        poll.unref();
      });
    };
    const stop = (): void => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      watched?.off('crash', onCrash);
      entry.onClose.delete(onGone);
      signal.removeEventListener('abort', onAbort);
    };
    return { failed, stop, watch };
  }

  private async entry(source: string, timeoutMs: number): Promise<Entry> {
    if (!SOURCE_ID.test(source))
      throw new AppError('INVALID_INPUT', `not a source id: ${source.slice(0, 80)}`);
    const live = this.entries.get(source);
    if (live?.settling) await live.settling;
    if (live && !live.closed && this.entries.get(source) === live) return live;
    let launching = this.launching.get(source);
    if (!launching) {
      launching = this.launch(source, timeoutMs).finally(() => this.launching.delete(source));
      this.launching.set(source, launching);
    }
    return launching;
  }

  private async launch(source: string, timeoutMs: number): Promise<Entry> {
    const env = this.options.env ?? process.env;
    const browser = findHeadlessBrowser({
      configured: this.options.executablePath,
      env,
      ...(this.options.exists ? { exists: this.options.exists } : {}),
    });
    const dir = join(this.options.profilesDir, source);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { chromium } = await import('playwright-core');
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(dir, {
        executablePath: browser.path,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', `--js-flags=--max-old-space-size=${this.pageMemoryMb * 2}`],
        timeout: Math.min(30_000, Math.max(1_000, timeoutMs)),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      // Most often the profile is in use: a sign-in window still open on it.
      throw new AppError('UNAVAILABLE', `${source}: the browser (${browser.path}) did not start: ${why}`, {
        browser: browser.path,
      });
    }
    const entry: Entry = {
      source,
      context,
      pid: browserPid(dir),
      pages: 0,
      idle: undefined,
      closed: false,
      onClose: new Set(),
      settling: undefined,
      spare: undefined,
      parkTimer: undefined,
      parking: undefined,
    };
    context.on('close', () => {
      entry.closed = true;
      clearTimeout(entry.idle);
      clearTimeout(entry.parkTimer);
      if (this.entries.get(source) === entry) this.entries.delete(source);
      for (const tell of [...entry.onClose]) tell();
    });
    // The profile may keep pages of the last session open (restored tabs): they are not ours.
    for (const p of context.pages()) await p.close().catch(() => undefined);
    this.entries.set(source, entry);
    return entry;
  }

  /**
   * Done with a page: a good one is kept for the next fetch (parked on about:blank if none comes
   * soon); a failed one is closed, and one that will not close means a hung browser, which is killed.
   */
  private async release(entry: Entry, page: Page | undefined, good = false): Promise<void> {
    if (page && good && !entry.closed) await this.keep(entry, page);
    else if (page && !entry.closed) {
      const closed = await Promise.race([
        page.close().then(
          () => true,
          () => true,
        ),
        sleep(CLOSE_GRACE_MS).then(() => false),
      ]);
      if (!closed) await this.shut(entry);
    }
    entry.pages = Math.max(0, entry.pages - 1);
    if (entry.pages === 0 && !entry.closed) {
      clearTimeout(entry.idle);
      entry.idle = setTimeout(() => void this.shut(entry), this.idleCloseMs);
      entry.idle.unref();
    }
  }

  private async keep(entry: Entry, page: Page): Promise<void> {
    if (entry.spare || page.isClosed()) return void (await page.close().catch(() => undefined));
    entry.spare = page;
    if (!crashWatched.has(page)) {
      crashWatched.add(page);
      // A kept page whose renderer dies is dropped, not handed to the next fetch.
      page.once('crash', () => {
        if (entry.spare === page) entry.spare = undefined;
        void page.close().catch(() => undefined);
      });
    }
    clearTimeout(entry.parkTimer);
    entry.parkTimer = setTimeout(() => this.park(entry, page), PARK_AFTER_MS);
    entry.parkTimer.unref();
  }

  private park(entry: Entry, page: Page): void {
    if (entry.spare !== page || entry.closed) return;
    const parking = Promise.race([
      page.goto('about:blank').then(
        () => true,
        () => false,
      ),
      sleep(CLOSE_GRACE_MS).then(() => false),
    ]).then(async (parked) => {
      if (entry.parking === parking) entry.parking = undefined;
      if (parked) return;
      if (entry.spare === page) entry.spare = undefined;
      await page.close().catch(() => undefined);
    });
    entry.parking = parking;
  }

  /** Close a browser: gracefully, else (hung) kill its process. */
  private async shut(entry: Entry): Promise<void> {
    clearTimeout(entry.idle);
    clearTimeout(entry.parkTimer);
    if (this.entries.get(entry.source) === entry) this.entries.delete(entry.source);
    if (!entry.closed) {
      const done = await Promise.race([
        entry.context.close().then(
          () => true,
          () => true,
        ),
        sleep(CLOSE_GRACE_MS).then(() => false),
      ]);
      if (!done && entry.pid !== null && pidAlive(entry.pid)) process.kill(entry.pid, 'SIGKILL');
      entry.closed = true;
    }
  }
}

/** One DevTools session per page for its memory check (a kept page keeps its session), or null. */
const sessions = new WeakMap<Page, Promise<CDPSession | null>>();

function metricsSession(context: BrowserContext, page: Page): Promise<CDPSession | null> {
  let s = sessions.get(page);
  if (!s) {
    s = context
      .newCDPSession(page)
      .then(async (cdp) => {
        await cdp.send('Performance.enable');
        return cdp;
      })
      .catch(() => null);
    sessions.set(page, s);
  }
  return s;
}

/** Pages that already have the spare's crash listener (a page is kept again and again). */
const crashWatched = new WeakSet<Page>();

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
