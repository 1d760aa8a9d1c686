import { join } from 'node:path';
import { z } from 'zod';
import { KeyStore, type SecretCipher } from '../ai/secrets';
import { browserRoot, coversHost, type LoginSource } from './profile-paths';

/**
 * The session cookies of each signed-in source, encrypted like the model keys (the same cipher, a
 * KeyStore file of its own: `<data-dir>/browser/cookies.json`, one entry per source id), for HTTP
 * fetchers that send them as a `Cookie` header. Chromium encrypts cookie values on disk, so they are
 * read through a browser: the source's profile opened headless by playwright-core, after the
 * sign-in window has closed (a profile opens in one browser at a time).
 */
const StoredCookie = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  /** Epoch seconds; -1 for a cookie that ends with the browser session. */
  expires: z.number(),
  secure: z.boolean(),
});
type StoredCookie = z.infer<typeof StoredCookie>;
const Stored = z.object({ takenAt: z.string(), cookies: z.array(StoredCookie) });

export function cookieStore(dataDir: string, cipher: SecretCipher): KeyStore {
  return new KeyStore(join(browserRoot(dataDir), 'cookies.json'), cipher);
}

/**
 * Read the profile's cookies for the source's hosts through a headless browser and store them
 * encrypted. Returns how many were kept (never their values).
 */
export async function takeCookieCopy(o: {
  store: KeyStore;
  source: LoginSource;
  profile: string;
  hosts: string[];
  executablePath: string;
}): Promise<number> {
  // Loaded when a sign-in needs it, not with the app (playwright-core costs ~0.5 s to load).
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(o.profile, {
    headless: true,
    executablePath: o.executablePath,
    args: process.getuid?.() === 0 ? ['--no-sandbox', '--disable-gpu'] : ['--disable-gpu'],
  });
  let cookies: StoredCookie[];
  try {
    cookies = (await context.cookies())
      .filter((c) => coversHost(c.domain, o.hosts))
      .map((c) => ({
        name: c.name,
        value: c.value,
        domain: c.domain,
        path: c.path,
        expires: c.expires,
        secure: c.secure,
      }));
  } finally {
    await context.close();
  }
  if (cookies.length === 0) {
    o.store.delete(o.source.info.id);
    return 0;
  }
  o.store.set(o.source.info.id, JSON.stringify({ takenAt: new Date().toISOString(), cookies }));
  return cookies.length;
}

/**
 * The `Cookie` header for a request of the source to `url` (its base URL when absent): the stored
 * cookies whose domain and path match and that have not expired; null when there are none.
 */
export function cookieHeader(
  store: KeyStore,
  sourceId: string,
  url: string,
  now = Date.now(),
): string | null {
  const text = store.get(sourceId);
  if (text === null) return null;
  let parsed: z.infer<typeof Stored>;
  try {
    parsed = Stored.parse(JSON.parse(text));
  } catch {
    return null;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const https = u.protocol === 'https:';
  const pairs = parsed.cookies
    .filter((c) => c.expires < 0 || c.expires * 1000 > now)
    .filter((c) => domainMatches(c.domain, u.hostname.toLowerCase()))
    .filter((c) => u.pathname.startsWith(c.path) || c.path === '/')
    .filter((c) => !c.secure || https || u.hostname === '127.0.0.1' || u.hostname === 'localhost')
    .map((c) => `${c.name}=${c.value}`);
  return pairs.length ? pairs.join('; ') : null;
}

/** RFC 6265 domain match: the host is the cookie's domain or a subdomain of it. */
function domainMatches(domain: string, host: string): boolean {
  const d = domain.toLowerCase().replace(/^\./, '');
  return host === d || host.endsWith(`.${d}`);
}
