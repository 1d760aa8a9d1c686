import { existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../contract/errors';
import type { CookieStatus } from '../../contract/methods/scrapers';
import type { SourceRegistry } from '../../sources/registry';
import type { SecretCipher } from '../ai/secrets';
import type { EventBus } from '../events/bus';
import type { Logger } from '../logging/logger';
import { cookieHeader, cookieStore, takeCookieCopy } from './cookies-copy';
import { cookieStatus, sourceSession } from './cookies-status';
import { readProfileCookies } from './cookies-store';
import {
  loginSource,
  loginSources,
  loginUrl,
  profileDir,
  sessionHosts,
  type LoginSource,
  profileHolder,
} from './profile-paths';
import { openSigninWindow, type SigninWindow } from './signin-window';

export interface SigninOptions {
  dataDir: string;
  registry: SourceRegistry;
  /** The base URL in force for a source (config.json may point it elsewhere). */
  baseUrl: (id: string) => string;
  /** The model keys' cipher: the cookie copy is encrypted the same way. */
  cipher: SecretCipher;
  events?: EventBus;
  log: Logger;
  /**
   * The user's installed browser (the browser runtime's finder, wired at the merge). Default:
   * `B3AI_CHROMIUM`, else /usr/bin/chromium.
   */
  findBrowser?: () => string;
  /** A source's last failure; UNAUTHORIZED after its sign-in means the site refused the session. */
  lastError?: (id: string) => { at: string; code: string } | null;
  /** Tests only: start the window headless with a DevTools port (see `SigninWindowOptions`). */
  testDriveable?: boolean;
  /** How often an open window's profile is read for the session cookies. */
  pollMs?: number;
  /** An unattended window is closed after this long. */
  windowTimeoutMs?: number;
}

interface OpenWindow {
  window: SigninWindow;
  done: Promise<void>;
  cancelled: boolean;
}

export const defaultFindBrowser = (): string => process.env['B3AI_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Sign-in windows, the session status of each source that signs in, and the encrypted cookie copy
 * HTTP fetchers reuse. Cookie values are only ever in the encrypted copy and in the `Cookie` header
 * handed to a fetch: never logged, never in an answer or an event.
 */
export class SigninService {
  private readonly windows = new Map<string, OpenWindow>();
  private readonly store;

  constructor(private readonly o: SigninOptions) {
    this.store = cookieStore(o.dataDir, o.cipher);
  }

  /** Open the sign-in window for a source; the outcome comes as a `scrapers.login` event. */
  login(name: string): { scraper: string; state: 'opened' | 'already-open' } {
    const src = loginSource(this.o.registry, name);
    const id = src.info.id;
    if (this.windows.has(id)) return { scraper: id, state: 'already-open' };
    const exe = (this.o.findBrowser ?? defaultFindBrowser)();
    if (!existsSync(exe))
      throw new AppError('UNAVAILABLE', `no browser to sign in with: looked for ${exe}`, { looked: [exe] });
    const profile = profileDir(this.o.dataDir, src);
    const holder = profileHolder(profile);
    if (holder !== null)
      throw new AppError(
        'CONFLICT',
        `${id}'s browser profile is in use by a running job (browser pid ${holder}); it is released ` +
          'when the job ends and the browser has been idle for a minute: try again then',
      );
    const window = openSigninWindow({
      executablePath: exe,
      profile,
      url: loginUrl(src, this.o.baseUrl(id)),
      ...(this.o.testDriveable ? { testDriveable: true } : {}),
    });
    const entry: OpenWindow = { window, done: Promise.resolve(), cancelled: false };
    entry.done = this.watch(src, entry, exe).finally(() => this.windows.delete(id));
    this.windows.set(id, entry);
    this.o.log.info('sign-in window opened', { source: id, pid: window.child.pid ?? null });
    return { scraper: id, state: 'opened' };
  }

  /** Close its window, clear the profile and the encrypted copy. */
  async logout(name: string): Promise<{ scraper: string; cleared: boolean }> {
    const src = loginSource(this.o.registry, name);
    const id = src.info.id;
    const open = this.windows.get(id);
    if (open) {
      open.cancelled = true;
      await open.window.close();
      await open.done;
    }
    const profile = profileDir(this.o.dataDir, src);
    const had = existsSync(profile) || this.store.has(id);
    rmSync(profile, { recursive: true, force: true });
    this.store.delete(id);
    this.o.log.info('signed out', { source: id, cleared: had });
    return { scraper: id, cleared: had };
  }

  status(now = Date.now()): CookieStatus {
    const sessions = loginSources(this.o.registry).map((src) => {
      const id = src.info.id;
      return sourceSession({
        source: src,
        cookies: readProfileCookies(profileDir(this.o.dataDir, src)),
        hosts: sessionHosts(src, this.o.baseUrl(id)),
        windowOpen: this.windows.has(id),
        lastError: this.o.lastError?.(id) ?? null,
        now,
      });
    });
    return cookieStatus(sessions, now);
  }

  /** The `Cookie` header for a source's HTTP requests, from the encrypted copy; null without one. */
  cookieHeader(id: string, url?: string): string | null {
    const src = this.o.registry.get(id);
    if (!src?.info.requiresLogin) return null;
    try {
      return cookieHeader(this.store, src.info.id, url ?? this.o.baseUrl(src.info.id));
    } catch (e) {
      this.o.log.warn('cookie copy unreadable', { source: src.info.id, code: (e as AppError).code ?? null });
      return null;
    }
  }

  /** Close every open window (shutdown). */
  async close(): Promise<void> {
    for (const w of this.windows.values()) w.cancelled = true;
    await Promise.all([...this.windows.values()].map((w) => w.window.close().then(() => w.done)));
  }

  /** The source's session as its profile holds it now (`lastError`: whether a refusal counts). */
  private session(src: LoginSource, withLastError: boolean) {
    return sourceSession({
      source: src,
      cookies: readProfileCookies(profileDir(this.o.dataDir, src)),
      hosts: sessionHosts(src, this.o.baseUrl(src.info.id)),
      windowOpen: false,
      lastError: withLastError ? (this.o.lastError?.(src.info.id) ?? null) : null,
      now: Date.now(),
    });
  }

  /** Which session cookies there are, and since when: a new sign-in changes it. */
  private fingerprint(src: LoginSource): string {
    const s = this.session(src, false);
    return JSON.stringify(
      s.cookies.map((c) => [c.name, c.host, c.expires_at]).concat([[String(s.createdAt)]]),
    );
  }

  /** Poll the profile until the session cookies appear or the window closes; then record the result. */
  private async watch(src: LoginSource, w: OpenWindow, exe: string): Promise<void> {
    const id = src.info.id;
    let exited = false;
    void w.window.exited.then(() => (exited = true));
    const deadline = Date.now() + (this.o.windowTimeoutMs ?? 15 * 60_000);
    let found = false;
    try {
      // A session already in the profile (expired, or refused by the site) is not this sign-in's:
      // wait for the session cookies to change.
      const before = this.fingerprint(src);
      while (!exited && !w.cancelled && Date.now() < deadline) {
        await Promise.race([sleep(this.o.pollMs ?? 1_000), w.window.exited]);
        if (!exited && this.session(src, false).signed_in && this.fingerprint(src) !== before) {
          found = true;
          break;
        }
      }
      // Signed in, timed out or cancelled: the browser quits (flushing its cookies), so the profile
      // is free for the headless copy. Closed by the user: read once more, what it flushed on exit.
      await w.window.close();
      if (w.cancelled) return;
      found = found || this.session(src, true).signed_in;
      if (!found) {
        this.o.log.info('sign-in window closed without a session', { source: id });
        this.o.events?.emit('scrapers.login', { scraper: id, result: 'not-signed-in' });
        return;
      }
      // The session is in the profile whatever happens next; only the HTTP copy may fail.
      let copyError: string | undefined;
      try {
        const kept = await takeCookieCopy({
          store: this.store,
          source: src,
          profile: profileDir(this.o.dataDir, src),
          hosts: sessionHosts(src, this.o.baseUrl(id)),
          executablePath: exe,
        });
        this.o.log.info('signed in', { source: id, cookiesKept: kept });
      } catch (e) {
        copyError = 'signed in, but the cookie copy for HTTP requests could not be taken';
        const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '').slice(0, 300) : 'unknown';
        this.o.log.warn('signed in; cookie copy failed', { source: id, error: detail });
      }
      this.o.events?.emit('scrapers.login', {
        scraper: id,
        result: 'signed-in',
        ...(copyError ? { message: copyError } : {}),
      });
    } catch (e) {
      const message = e instanceof AppError ? e.message : 'the sign-in could not be recorded';
      // The first line only: a browser's launch log may follow (never cookie values, which no error carries).
      const detail = e instanceof Error ? (e.message.split('\n')[0] ?? '').slice(0, 300) : 'unknown';
      this.o.log.warn('sign-in failed', { source: id, error: detail });
      this.o.events?.emit('scrapers.login', { scraper: id, result: 'failed', message });
    }
  }
}
